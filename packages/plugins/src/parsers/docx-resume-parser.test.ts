import type { TPipelinePortfolio } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCX_MEDIA_TYPE, docxResumeParser } from './docx-resume-parser.js';
import { ParseError } from './parse-error.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';
import {
  DOCX_RESUME,
  generateResumeDocx,
  generateSmallZip,
  generateZipBomb,
  patchDeclaredSize,
} from './test-support/generate-resume-docx.js';

const MB = 1024 * 1024;
let harness: ParserHarness;
let docx: Uint8Array;
beforeAll(async () => {
  harness = await createParserHarness(docxResumeParser);
  docx = await generateResumeDocx();
});

const parse = (bytes: Uint8Array, h = harness) => h.parse({ mediaType: DOCX_MEDIA_TYPE, bytes });
async function failure(promise: Promise<unknown>): Promise<ParseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('docx-resume parser', () => {
  it('passes the plugin contract kit', async () => {
    await expectPluginToPass(docxResumeParser, { sample: { mediaType: DOCX_MEDIA_TYPE, bytes: docx } });
  });

  it('reads a Word resume through mammoth: headings, bold entry lines, bullets, hyperlinks', async () => {
    harness.diagnostics.length = 0;
    const { portfolio } = (await parse(docx)) as { portfolio: TPipelinePortfolio };
    expect(portfolio.profile).toMatchObject({
      name: DOCX_RESUME.name,
      headline: 'Staff Backend Engineer',
      email: DOCX_RESUME.email,
      phone: '+49 30 5550 1234',
      location: 'Berlin, Germany',
    });
    expect(portfolio.profile.education).toEqual([
      {
        institution: 'Technische Universität Berlin',
        studyType: 'M.Sc.',
        area: 'Computer Science',
        startDate: '2014',
        endDate: '2016',
      },
    ]);
    const [staff, backend, project] = portfolio.artifacts;
    expect(staff).toMatchObject({
      id: 'docx-experience-0',
      role: 'Staff Backend Engineer',
      organization: 'Quayside Payments',
      startDate: '2021-03',
      endDate: null,
      summary: 'Leads the settlement platform team.',
    });
    expect(staff!.outcomes).toHaveLength(2);
    expect(staff!.skills).toEqual(expect.arrayContaining(['go', 'kafka']));
    expect(backend).toMatchObject({
      role: 'Backend Engineer',
      organization: 'Parcelwise',
      startDate: '2017',
      endDate: '2021',
    });
    expect(project).toMatchObject({
      id: 'docx-project-0',
      title: DOCX_RESUME.project.title,
      startDate: '2022',
      endDate: '2024',
    });
    expect(project!.evidence).toEqual([
      expect.objectContaining({ id: 'docx-project-0-ev-0', url: DOCX_RESUME.project.url, kind: 'repo' }),
    ]);
    // Skills listed in the Skills section join the artifacts that mention them; the rest are reported.
    expect(backend!.technologies).toContain('Python');
    expect(harness.diagnostics.find((d) => d.ruleId === 'resume/unattached-skills')?.message).toContain(
      'PostgreSQL',
    );
  });

  it('refuses a zip bomb from its central directory, before inflating anything', async () => {
    const bomb = await generateZipBomb(60 * MB);
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const started = performance.now();
    const error = await failure(parse(bomb));
    const ms = performance.now() - started;
    expect(error.code).toBe('ZIP_BOMB');
    expect(error.details).toMatchObject({ maxUncompressedBytes: 50 * MB });
    expect(error.details?.uncompressedBytes).toBeGreaterThan(60 * MB - 1);
    console.info(`zip bomb (${bomb.byteLength} bytes declaring 60 MB) refused in ${ms.toFixed(1)} ms`);
  });

  it('decides from declared sizes alone: an entry that could not even be inflated is still refused as a bomb', async () => {
    // Inflating this entry would fail (its data is 3 bytes, not 60 MB); ZIP_BOMB proves nothing was inflated.
    const zip = await generateSmallZip({ 'word/document.xml': '<w:document/>', 'word/media/big.bin': 'abc' });
    expect((await failure(parse(patchDeclaredSize(zip, 'word/media/big.bin', 60 * MB)))).code).toBe(
      'ZIP_BOMB',
    );
  });

  it('stops an entry that inflates past the size it declares', async () => {
    const zip = await generateSmallZip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': ' '.repeat(4 * MB),
    });
    const error = await failure(parse(patchDeclaredSize(zip, 'word/document.xml', 100)));
    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toContain('word/document.xml');
  });

  it('applies the configured limits', async () => {
    const strict = await createParserHarness(docxResumeParser, { maxUncompressedBytes: 1000 });
    expect((await failure(parse(docx, strict))).code).toBe('ZIP_BOMB');
    const few = await createParserHarness(docxResumeParser, { maxEntries: 3 });
    expect((await failure(parse(docx, few))).code).toBe('ZIP_BOMB');
    const small = await createParserHarness(docxResumeParser, { maxBytes: 100 });
    expect((await failure(parse(docx, small))).code).toBe('TOO_LARGE');
  });

  it('gives clear codes for files that are not Word documents', async () => {
    expect((await failure(parse(new TextEncoder().encode('just some text')))).code).toBe('CORRUPT_FILE');
    const notWord = await generateSmallZip({ 'hello.txt': 'hi' });
    expect((await failure(parse(notWord))).message).toContain('word/document.xml');
    expect((await failure(parse(docx.slice(0, Math.floor(docx.byteLength / 2))))).code).toBe('CORRUPT_FILE');
    expect((await failure(parse(new Uint8Array()))).code).toBe('EMPTY_INPUT');
    expect((await failure(harness.parse({ mediaType: 'application/msword', bytes: docx }))).code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const broken = await generateSmallZip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document><unclosed',
    });
    expect((await failure(parse(broken))).code).toBe('CORRUPT_FILE');
  });

  it('rejects with the abort reason when cancelled, before or during extraction', async () => {
    const before = new AbortController();
    before.abort(new Error('cancelled early'));
    await expect(harness.parse({ mediaType: DOCX_MEDIA_TYPE, bytes: docx }, before.signal)).rejects.toThrow(
      'cancelled early',
    );
    const during = new AbortController();
    const pending = harness.parse({ mediaType: DOCX_MEDIA_TYPE, bytes: docx }, during.signal);
    during.abort(new Error('cancelled late'));
    await expect(pending).rejects.toThrow('cancelled late');
  });

  it('never throws anything but ParseError on arbitrary bytes after a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (tail) => {
        const outcome = await parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail])).then(
          () => null,
          (e: unknown) => e,
        );
        expect(outcome).toBeInstanceOf(ParseError);
      }),
      { numRuns: 100 },
    );
  });
});
