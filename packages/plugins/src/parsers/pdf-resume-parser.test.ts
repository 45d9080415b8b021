import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TPipelinePortfolio } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from './parse-error.js';
import { detectColumns } from './pdf/detect-columns.js';
import { loadPdfPages } from './pdf/load-pdf-pages.js';
import { readPdfBlocks } from './pdf/read-pdf-blocks.js';
import { pdfResumeParser } from './pdf-resume-parser.js';
import { buildUnicodeNamePdf } from './test-support/build-unicode-name-pdf.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';
import { datasetsDir } from './test-support/fixture-paths.js';
import {
  generateEncryptedPdf,
  generateTwoColumnPdf,
  TWO_COLUMN_RESUME,
} from './test-support/generate-resume-pdfs.js';
import { readRendercvYaml } from './test-support/read-rendercv-yaml.js';

const PDF = 'application/pdf';
const signal = () => new AbortController().signal;
let harness: ParserHarness;
let twoColumn: Uint8Array;
beforeAll(async () => {
  harness = await createParserHarness(pdfResumeParser);
  twoColumn = await generateTwoColumnPdf();
});

async function parsePdf(bytes: Uint8Array): Promise<TPipelinePortfolio> {
  const output = await harness.parse({ mediaType: PDF, bytes });
  if (output.type !== 'portfolio') throw new Error('expected a portfolio');
  return output.portfolio;
}

async function failure(promise: Promise<unknown>): Promise<ParseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

const yearMonth = (value: string | null) => (value === null ? null : value.slice(0, 7));
const sameText = (a: string | null | undefined, b: string) =>
  (a ?? '').toLowerCase().trim() === b.toLowerCase().trim();

