import type { ExporterHandler } from '@dossier/core/plugins';
import { describe, expect, it } from 'vitest';
import { buildSampleCv, createTestContext, createTestDeps } from '../test-support/sample-content.js';
import { textExporter } from './text-exporter.js';

const render = async (options = {}) => {
  const exporter = (await textExporter.create({}, createTestDeps())) as ExporterHandler;
  return new TextDecoder().decode(
    (await exporter.export({ content: buildSampleCv(), options }, createTestContext())).bytes,
  );
};

describe('txt-exporter', () => {
  it('writes plain text with headings on their own lines and URLs spelled out', async () => {
    const text = await render();
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Zoë 李',
      'Senior Backend Engineer',
      'zoe.li@example.com | +44 20 7946 0958 | London, UK',
    ]);
    for (const heading of ['SUMMARY', 'EXPERIENCE', 'PROJECTS', 'SKILLS', 'EDUCATION'])
      expect(lines).toContain(heading);
    expect(lines).toContain(
      '- Rebuilt the CI/CD workflow with GitHub Actions and Docker, from 25 to 7 minutes per build.',
    );
    expect(lines).toContain(
      'Evidence: build-tools repository <https://github.com/northwind-example/build-tools>',
    );
    expect(text).not.toMatch(/[<>]\w+>|\*\*|##/);
  });

  it('omits or marks broken evidence', async () => {
    expect(await render({ brokenEvidence: 'omit' })).not.toContain('ledger-launch');
    expect(await render({ brokenEvidence: 'mark' })).toContain(
      'Evidence: Launch post (link unavailable) <https://',
    );
  });
});
