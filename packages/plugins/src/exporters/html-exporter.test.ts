import type { TDocumentContent } from '@dossier/core';
import type { ExporterHandler } from '@dossier/core/plugins';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSampleCv, createTestContext, createTestDeps } from '../test-support/sample-content.js';
import { escapeHtml, htmlExporter } from './html-exporter.js';

let exporter: ExporterHandler;
beforeAll(async () => {
  exporter = (await htmlExporter.create({}, createTestDeps())) as ExporterHandler;
});

const render = async (content: TDocumentContent, options = {}) =>
  new TextDecoder().decode((await exporter.export({ content, options }, createTestContext())).bytes);

function hostileCv(): TDocumentContent {
  const cv = buildSampleCv();
  cv.profile.name = 'Zoë <script>alert(1)</script>';
  cv.title = '</title><script>x()</script>';
  cv.sections[0]!.heading = 'Summary <img src=x onerror=alert(2)>';
  const item = cv.sections[1]!.items[0]!;
  item.bullets.push('Used "quotes" & <b>tags</b> in \'bullets\'');
  item.links.push({ url: 'javascript:alert(3)', label: 'click <me>', evidenceId: null, status: 'valid' });
  item.links.push({
    url: 'https://example.com/?a=1&b="2"',
    label: 'query',
    evidenceId: null,
    status: 'valid',
  });
  return cv;
}

describe('html-exporter', () => {
  it('escapes every piece of text and attribute', async () => {
    const html = await render(hostileCv());
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Zoë &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(html).toContain('Used &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt; in &#39;bullets&#39;');
    expect(html).toContain('href="https://example.com/?a=1&amp;b=&quot;2&quot;"');
  });

  it('never links a javascript: URL', async () => {
    const html = await render(hostileCv());
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<span>click &lt;me&gt;</span>');
  });

  it('is self-contained and print-friendly', async () => {
    const html = await render(buildSampleCv());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[^<]*@media print/);
    expect(html).not.toMatch(/<link |<script|src="/);
    expect(html).toContain('<h1>Zoë 李</h1>');
    expect(html.match(/<h2>/g)?.length).toBe(5);
    expect(html).toContain(
      '<li>Triages Prometheus alerts and opens incidents 🚀 adopted by 40 engineers across 6 teams.</li>',
    );
    expect(html).toContain(
      '<a href="https://github.com/northwind-example/ledger/pull/118">Ledger batching PR</a>',
    );
  });

  it('marks and omits broken evidence', async () => {
    const marked = await render(buildSampleCv(), { brokenEvidence: 'mark' });
    expect(marked).toContain('class="unavailable">Launch post (link unavailable)</a>');
    const omitted = await render(buildSampleCv(), { brokenEvidence: 'omit' });
    expect(omitted).not.toContain('ledger-launch');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