describe('pdf-resume parser', () => {
  it('passes the plugin contract kit', async () => {
    await expectPluginToPass(pdfResumeParser, { sample: { mediaType: PDF, bytes: twoColumn } });
  });

  it('recovers the fields of the rendercv CV in all five themes', async () => {
    const dir = path.join(datasetsDir(), 'resumes/rendercv');
    const themes = readdirSync(dir)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    expect(themes).toHaveLength(5);
    const table: Record<string, string> = {};
    for (const file of themes) {
      const expected = readRendercvYaml(path.join(dir, file.replace(/\.pdf$/, '.yaml')));
      const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
      const started = performance.now();
      const { profile, artifacts } = await parsePdf(bytes);
      const ms = performance.now() - started;
      const headings = (await readPdfBlocks(bytes, { signal: signal(), maxPages: 20 })).blocks
        .filter((b) => b.kind === 'heading' && b.level === 2)
        .map((b) => b.text.toLowerCase());
      const checks: [string, boolean][] = [
        ['name', profile.name === expected.name],
        ['email', profile.email === expected.email],
        ['location', profile.location === expected.location],
        ['website', profile.links.some((l) => l.url === new URL(expected.website).href)],
        ...expected.socials.map((s): [string, boolean] => [
          `link ${s.network}`,
          profile.links.some((l) => l.url.includes(`/${s.username}`) && l.label === s.network),
        ]),
        ...expected.sections.map((s): [string, boolean] => [
          `section ${s}`,
          headings.includes(s.toLowerCase()),
        ]),
      ];
      const jobs = artifacts.filter((a) => a.id.startsWith('pdf-experience-'));
      expected.experience.forEach((e, i) => {
        const job = jobs.find((a) => sameText(a.organization, e.company));
        checks.push([`experience ${i} company`, job !== undefined]);
        checks.push([`experience ${i} position`, sameText(job?.role, e.position)]);
        checks.push([`experience ${i} start`, job?.startDate === e.start]);
        checks.push([`experience ${i} end`, job !== undefined && yearMonth(job.endDate) === e.end]);
      });
      expected.education.forEach((e, i) => {
        const school = profile.education.find((s) => sameText(s.institution, e.institution));
        checks.push([`education ${i} institution`, school !== undefined]);
        checks.push([`education ${i} degree`, sameText(school?.studyType, e.degree)]);
        checks.push([`education ${i} area`, sameText(school?.area, e.area)]);
        checks.push([`education ${i} dates`, school?.startDate === e.start && school?.endDate === e.end]);
      });
      expected.projects.forEach((p, i) => {
        const project = artifacts.find((a) => a.id.startsWith('pdf-project-') && sameText(a.title, p.name));
        checks.push([`project ${i}`, project?.startDate.startsWith(p.start ?? '') === true]);
      });
      expected.publications.forEach((title, i) => {
        checks.push([
          `publication ${i}`,
          artifacts.some((a) => a.id.startsWith('pdf-publication-') && title.startsWith(a.title)),
        ]);
      });
      const recovered = checks.filter(([, ok]) => ok).length;
      const missed = checks.filter(([, ok]) => !ok).map(([field]) => field);
      table[file] =
        `${recovered}/${checks.length} fields (${Math.round((recovered / checks.length) * 100)}%) in ${ms.toFixed(0)} ms${missed.length ? `; missed: ${missed.join(', ')}` : ''}`;
      // Every theme: the name, the e-mail and every job's company, position and dates.
      expect(
        checks.filter(([field]) => /^(name|email|experience)/.test(field)).every(([, ok]) => ok),
        `${file}: ${missed.join(', ')}`,
      ).toBe(true);
      expect(recovered / checks.length, `${file}: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
    }
    console.info('rendercv fields recovered per theme:\n', table);
  });

  it('reads the Resume-Matcher resumes about as well as their processed JSON', async () => {
    const dir = path.join(datasetsDir(), 'resumes/resume-matcher-pdfs');
    const table: Record<string, string> = {};
    for (const file of readdirSync(path.join(dir, 'resumes'))
      .filter((f) => f.endsWith('.pdf'))
      .sort()) {
      const processed = JSON.parse(
        readFileSync(path.join(dir, 'processed/Resumes', file.replace(/\.pdf$/, '.processed.json')), 'utf8'),
      ) as { name: string[]; emails: string[]; resume_data: string; extracted_keywords: string[] };
      const bytes = new Uint8Array(readFileSync(path.join(dir, 'resumes', file)));
      const started = performance.now();
      const { profile, artifacts } = await parsePdf(bytes);
      const ms = performance.now() - started;
      const text = (await readPdfBlocks(bytes, { signal: signal(), maxPages: 20 })).blocks
        .flatMap((b) => [b.text, ...b.meta])
        .join(' ')
        .toLowerCase();
      const firstLine = processed.resume_data.split('\n')[0]!.trim();
      expect(sameText(profile.name, processed.name[0] ?? firstLine), file).toBe(true);
      // Their e-mails carry a stray icon glyph in front ("peallthe.stars@…"); ours must be the tail.
      expect(processed.emails[0]!.endsWith(profile.email!), file).toBe(true);
      const words = (processed.resume_data.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter(
        (w) => !/obile|envel|linkedin-in/.test(w),
      );
      const recall = words.filter((w) => text.includes(w)).length / words.length;
      const keywords = processed.extracted_keywords
        .map((k) => k.toLowerCase())
        .filter((k) => /^\p{L}{3,}$/u.test(k));
      const keywordRecall = keywords.filter((k) => text.includes(k)).length / keywords.length;
      expect(recall, file).toBeGreaterThanOrEqual(0.95);
      expect(keywordRecall, file).toBeGreaterThanOrEqual(0.9);
      const jobs = artifacts.filter((a) => a.id.startsWith('pdf-experience-'));
      expect(jobs.length, file).toBeGreaterThan(0);
      for (const job of jobs)
        expect(
          job.organization && job.role && /^\d{4}/.test(job.startDate),
          `${file} ${job.title}`,
        ).toBeTruthy();
      table[file] =
        `word recall ${(recall * 100).toFixed(1)}%, keyword recall ${(keywordRecall * 100).toFixed(1)}%, ${jobs.length} jobs, ${ms.toFixed(0)} ms`;
    }
    console.info('Resume-Matcher PDFs:\n', table);
  });

  it('reads a two-column resume column by column', async () => {
    const { pages } = await loadPdfPages(twoColumn, { signal: signal(), maxPages: 5 });
    const layout = detectColumns(pages[0]!);
    expect(layout.gutter).toBeGreaterThan(190);
    expect(layout.gutter).toBeLessThan(230);
    const { profile, artifacts } = await parsePdf(twoColumn);
    const r = TWO_COLUMN_RESUME;
    expect(profile).toMatchObject({
      name: r.name,
      headline: r.headline,
      email: r.email,
      location: 'Berlin, Germany',
    });
    expect(profile.links).toContainEqual({ label: 'GitHub', url: r.github });
    expect(profile.education[0]).toMatchObject({
      institution: 'Technische Universität Berlin',
      studyType: 'M.Sc.',
      area: 'Computer Science',
    });
    const jobs = artifacts.filter((a) => a.id.startsWith('pdf-experience-'));
    expect(jobs.map((j) => [j.role, j.organization, j.startDate, j.endDate])).toEqual(
      r.experience.map((e) => [e.role, e.org, e.start, e.end]),
    );
    // Sidebar lines never leak into the main column's entries.
    expect(jobs[0]!.outcomes).toHaveLength(3);
    expect(jobs[0]!.outcomes.join(' ')).not.toMatch(/Kubernetes, Terraform|Czech|Bouldering/);
    expect(jobs[0]!.outcomes[0]).toMatch(/^Cut settlement batch time .* written in Go\.$/);
    const project = artifacts.find((a) => a.id === 'pdf-project-0')!;
    expect(project).toMatchObject({
      title: r.project.title,
      startDate: r.project.start,
      endDate: r.project.end,
    });
    expect(project.evidence[0]).toMatchObject({ url: r.project.url, kind: 'repo' });
    expect(jobs[0]!.skills).toEqual(expect.arrayContaining(['go', 'kafka']));
  });

  it('does not mistake right-aligned or left-hand date columns for a second column', async () => {
    const dir = path.join(datasetsDir(), 'resumes/rendercv');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
      const result = await readPdfBlocks(new Uint8Array(readFileSync(path.join(dir, file))), {
        signal: signal(),
        maxPages: 20,
      });
      expect(result.twoColumnPages, file).toBe(0);
    }
  });

  it('keeps emoji and non-Latin names from the text layer', async () => {
    const bytes = buildUnicodeNamePdf('Zoë 李 🚀', [
      { text: 'zoe@example.dev | Berlin, Germany', size: 10 },
      { text: 'Experience', size: 14, bold: true },
      { text: 'Staff Engineer, Quayside Payments', size: 10, bold: true },
      { text: 'Mar 2021 - Present', size: 10 },
      { text: '- Cut batch time by 80%', size: 10 },
    ]);
    const { profile, artifacts } = await parsePdf(bytes);
    expect(profile.name).toBe('Zoë 李 🚀');
    expect(profile.email).toBe('zoe@example.dev');
    expect(artifacts[0]).toMatchObject({
      role: 'Staff Engineer',
      organization: 'Quayside Payments',
      startDate: '2021-03',
      endDate: null,
      outcomes: ['Cut batch time by 80%'],
    });
  });

  it('refuses encrypted, corrupt, empty, oversized and mistyped input with clear codes', async () => {
    const encrypted = await failure(harness.parse({ mediaType: PDF, bytes: await generateEncryptedPdf() }));
    expect(encrypted.code).toBe('ENCRYPTED_PDF');
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    expect((await failure(harness.parse({ mediaType: PDF, bytes: garbage }))).code).toBe('CORRUPT_FILE');
    const headerOnly = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...garbage]);
    expect((await failure(harness.parse({ mediaType: PDF, bytes: headerOnly }))).code).toBe('CORRUPT_FILE');
    expect((await failure(harness.parse({ mediaType: PDF, bytes: new Uint8Array() }))).code).toBe(
      'EMPTY_INPUT',
    );
    expect((await failure(harness.parse({ mediaType: PDF, text: 'not a pdf' }))).code).toBe('CORRUPT_FILE');
    expect((await failure(harness.parse({ mediaType: 'image/png', bytes: twoColumn }))).code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const small = await createParserHarness(pdfResumeParser, { maxBytes: 1000 });
    const tooLarge = await failure(small.parse({ mediaType: PDF, bytes: twoColumn }));
    expect(tooLarge.code).toBe('TOO_LARGE');
    expect(tooLarge.details).toMatchObject({ maxBytes: 1000, size: twoColumn.byteLength });
  });

  it('leaves the caller’s bytes intact (pdf.js detaches the buffer it is given)', async () => {
    const copy = twoColumn.slice();
    await parsePdf(copy);
    expect(copy.byteLength).toBe(twoColumn.byteLength);
    expect(copy).toEqual(twoColumn);
  });

  it('rejects with the abort reason when cancelled, before or during extraction', async () => {
    const before = new AbortController();
    before.abort(new Error('cancelled early'));
    await expect(harness.parse({ mediaType: PDF, bytes: twoColumn }, before.signal)).rejects.toThrow(
      'cancelled early',
    );
    const during = new AbortController();
    const pending = harness.parse({ mediaType: PDF, bytes: twoColumn }, during.signal);
    during.abort(new Error('cancelled late'));
    await expect(pending).rejects.toThrow('cancelled late');
  });

  it('never throws anything but ParseError on arbitrary bytes after a PDF header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (tail) => {
        const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...tail]);
        const outcome = await harness.parse({ mediaType: PDF, bytes }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(outcome === null || outcome instanceof ParseError).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
