import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPdfFonts } from '../../exporters/load-pdf-fonts.js';
import { buildSampleCv, createTestRenderer } from '../../test-support/sample-content.js';
import { ATS_PROFILES } from './ats-profiles.js';
import { extractDocxXml } from './extract-docx-xml.js';
import { extractWithMammoth } from './extract-with-mammoth.js';
import { extractWithPdfjs } from './extract-with-pdfjs.js';
import { extractWithPdftotext } from './extract-with-pdftotext.js';
import { readAsProfile } from './read-as-profile.js';
import {
  docxWithContactInHeader,
  docxWithLayoutTable,
  twoColumnPdf,
} from './test-support/craft-documents.js';
import type { AtsExtraction, AtsExtractionOutcome } from './types.js';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const rules = (name: string) => ATS_PROFILES.find((profile) => profile.name === name)!.rules;

function ok(outcome: AtsExtractionOutcome): AtsExtraction {
  if (!outcome.ok) throw new Error(`extraction failed: ${outcome.reason}`);
  return outcome.extraction;
}

/** Two pages, each with a running header, a line of body text and a page number in the footer band. */
function pdfWithRunningHeader(): Promise<Uint8Array> {
  const fonts = loadPdfFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 10, bottom: 10, left: 54, right: 54 } });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.font('regular').fontSize(9);
  for (const page of [1, 2]) {
    if (page > 1) doc.addPage();
    doc.text('Jane Roe · jane@example.com', 54, 18, { lineBreak: false });
    doc.text(`Body text of page ${page}`, 54, 300, { lineBreak: false });
    doc.text(`Page ${page} of 2`, 54, 815, { lineBreak: false });
  }
  doc.end();
  return done;
}

let pdf: Uint8Array;
let docx: Uint8Array;
beforeAll(async () => {
  const { render } = await createTestRenderer(buildSampleCv());
  pdf = (await render('pdf')).bytes;
  docx = (await render('docx')).bytes;
});

describe('pdfjs extractor', () => {
  it('gives lines in drawing order with positions, font sizes and heading styles', async () => {
    const extraction = ok(await extractWithPdfjs(pdf));
    expect(extraction).toMatchObject({ extractor: 'pdfjs', format: 'pdf', pageCount: 1 });
    const [name, headline] = extraction.lines;
    expect(name).toMatchObject({ text: 'Zoë 李', page: 1, region: 'body', headingStyle: true, x: 54 });
    expect(headline).toMatchObject({ text: 'Senior Backend Engineer', headingStyle: false });
    expect(extraction.lines.find((line) => line.text === 'Experience')).toMatchObject({ headingStyle: true });
    expect(extraction.lines.find((line) => line.text === 'Payments ledger service')?.headingStyle).toBe(
      false,
    );
    expect(extraction.text).toContain('zoe.li@example.com | +44 20 7946 0958');
  });

  it('marks text in the top and bottom bands as header and footer', async () => {
    const extraction = ok(await extractWithPdfjs(await pdfWithRunningHeader()));
    expect(extraction.lines.map((line) => [line.region, line.text])).toEqual([
      ['header', 'Jane Roe · jane@example.com'],
      ['body', 'Body text of page 1'],
      ['footer', 'Page 1 of 2'],
      ['header', 'Jane Roe · jane@example.com'],
      ['body', 'Body text of page 2'],
      ['footer', 'Page 2 of 2'],
    ]);
    expect(readAsProfile(extraction, rules('header-footer-blind')).ignored).toHaveLength(4);
  });

  it('rebuilds rows across the page for the strict single-column reading', async () => {
    const extraction = ok(await extractWithPdfjs(await twoColumnPdf(buildSampleCv())));
    // Drawing order: the left column, then the right one.
    const texts = extraction.lines.map((line) => line.text);
    expect(texts.indexOf('Education')).toBeLessThan(texts.indexOf('Summary'));
    const strict = readAsProfile(extraction, rules('strict-single-column'));
    expect(strict.lines.map((line) => line.text)).toContain('Skills Summary');
    expect(strict.interleavedCount).toBeGreaterThan(5);
    expect(readAsProfile(extraction, rules('keyword-exact')).interleavedCount).toBe(0);
  });

  it('reports an unreadable file instead of throwing', async () => {
    const outcome = await extractWithPdfjs(new TextEncoder().encode('not a pdf'));
    expect(outcome).toMatchObject({
      ok: false,
      skipped: false,
      reason: expect.stringMatching(/^pdfjs could not/),
    });
  });
});

