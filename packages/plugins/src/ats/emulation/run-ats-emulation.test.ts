import { spawnSync } from 'node:child_process';
import type { TDocumentContent, TParsedJob } from '@dossier/core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as pluginsPackage from '../../index.js';
import {
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestRenderer,
} from '../../test-support/sample-content.js';
import { ATS_PROFILES } from './ats-profiles.js';
import { type AtsEmulationReport, type AtsEmulationResult, runAtsEmulation } from './run-ats-emulation.js';
import {
  docxWithContactInHeader,
  docxWithLayoutTable,
  twoColumnPdf,
} from './test-support/craft-documents.js';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const PDF_EXTRACTORS = HAS_PDFTOTEXT ? ['pdfjs', 'pdftotext-layout', 'pdftotext-raw'] : ['pdfjs'];
const PROFILE_NAMES = ATS_PROFILES.map((profile) => profile.name);

async function render(content: TDocumentContent) {
  const { render: renderFormat } = await createTestRenderer(content);
  return { pdf: (await renderFormat('pdf')).bytes, docx: (await renderFormat('docx')).bytes };
}

const pick = (report: AtsEmulationReport, extractor: string, profile: string): AtsEmulationResult => {
  const found = report.results.find((r) => r.extractor === extractor && r.profile === profile);
  if (!found) throw new Error(`no result for ${extractor} × ${profile}`);
  return found;
};
const failures = (report: AtsEmulationReport) =>
  report.results
    .filter((r) => !r.passed)
    .map((r) => `${r.extractor} × ${r.profile}: ${r.reasons.join('; ')}`);

describe('runAtsEmulation on the real exporters', () => {
  it('is exported from @dossier/plugins with the profiles and extractors', () => {
    expect(pluginsPackage.runAtsEmulation).toBe(runAtsEmulation);
    expect(pluginsPackage.ATS_PROFILES.map((profile) => profile.name)).toEqual([
      'strict-single-column',
      'header-footer-blind',
      'table-flattening',
      'heading-dictionary',
      'keyword-exact',
    ]);
    for (const profile of pluginsPackage.ATS_PROFILES) expect(profile.description.length).toBeGreaterThan(40);
    expect(pluginsPackage.ATS_EXTRACTORS.map((extractor) => `${extractor.format}:${extractor.name}`)).toEqual(
      ['pdf:pdfjs', 'pdf:pdftotext-layout', 'pdf:pdftotext-raw', 'docx:mammoth', 'docx:docx-xml'],
    );
  });

  it('passes a good CV with every profile and extractor, PDF and DOCX', async () => {
    const content = buildSampleCv();
    const report = await runAtsEmulation({ ...(await render(content)), content, job: buildSampleJob() });
    expect(failures(report)).toEqual([]);
    expect(report.passRate).toBe(1);
    expect(report.results).toHaveLength(PROFILE_NAMES.length * (PDF_EXTRACTORS.length + 2));
    expect(new Set(report.results.map((r) => r.extractor))).toEqual(
      new Set([...PDF_EXTRACTORS, 'mammoth', 'docx-xml']),
    );
    for (const result of report.results) {
      expect(result).toMatchObject({ passed: true, score: 1, reasons: [] });
      expect(result.format).toBe(
        result.extractor === 'mammoth' || result.extractor === 'docx-xml' ? 'docx' : 'pdf',
      );
    }
    if (!HAS_PDFTOTEXT)
      expect(report.skipped.map((s) => s.extractor)).toEqual(['pdftotext-layout', 'pdftotext-raw']);
  });

  it('passes a cover letter, which has no sections to find', async () => {
    const content = buildSampleLetter();
    const report = await runAtsEmulation({ ...(await render(content)), content, job: buildSampleJob() });
    expect(failures(report)).toEqual([]);
    expect(report.passRate).toBe(1);
  });

  it('runs only the profiles and extractors asked for', async () => {
    const content = buildSampleCv();
    const { docx } = await render(content);
    const report = await runAtsEmulation({
      docx,
      content,
      job: buildSampleJob(),
      profiles: ['keyword-exact', 'heading-dictionary'],
      extractors: ['docx-xml'],
    });
    expect(report.results.map((r) => `${r.extractor} ${r.profile}`)).toEqual([
      'docx-xml keyword-exact',
      'docx-xml heading-dictionary',
    ]);
  });

  it('rejects unknown profile or extractor names and a call without a rendering', async () => {
    const content = buildSampleCv();
    const job = buildSampleJob();
    const docx = new Uint8Array([0x50, 0x4b]);
    await expect(runAtsEmulation({ docx, content, job, profiles: ['acme-ats'] })).rejects.toThrow(
      /Unknown ATS profile\(s\): acme-ats\. Known: strict-single-column/,
    );
    await expect(runAtsEmulation({ docx, content, job, extractors: ['ocr'] })).rejects.toThrow(
      /Unknown ATS extractor\(s\): ocr/,
    );
    await expect(runAtsEmulation({ content, job })).rejects.toThrow(/needs a PDF or a DOCX/);
  });

  it('fails every profile of an extractor that cannot read the file, with its reason', async () => {
    const content = buildSampleCv();
    const report = await runAtsEmulation({
      pdf: new TextEncoder().encode('%PDF-1.7 truncated'),
      docx: new TextEncoder().encode('not a zip'),
      content,
      job: buildSampleJob(),
      extractors: ['pdfjs', 'docx-xml'],
    });
    expect(report.passRate).toBe(0);
    expect(report.results).toHaveLength(2 * PROFILE_NAMES.length);
    expect(pick(report, 'pdfjs', 'keyword-exact').reasons[0]).toMatch(/^pdfjs could not read the PDF/);
    expect(pick(report, 'docx-xml', 'keyword-exact').reasons[0]).toMatch(/^docx-xml could not open the DOCX/);
  });

  it('skips pdftotext with a reason when the program is missing, and leaves it out of the pass rate', async () => {
    const content = buildSampleCv();
    const { pdf } = await render(content);
    const report = await runAtsEmulation({
      pdf,
      content,
      job: buildSampleJob(),
      pdftotextBinary: '/nonexistent/pdftotext',
    });
    expect(report.skipped).toEqual([
      expect.objectContaining({
        extractor: 'pdftotext-layout',
        reason: expect.stringMatching(/not installed/),
      }),
      expect.objectContaining({ extractor: 'pdftotext-raw', reason: expect.stringMatching(/poppler-utils/) }),
    ]);
    expect(new Set(report.results.map((r) => r.extractor))).toEqual(new Set(['pdfjs']));
    expect(report.passRate).toBe(1);
  });
});

