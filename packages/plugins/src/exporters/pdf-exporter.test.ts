import { createRequire } from 'node:module';
import { getDefaultTaxonomy } from '@dossier/core';
import type { ExporterHandler } from '@dossier/core/plugins';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTermFinder } from '../ats/create-term-finder.js';
import { extractPdfText } from '../ats/extract-pdf-text.js';
import { selectCriticalTerms } from '../ats/select-critical-terms.js';
import {
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
} from '../test-support/sample-content.js';
import { pdfExporter } from './pdf-exporter.js';

const ctx = createTestContext();
let exporter: ExporterHandler;

beforeAll(async () => {
  exporter = (await pdfExporter.create({}, createTestDeps())) as ExporterHandler;
});

const exportPdf = async (content = buildSampleCv(), options = {}) =>
  (await exporter.export({ content, options }, ctx)).bytes;

/** URIs of the link annotations, read with pdfjs. */
async function readLinks(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const doc = await task.promise;
  const links: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const annotation of (await (await doc.getPage(n)).getAnnotations()) as { url?: string }[]) {
      if (annotation.url) links.push(annotation.url);
    }
  }
  await task.destroy();
  return links;
}

async function pageSize(bytes: Uint8Array): Promise<number[]> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const page = await (await task.promise).getPage(1);
  const size = page.view.slice(2).map(Math.round);
  await task.destroy();
  return size;
}

