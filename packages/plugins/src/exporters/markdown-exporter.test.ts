import type { ExporterHandler } from '@dossier/core/plugins';
import { describe, expect, it } from 'vitest';
import {
  buildSampleCv,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
} from '../test-support/sample-content.js';
import { escapeMarkdown, markdownExporter } from './markdown-exporter.js';

const render = async (content = buildSampleCv(), options = {}) => {
  const exporter = (await markdownExporter.create({}, createTestDeps())) as ExporterHandler;
  const output = await exporter.export({ content, options }, createTestContext());
  expect(output.mediaType).toMatch(/^text\/markdown/);
  return new TextDecoder().decode(output.bytes);
};

describe('md-exporter', () => {
  it('writes the name, headings, entries, bullets and evidence links', async () => {
    const md = await render();
    expect(md.startsWith('# Zoë 李\n')).toBe(true);
    expect(md.match(/^## .+$/gm)).toEqual([
      '## Summary',
      '## Experience',
      '## Projects',
      '## Skills',
      '## Education',
    ]);
    expect(md).toContain('### Payments ledger service');
    expect(md).toContain('*Senior Backend Engineer, Northwind Bank | Mar 2021 – Present*');
    expect(md).toContain('- Cut settlement latency by 42% by batching PostgreSQL writes');
    expect(md).toContain('[Ledger batching PR](https://github.com/northwind-example/ledger/pull/118)');
    expect(md).toContain('**Languages:** TypeScript, Python');
  });

  it('applies brokenEvidence and footnotes', async () => {
    expect(await render(buildSampleCv(), { brokenEvidence: 'omit' })).not.toContain('ledger-launch');
    expect(await render(buildSampleCv(), { brokenEvidence: 'mark' })).toContain(
      '[Launch post (link unavailable)]',
    );
    const noted = await render(buildSampleCv(), { evidenceFootnotes: true });
    expect(noted).toContain('## Evidence links');
    expect(noted).toContain('1. [Ledger batching PR](https://github.com/northwind-example/ledger/pull/118)');
  });

  it('keeps a letter as paragraphs, with its line breaks', async () => {
    const md = await render(buildSampleLetter());
    expect(md).not.toContain('## ');
    expect(md).toContain('Kind regards,  \nZoë 李');
  });

  it('escapes markup in content', () => {
    expect(escapeMarkdown('C# and *bold* [x](y) <script>')).toBe(
      'C\\# and \\*bold\\* \\[x\\](y) \\<script\\>',
    );
    expect(escapeMarkdown('- not a list\n1. nor this')).toBe('\\- not a list\n1\\. nor this');
  });
});
