import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDefaultTaxonomy, type TParsedJob, ZAtsReport } from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { datasetsDir } from '../test-support/sample-content.js';
import { checkExistingDocument } from './check-existing-document.js';

const taxonomy = getDefaultTaxonomy();

/** A front-end job, parsed by hand: what the Resume-Matcher front-end description asks for, plus two extras. */
function frontEndJob(): TParsedJob {
  const skill = (name: string, weight: number, required: boolean) => ({
    id: taxonomy.normalize(name)?.id ?? `x:${name.toLowerCase()}`,
    name,
    weight,
    required,
    mentions: 1,
  });
  return {
    title: 'Front End Engineer',
    company: 'Tech Solutions',
    location: 'San Francisco, CA',
    seniority: 'mid',
    yearsOfExperience: { min: 2, max: null },
    education: [],
    requirements: { mustHave: [], niceToHave: [] },
    skills: [
      skill('JavaScript', 1, true),
      skill('React', 0.95, true),
      skill('HTML', 0.8, true),
      skill('CSS', 0.8, true),
      skill('Git', 0.6, false),
      skill('Jest', 0.6, false),
      skill('Next.js', 0.55, false),
    ],
    keywords: [{ term: 'Agile', kind: 'method', weight: 0.5 }],
    responsibilities: [],
    language: 'en',
    text: '',
  };
}

const resumePdf = () =>
  new Uint8Array(
    readFileSync(path.join(datasetsDir(), 'resumes/resume-matcher-pdfs/resumes/barry_allen_fe.pdf')),
  );

describe('checkExistingDocument', () => {
  it('gives a sensible report for a real resume PDF', async () => {
    const report = ZAtsReport.parse(
      await checkExistingDocument({
        bytes: resumePdf(),
        mediaType: 'application/pdf',
        job: frontEndJob(),
        taxonomy,
      }),
    );
    const [coverage, structure] = report.results;
    expect(coverage!.checker).toBe('keyword-coverage');
    expect(coverage!.details).toMatchObject({ missing: ['Jest', 'Next.js'], notInPortfolio: [] });
    expect(coverage!.details.covered).toEqual(
      expect.arrayContaining(['JavaScript', 'React', 'HTML', 'CSS', 'Git', 'Agile']),
    );
    expect(coverage!.findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(structure!.checker).toBe('structure');
    expect(structure!.details).toMatchObject({ pageCount: 1, email: 'allthe.stars@google.com' });
    expect(structure!.details.headings).toEqual(
      expect.arrayContaining(['Objective', 'Education', 'Skills', 'Experience', 'Projects']),
    );
    // The file was typeset with ligatures; the extractor sees the "fl" glyph pdfkit would also have made.
    expect(structure!.findings.map((f) => f.ruleId)).toEqual(['structure/ligatures']);
    expect(structure!.passed).toBe(true);
    expect(report.score).toBeCloseTo((coverage!.score * 0.45 + structure!.score * 0.2) / 0.65, 1);
    expect(report.passed).toBe(report.score >= 75);
  });

  it('reads Markdown and fails a resume without headings or keywords', async () => {
    const markdown = '# Sam Doe\n\nsam@example.com\n\nI have done many things over the years.\n';
    const report = await checkExistingDocument({
      bytes: new TextEncoder().encode(markdown),
      mediaType: 'text/markdown',
      job: frontEndJob(),
      taxonomy,
    });
    expect(report.passed).toBe(false);
    const structure = report.results[1]!;
    expect(structure.findings.map((f) => f.ruleId)).toContain('structure/no-headings');
    expect(structure.details.email).toBe('sam@example.com');
    expect(report.results[0]!.findings.filter((f) => f.severity === 'error')).toHaveLength(4);
  });

  it('finds headings in Markdown resumes', async () => {
    const markdown =
      '# Sam Doe\n\nsam@example.com | +1 415 555 0100\n\n## Experience\n\n- Built React apps in JavaScript\n\n## Skills\n\nHTML, CSS, Git\n\n## Education\n\nBSc\n';
    const report = await checkExistingDocument({
      bytes: new TextEncoder().encode(markdown),
      mediaType: 'text/markdown; charset=utf-8',
      job: frontEndJob(),
      taxonomy,
    });
    expect(report.results[1]!.details.headings).toEqual(['Experience', 'Skills', 'Education']);
    expect(report.results[1]!.findings).toEqual([]);
  });

  it('refuses a media type it cannot read', async () => {
    await expect(
      checkExistingDocument({
        bytes: new Uint8Array([1]),
        mediaType: 'image/png',
        job: frontEndJob(),
        taxonomy,
      }),
    ).rejects.toThrow(/cannot read a resume of type "image\/png"/);
  });
});
