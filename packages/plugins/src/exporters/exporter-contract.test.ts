import { expectPluginToPass } from '@dossier/core/testing';
import { describe, it } from 'vitest';
import { buildSampleCv, createTestDeps } from '../test-support/sample-content.js';
import { exporterPlugins } from './index.js';

describe('exporters and the plugin contract', () => {
  for (const plugin of exporterPlugins) {
    it(`${plugin.name} passes the contract kit`, async () => {
      await expectPluginToPass(plugin, {
        deps: createTestDeps(),
        sample: { content: buildSampleCv(), options: { evidenceFootnotes: true, brokenEvidence: 'mark' } },
      });
    });
  }
});