describe('DOCX extractors', () => {
  it('docx-xml reads headers and footers, heading styles and table cells', async () => {
    const header = ok(await extractDocxXml(await docxWithContactInHeader(buildSampleCv())));
    expect(header.lines.slice(0, 2)).toEqual([
      expect.objectContaining({ text: 'Zoë 李', region: 'header', headingStyle: true }),
      expect.objectContaining({
        text: 'zoe.li@example.com | +44 20 7946 0958 | London, UK',
        region: 'header',
      }),
    ]);
    expect(header.lines[2]).toMatchObject({
      text: 'Summary',
      region: 'body',
      headingStyle: true,
      table: null,
    });

    const table = ok(await extractDocxXml(await docxWithLayoutTable(buildSampleCv())));
    expect(table.lines.find((line) => line.text === 'Skills')?.table).toEqual({ index: 0, row: 0, cell: 0 });
    expect(table.lines.find((line) => line.text === 'Experience')?.table).toEqual({
      index: 0,
      row: 0,
      cell: 1,
    });
    const flat = readAsProfile(table, rules('table-flattening'));
    expect(flat.flattenedRows).toBe(1);
    expect(flat.lines.map((line) => line.text)).not.toContain('Experience');
  });

  it('docx-xml and mammoth agree on the text of the exporter’s DOCX', async () => {
    const xml = ok(await extractDocxXml(docx));
    const html = ok(await extractWithMammoth(docx));
    expect(xml.lines.map((line) => line.text)).toEqual(html.lines.map((line) => line.text));
    expect(html.lines.filter((line) => line.headingStyle).map((line) => line.text)).toEqual([
      'Zoë 李',
      'Summary',
      'Experience',
      'Projects',
      'Skills',
      'Education',
    ]);
  });

  it('mammoth does not see the page header', async () => {
    const extraction = ok(await extractWithMammoth(await docxWithContactInHeader(buildSampleCv())));
    expect(extraction.capabilities.headersAndFooters).toBe(false);
    expect(extraction.text).not.toContain('zoe.li@example.com');
    expect(extraction.lines[0]?.text).toBe('Summary');
  });

  it('reports a file that is not a DOCX', async () => {
    const bytes = new TextEncoder().encode('plain text');
    expect(await extractDocxXml(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/zip/) });
    expect(await extractWithMammoth(bytes)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^mammoth/),
    });
  });
});

describe('pdftotext extractor', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dossier-pdftotext-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is skipped, with the reason, when the program is missing', async () => {
    const outcome = await extractWithPdftotext(pdf, 'layout', {
      binary: path.join(dir, 'no-such-pdftotext'),
    });
    expect(outcome).toMatchObject({
      ok: false,
      skipped: true,
      extractor: 'pdftotext-layout',
      reason: expect.stringMatching(
        /is not installed \(it comes with poppler-utils\); pdftotext-layout skipped$/,
      ),
    });
  });

  it('is stopped after its timeout', async () => {
    const slow = path.join(dir, 'slow-pdftotext');
    await writeFile(slow, '#!/bin/sh\nexec sleep 5\n');
    await chmod(slow, 0o755);
    const outcome = await extractWithPdftotext(pdf, 'raw', { binary: slow, timeoutMs: 200 });
    expect(outcome).toMatchObject({
      ok: false,
      skipped: false,
      reason: 'pdftotext-raw took longer than 200 ms and was stopped',
    });
  });

  describe.skipIf(!HAS_PDFTOTEXT)(
    `with poppler-utils installed${HAS_PDFTOTEXT ? '' : ' (skipped: pdftotext is not on PATH; apt-get install poppler-utils)'}`,
    () => {
      it('reads the exporter’s PDF in layout and raw modes', async () => {
        for (const mode of ['layout', 'raw'] as const) {
          const extraction = ok(await extractWithPdftotext(pdf, mode));
          expect(extraction).toMatchObject({ extractor: `pdftotext-${mode}`, pageCount: 1 });
          expect(extraction.lines.slice(0, 3).map((line) => line.text)).toEqual([
            'Zoë 李',
            'Senior Backend Engineer',
            'zoe.li@example.com | +44 20 7946 0958 | London, UK | GitHub | zoe.example.dev',
          ]);
          expect(extraction.capabilities.order).toBe(mode === 'layout' ? 'physical-rows' : 'content-stream');
        }
      });

      it('keeps side-by-side columns on shared lines in layout mode only', async () => {
        const twoColumns = await twoColumnPdf(buildSampleCv());
        const layout = ok(await extractWithPdftotext(twoColumns, 'layout'));
        const raw = ok(await extractWithPdftotext(twoColumns, 'raw'));
        expect(layout.lines.map((line) => line.text)).toContain('Skills Summary');
        expect(layout.notes[0]).toMatch(/^\d+ line\(s\) hold text set side by side/);
        expect(raw.lines.map((line) => line.text)).toContain('Skills');
        expect(raw.notes).toEqual([]);
      });

      it('marks a line repeated on every page as header or footer', async () => {
        const extraction = ok(await extractWithPdftotext(await pdfWithRunningHeader(), 'raw'));
        expect(extraction.lines.filter((line) => line.region !== 'body').map((line) => line.region)).toEqual([
          'header',
          'footer',
          'header',
          'footer',
        ]);
      });
    },
  );
});
