import { expectPluginToPass } from '@dossier/core/testing';
import { describe, it } from 'vitest';
import {
  buildSampleArtifacts,
  buildSampleCv,
  buildSampleJob,
  createTestDeps,
  createTestRenderer,
} from '../test-support/sample-content.js';
import { atsCheckerPlugins } from './index.js';

describe('ATS checkers and the plugin contract', () => {
  for (const plugin of atsCheckerPlugins) {
    it(`${plugin.name} passes the contract kit`, async () => {
      const content = buildSampleCv();
      const { render } = await createTestRenderer(content);
      await expectPluginToPass(plugin, {
        deps: createTestDeps(),
        sample: { content, job: buildSampleJob(), artifacts: buildSampleArtifacts(), render },
      });
    });
  }
});