describe('pdf-exporter', () => {
  it('round-trips every heading and critical keyword through an independent extractor', async () => {
    const content = buildSampleCv();
    const pdf = await extractPdfText(await exportPdf(content));
    const lines = pdf.text.split('\n').map((line) => line.trim());
    for (const section of content.sections) expect(lines).toContain(section.heading);
    const taxonomy = getDefaultTaxonomy();
    const inPdf = createTermFinder(pdf.text, taxonomy);
    const stated = createTermFinder(JSON.stringify(content.sections), taxonomy);
    const critical = selectCriticalTerms(buildSampleJob(), taxonomy).filter((term) => stated.has(term));
    expect(critical.map((t) => t.name)).toEqual(
      expect.arrayContaining(['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'CI/CD']),
    );
    for (const term of critical) expect(inPdf.has(term), term.name).toBe(true);
    expect(pdf.text).toContain('zoe.li@example.com');
    expect(pdf.text).toContain('+44 20 7946 0958');
  });

  it('keeps the non-Latin name and the emoji as text', async () => {
    const pdf = await extractPdfText(await exportPdf());
    expect(pdf.text.split('\n')[0]).toBe('Zoë 李');
    expect(pdf.text).toContain('incidents 🚀 adopted');
    expect(pdf.text).not.toContain('\uFFFD');
    expect(pdf.text.includes(String.fromCharCode(0))).toBe(false);
  });

  it('draws characters DejaVu Sans lacks from the fallback font, and only in documents that have them', async () => {
    const embedded = (bytes: Uint8Array) =>
      [
        ...Buffer.from(bytes)
          .toString('latin1')
          .matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g),
      ].map((m) => m[1]);
    const withChinese = buildSampleCv();
    withChinese.profile.name = 'Zoë 李明';
    withChinese.profile.location = '北京 Beijing';
    const bytes = await exportPdf(withChinese);
    // The name is bold, the location regular: both weights of the fallback are embedded (subsets).
    expect(new Set(embedded(bytes))).toEqual(
      new Set(['DejaVuSans-Bold', 'DejaVuSans', 'NotoSansHans-Bold', 'NotoSansHans-Regular']),
    );
    const pdf = await extractPdfText(bytes);
    expect(pdf.text.split('\n')[0]).toBe('Zoë 李明');
    expect(pdf.text).toContain('北京 Beijing');
    const latinOnly = buildSampleCv();
    latinOnly.profile.name = 'Zoë Li';
    expect(new Set(embedded(await exportPdf(latinOnly)))).toEqual(new Set(['DejaVuSans-Bold', 'DejaVuSans']));
  });

  it('maps each missing character to itself even when documents share every other glyph', async () => {
    const first = buildSampleCv();
    const second = buildSampleCv();
    second.profile.name = 'Zoë 王';
    expect((await extractPdfText(await exportPdf(first))).text.split('\n')[0]).toBe('Zoë 李');
    expect((await extractPdfText(await exportPdf(second))).text.split('\n')[0]).toBe('Zoë 王');
  });

  it('writes fi/fl words with one glyph per letter', async () => {
    const pdf = await extractPdfText(await exportPdf());
    for (const word of ['efficient', 'workflow', 'fluent', 'profiling', 'office'])
      expect(pdf.text).toContain(word);
    expect(pdf.text).not.toMatch(/[\uFB00-\uFB06]/u);
    expect(pdf.ligatureGlyphs).toEqual([]);
  });

  it('would have ligatures with pdfkit defaults (the check above can fail)', async () => {
    const require = createRequire(import.meta.url);
    const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc
      .font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))
      .text('efficient workflow', { features: [] });
    doc.end();
    await ended;
    const pdf = await extractPdfText(new Uint8Array(Buffer.concat(chunks)));
    expect(pdf.ligatureGlyphs.length).toBeGreaterThan(0);
  });

  it('adds link annotations for contact links and evidence', async () => {
    expect(await readLinks(await exportPdf())).toEqual(
      expect.arrayContaining([
        'mailto:zoe.li@example.com',
        'https://github.com/zoe-li-example',
        'https://github.com/northwind-example/ledger/pull/118',
        'https://github.com/northwind-example/build-tools',
        'https://github.com/zoe-li-example/oncall-bot',
      ]),
    );
  });

  it('numbers evidence footnotes and lists their URLs when asked', async () => {
    const plain = await extractPdfText(await exportPdf());
    expect(plain.text).not.toContain('Evidence links');
    const pdf = await extractPdfText(await exportPdf(buildSampleCv(), { evidenceFootnotes: true }));
    expect(pdf.text).toContain('Ledger batching PR [1]');
    expect(pdf.text).toContain(
      '[1] Ledger batching PR: https://github.com/northwind-example/ledger/pull/118',
    );
    expect(pdf.text).toContain('[4] oncall-bot: https://github.com/zoe-li-example/oncall-bot');
  });

  it('marks, omits or keeps broken evidence', async () => {
    const broken = 'https://engineering.northwind.example/ledger-launch';
    const keptBytes = await exportPdf(buildSampleCv(), { brokenEvidence: 'keep' });
    expect(await readLinks(keptBytes)).toContain(broken);
    expect((await extractPdfText(keptBytes)).text).not.toContain('link unavailable');
    const marked = await extractPdfText(await exportPdf(buildSampleCv(), { brokenEvidence: 'mark' }));
    expect(marked.text).toContain('Launch post (link unavailable)');
    const omittedBytes = await exportPdf(buildSampleCv(), { brokenEvidence: 'omit' });
    const omittedLinks = await readLinks(omittedBytes);
    expect(omittedLinks).not.toContain(broken);
    expect(omittedLinks).toContain('https://github.com/northwind-example/ledger/pull/118');
    expect((await extractPdfText(omittedBytes)).text).not.toContain('Launch post');
  });

  it('is deterministic: same content, same bytes', async () => {
    const a = await exportPdf();
    const b = await exportPdf();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = buildSampleCv();
    other.meta.generatedAt = '2026-02-01T00:00:00.000Z';
    expect(Buffer.from(await exportPdf(other)).equals(Buffer.from(a))).toBe(false);
  });

  it('fits a normal CV on at most two pages and a letter on one', async () => {
    expect((await extractPdfText(await exportPdf())).pageCount).toBeLessThanOrEqual(2);
    const letter = await extractPdfText(await exportPdf(buildSampleLetter()));
    expect(letter.pageCount).toBe(1);
    expect(letter.text).toContain('Dear Acme Logistics hiring team,');
    expect(letter.text).toContain('15 January 2026');
  });

  it('flows a long CV across pages without losing or splitting text', async () => {
    const content = buildSampleCv();
    const experience = content.sections[1]!;
    experience.items = Array.from({ length: 8 }, (_, n) =>
      experience.items.map((item) => ({
        ...item,
        id: `${item.id}-${n}`,
        bullets: item.bullets.map((b) => `${b} (round ${n})`),
      })),
    ).flat();
    const pdf = await extractPdfText(await exportPdf(content));
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    const flat = pdf.text.replace(/\s+/g, ' ');
    for (const item of experience.items) for (const bullet of item.bullets) expect(flat).toContain(bullet);
    for (const page of pdf.pages.slice(1)) expect(page.length).toBeGreaterThan(0);
  });

  it('keeps every line inside the margins and breaks a word wider than the line', async () => {
    const content = buildSampleCv();
    const token = `https://example.com/${'very-long-path-segment-'.repeat(12)}end`;
    const item = content.sections[1]!.items[0]!;
    item.bullets = [...item.bullets, `Published the trace at ${token} for review`];
    const bytes = await exportPdf(content);
    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
    const doc = await task.promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const right = page.view[2]! - 54;
      for (const entry of (await page.getTextContent()).items as {
        str: string;
        transform: number[];
        width: number;
      }[]) {
        expect(entry.transform[4]! + entry.width).toBeLessThanOrEqual(right + 0.5);
        text += entry.str;
      }
    }
    await task.destroy();
    expect(text.replace(/\s+/g, '')).toContain(token);
  });

  it('lays out A4 by default and US Letter on request', async () => {
    expect(await pageSize(await exportPdf())).toEqual([595, 842]);
    const letterExporter = (await pdfExporter.create(
      { pageSize: 'letter' },
      createTestDeps(),
    )) as ExporterHandler;
    const bytes = (await letterExporter.export({ content: buildSampleCv() }, ctx)).bytes;
    expect(await pageSize(bytes)).toEqual([612, 792]);
  });

  it('stops on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      exporter.export({ content: buildSampleCv() }, createTestContext(controller.signal)),
    ).rejects.toThrow();
  });
});