describe('runAtsEmulation on documents a profile cannot read', () => {
  let job: TParsedJob;
  beforeAll(() => {
    job = buildSampleJob();
  });

  it('header-footer-blind loses contact details kept only in a Word header', async () => {
    const content = buildSampleCv();
    const report = await runAtsEmulation({ docx: await docxWithContactInHeader(content), content, job });
    const blind = pick(report, 'docx-xml', 'header-footer-blind');
    expect(blind.passed).toBe(false);
    expect(blind.reasons).toEqual([
      expect.stringMatching(
        /^name: "Zoë 李" not found at the top .*page header or footer, which header-footer-blind ignores/,
      ),
      expect.stringMatching(/^e-mail: zoe\.li@example\.com not found .*page header or footer/),
    ]);
    for (const profile of PROFILE_NAMES.filter((name) => name !== 'header-footer-blind')) {
      expect(pick(report, 'docx-xml', profile)).toMatchObject({ passed: true, score: 1 });
    }
    // mammoth never reads headers, so no profile finds the contact details through it.
    for (const profile of PROFILE_NAMES) {
      const result = pick(report, 'mammoth', profile);
      expect(result.passed).toBe(false);
      expect(result.reasons.join(' ')).toMatch(/mammoth does not read page headers and footers/);
    }
  });

  it('heading-dictionary drops a section under a heading it does not know', async () => {
    const content = buildSampleCv();
    content.sections.find((section) => section.kind === 'experience')!.heading = 'Stuff I did';
    const report = await runAtsEmulation({ ...(await render(content)), content, job });
    for (const extractor of ['pdfjs', 'mammoth', 'docx-xml']) {
      const strict = pick(report, extractor, 'heading-dictionary');
      expect(strict.passed).toBe(false);
      expect(strict.score).toBeLessThan(1);
      expect(strict.reasons).toEqual([
        'experience: no Experience section recognised (headings not in the dictionary: "Stuff I did")',
        expect.stringMatching(
          /^entries: 2 of 3 not found under an Experience or Projects heading: "Payments ledger service", "Build pipeline overhaul"$/,
        ),
      ]);
      // A tolerant parser takes the styled line as a heading and files the dated entries under Experience.
      expect(pick(report, extractor, 'keyword-exact').passed).toBe(true);
    }
    if (HAS_PDFTOTEXT) {
      // Without fonts or styles even a tolerant parser cannot tell "Stuff I did" is a heading.
      expect(pick(report, 'pdftotext-raw', 'keyword-exact').reasons[0]).toMatch(/gives no fonts or styles/);
    }
  });

  it('strict-single-column interleaves a two-column PDF', async () => {
    const content = buildSampleCv();
    const report = await runAtsEmulation({ pdf: await twoColumnPdf(content), content, job });
    const strict = pick(report, 'pdfjs', 'strict-single-column');
    const tolerant = pick(report, 'pdfjs', 'header-footer-blind');
    expect(tolerant).toMatchObject({ passed: true, score: 1 });
    expect(strict.passed).toBe(false);
    expect(strict.score).toBeLessThan(tolerant.score);
    expect(strict.reasons[0]).toMatch(
      /^experience: no Experience section recognised \(\d+ line\(s\) join text set side by side, e\.g\. "Skills Summary"\)$/,
    );
    if (HAS_PDFTOTEXT) {
      // pdftotext -raw keeps the drawing order (column by column); -layout keeps rows across the page.
      expect(pick(report, 'pdftotext-raw', 'strict-single-column').passed).toBe(true);
      const layout = pick(report, 'pdftotext-layout', 'heading-dictionary');
      expect(layout.passed).toBe(false);
      expect(layout.reasons[0]).toMatch(
        /hold text set side by side, kept on one line by the physical layout/,
      );
    }
  });

  it('table-flattening loses headings held in the cells of a layout table', async () => {
    const content = buildSampleCv();
    const report = await runAtsEmulation({ docx: await docxWithLayoutTable(content), content, job });
    for (const extractor of ['mammoth', 'docx-xml']) {
      const flat = pick(report, extractor, 'table-flattening');
      expect(flat.passed).toBe(false);
      expect(flat.reasons[0]).toBe(
        'experience: no Experience section recognised (1 table row(s) read as single lines)',
      );
      expect(pick(report, extractor, 'heading-dictionary').passed).toBe(true);
    }
  });

  it('keyword-exact misses keywords written only in another form of the word', async () => {
    const content = buildSampleCv();
    const ledger = content.sections.find((s) => s.kind === 'experience')!.items[0]!;
    ledger.bullets.push(
      'Split the monolith into one microservice per settlement step, a distributed system with unit tests ' +
        'and a code review on every change.',
    );
    const stemJob = buildSampleJob();
    stemJob.skills.push(
      { id: 'microservices', name: 'Microservices', weight: 0.9, required: true, mentions: 1 },
      { id: 'distributed-systems', name: 'Distributed Systems', weight: 0.8, required: true, mentions: 1 },
    );
    stemJob.keywords.push(
      { term: 'code reviews', kind: 'method', weight: 0.7 },
      { term: 'unit testing', kind: 'method', weight: 0.7 },
    );
    stemJob.text +=
      ' You will build microservices and distributed systems, lead code reviews and unit testing.';
    const report = await runAtsEmulation({ ...(await render(content)), content, job: stemJob });
    for (const extractor of [...PDF_EXTRACTORS, 'mammoth', 'docx-xml']) {
      const exact = pick(report, extractor, 'keyword-exact');
      expect(exact.passed).toBe(false);
      expect(exact.reasons).toHaveLength(1);
      expect(exact.reasons[0]).toMatch(
        /^keywords: 7 of 11 critical keywords found \(64%, below 80%\); missing: Microservices, Distributed Systems, code reviews, unit testing \(written differently from the job ad, and matching is exact \(no stemming or synonyms\); the ad writes "Microservices", "Distributed Systems", "code reviews", "unit testing"\)$/,
      );
      expect(pick(report, extractor, 'heading-dictionary')).toMatchObject({ passed: true, score: 1 });
    }
  });
});
