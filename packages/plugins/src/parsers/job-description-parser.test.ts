import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TParsedJob } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobDescriptionParser } from './job-description-parser.js';
import { ParseError } from './parse-error.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';
import { PIPELINE_FIXTURES } from './test-support/fixture-paths.js';

const fixture = (name: string) => readFileSync(path.join(PIPELINE_FIXTURES, 'jobs', name), 'utf8');
let harness: ParserHarness;
beforeAll(async () => {
  harness = await createParserHarness(jobDescriptionParser);
});

async function parse(text: string, mediaType = 'text/plain'): Promise<TParsedJob> {
  const output = await harness.parse({ mediaType, text });
  if (output.type !== 'job') throw new Error('expected a job');
  return output.job;
}
const skill = (job: TParsedJob, id: string) => job.skills.find((s) => s.id === id);
const keyword = (job: TParsedJob, term: string) => job.keywords.find((k) => k.term === term);

describe('job-description parser', () => {
  it.each([
    ['backend-engineer.txt', 'text/plain'],
    ['data-scientist.md', 'text/markdown'],
    ['product-designer.html', 'text/html'],
    ['backend-de.txt', 'text/plain'],
  ])('passes the plugin contract kit on %s', async (name, mediaType) => {
    await expectPluginToPass(jobDescriptionParser, { sample: { mediaType, text: fixture(name) } });
  });

  it('parses a plain-text posting: facts, requirements, weighted skills and keywords', async () => {
    harness.diagnostics.length = 0;
    const job = await parse(fixture('backend-engineer.txt'));
    expect(job).toMatchObject({
      title: 'Senior Backend Engineer',
      company: 'Ledgerline',
      location: 'Amsterdam, Netherlands (hybrid, 2 days in the office)',
      seniority: 'senior',
      yearsOfExperience: { min: 5, max: null },
      education: ["Bachelor's degree in Computer Science"],
      language: 'en',
    });
    expect(job.requirements.mustHave).toContain('5+ years of professional backend development experience');
    expect(job.requirements.mustHave).toHaveLength(7);
    expect(job.requirements.niceToHave).toContain('Kafka Streams or Flink experience is a plus');
    expect(job.requirements.niceToHave).not.toContain(expect.stringMatching(/^Tech stack/));
    expect(job.responsibilities).toHaveLength(5);
    expect(job.responsibilities[0]).toMatch(/^Design, build and operate Go services/);

    expect(skill(job, 'go')).toMatchObject({ required: true, mentions: 3 });
    expect(skill(job, 'postgresql')?.required).toBe(true);
    expect(skill(job, 'terraform')).toMatchObject({ required: false });
    expect(skill(job, 'x:temporal')).toMatchObject({ name: 'Temporal' });
    // Must-haves outweigh nice-to-haves; a skill mentioned only in the company blurb weighs least.
    const required = job.skills.filter((s) => s.required);
    const optional = job.skills.filter((s) => !s.required);
    expect(Math.min(...required.map((s) => s.weight))).toBeGreaterThan(
      Math.max(...optional.map((s) => s.weight)),
    );
    for (const s of job.skills) expect(s.weight).toBeGreaterThanOrEqual(0);
    for (const s of job.skills) expect(s.weight).toBeLessThanOrEqual(1);

    expect(keyword(job, 'AWS Certified Solutions Architect')?.kind).toBe('certification');
    expect(keyword(job, 'Scrum')?.kind).toBe('method');
    expect(keyword(job, 'GDPR')?.kind).toBe('domain');
    expect(keyword(job, 'Communication')).toMatchObject({ kind: 'soft', weight: 0.9 });
    expect(keyword(job, 'Fintech')!.weight).toBeLessThan(keyword(job, 'GDPR')!.weight);
    expect(harness.diagnostics).toEqual([]);
  });

  it('parses a Markdown posting with labelled facts, a numbered list and "preferred" requirements', async () => {
    const job = await parse(fixture('data-scientist.md'), 'text/markdown');
    expect(job).toMatchObject({
      title: 'Data Scientist, Forecasting',
      company: 'Northwind Grocers',
      location: 'Remote (UK or Ireland)',
      yearsOfExperience: { min: 3, max: null },
    });
    expect(job.education).toEqual(expect.arrayContaining(['PhD', "Master's degree in Statistics"]));
    expect(job.responsibilities).toHaveLength(4);
    expect(skill(job, 'python')?.required).toBe(true);
    expect(skill(job, 'snowflake')?.required).toBe(false);
    expect(job.requirements.niceToHave).toContain('Knowledge of Bayesian methods; PyMC or Stan is a plus');
    expect(keyword(job, 'A/B testing')?.kind).toBe('method');
  });

  it('parses an HTML posting: scripts and styles dropped, entities decoded, lists read', async () => {
    const job = await parse(fixture('product-designer.html'), 'text/html');
    expect(job.text).not.toMatch(/window\.analytics|font-family|Requirements: none|<li>/);
    expect(job.text).toContain('What you’ll do');
    expect(job.text).toContain('patients & their families');
    expect(job.text).toContain('- Lead the design of our patient booking experience');
    expect(job).toMatchObject({
      title: 'Lead Product Designer',
      company: 'Harbor Health',
      seniority: 'lead',
      yearsOfExperience: { min: 7, max: null },
    });
    expect(job.location).toContain('Boston, MA');
    expect(job.requirements.mustHave).toContain('Expert knowledge of Figma and prototyping');
    expect(job.requirements.niceToHave).toEqual([
      'Experience with HIPAA-regulated products',
      'Basic knowledge of HTML and CSS',
    ]);
    expect(job.responsibilities).toHaveLength(4);
    expect(skill(job, 'figma')?.required).toBe(true);
    expect(keyword(job, 'HIPAA')?.kind).toBe('domain');
    expect(job.education).toEqual([]);
  });

  it('parses a German posting best-effort and reports that it is not English', async () => {
    harness.diagnostics.length = 0;
    const job = await parse(fixture('backend-de.txt'));
    expect(job).toMatchObject({
      title: 'Senior Backend-Entwickler Java / Spring Boot',
      company: 'Rheinwerk Logistik GmbH',
      seniority: 'senior',
      yearsOfExperience: { min: 5, max: null },
      language: 'de',
    });
    expect(job.location).toMatch(/^Köln/);
    expect(skill(job, 'java')?.required).toBe(true);
    expect(skill(job, 'spring-boot')?.required).toBe(true);
    expect(skill(job, 'kotlin')?.required).toBe(false);
    expect(job.requirements.niceToHave).toContain('Kenntnisse in Kotlin sind von Vorteil');
    expect(job.responsibilities).toHaveLength(4);
    expect(harness.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'jd/non-english', severity: 'warning' }),
    ]);
  });

  it.each([
    ['Software Engineering Intern', 'intern'],
    ['Werkstudent (m/w/d) Data Engineering', 'intern'],
    ['Junior Frontend Developer', 'junior'],
    ['Graduate Software Engineer', 'junior'],
    ['Software Engineer II', 'mid'],
    ['Senior Data Scientist', 'senior'],
    ['Sr. Site Reliability Engineer', 'senior'],
    ['Staff Engineer, Payments', 'lead'],
    ['Engineering Manager, Platform', 'lead'],
    ['Principal Architect', 'principal'],
    ['Head of Data', 'executive'],
    ['VP of Engineering', 'executive'],
  ])('reads the seniority of "%s" as %s', async (title, level) => {
    expect((await parse(`${title}\n\nWe build things.`)).seniority).toBe(level);
  });

  it.each([
    ['5+ years of experience with Go', { min: 5, max: null }],
    ['3-5 years of backend experience', { min: 3, max: 5 }],
    ['3 to 5 years in a similar role', { min: 3, max: 5 }],
    ['at least two years of professional experience', { min: 2, max: null }],
    ['A minimum of 4 years working with SQL', { min: 4, max: null }],
    ['8 or more years of engineering', { min: 8, max: null }],
    ['You have 6 years of hands-on Python experience', { min: 6, max: null }],
    ['Mindestens drei Jahre Berufserfahrung', { min: 3, max: null }],
  ])('reads the years in "%s"', async (sentence, years) => {
    expect((await parse(`Engineer\n\nRequirements\n- ${sentence}`)).yearsOfExperience).toEqual(years);
  });

  it('uses sentence cues when the posting has no sections', async () => {
    const job = await parse(
      'Backend Engineer at Acme\nExperience with Go is required. Knowledge of Rust is a plus. You will build APIs.',
    );
    expect(job.company).toBe('Acme');
    expect(job.requirements.mustHave).toEqual(['Experience with Go is required.']);
    expect(job.requirements.niceToHave).toEqual(['Knowledge of Rust is a plus.']);
    expect(skill(job, 'go')!.weight).toBeGreaterThan(skill(job, 'rust')!.weight);
  });

  it('keeps emoji and non-Latin text', async () => {
    const job = await parse('🚀 Rocket Engineer at Zoë 李 Labs\n\nRequirements\n- 2+ years with TypeScript');
    expect(job.title).toBe('🚀 Rocket Engineer');
    expect(job.company).toBe('Zoë 李 Labs');
  });

  it('gives clear codes for bad input, and refuses 2 MB quickly', async () => {
    await expect(parse('')).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
    await expect(parse(' \n\t ')).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
    await expect(parse('<script>var x = 1;</script><style>p{}</style>', 'text/html')).rejects.toMatchObject({
      code: 'EMPTY_INPUT',
    });
    await expect(parse('Engineer', 'application/pdf')).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const huge = `Engineer\n${'Requirements: Go, Kafka and PostgreSQL. '.repeat(60_000)}`;
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024);
    const started = performance.now();
    const error = await parse(huge).catch((e: unknown) => e);
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', details: { maxBytes: 1024 * 1024 } });
    // Multi-byte text is measured in UTF-8 bytes, not characters.
    const small = await createParserHarness(jobDescriptionParser, { maxBytes: 10 });
    await expect(small.parse({ mediaType: 'text/plain', text: 'Zoë 李 🚀' })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    await expect(small.parse({ mediaType: 'text/plain', text: 'Zoë 李' })).resolves.toMatchObject({
      type: 'job',
    });
    console.info(`2 MB job description refused with TOO_LARGE in ${ms.toFixed(2)} ms`);
  });

  it('measures parsing a 10 KB job description (reported, not asserted)', async () => {
    const parts = [
      'backend-engineer.txt',
      'data-scientist.md',
      'backend-engineer.txt',
      'data-scientist.md',
    ].map(fixture);
    const text = parts
      .join('\n\n')
      .repeat(2)
      .slice(0, 10 * 1024);
    expect(text.length).toBe(10 * 1024);
    for (let i = 0; i < 5; i++) await parse(text);
    const runs = 30;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await parse(text);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.info(
      `10 KB job description: median ${times[Math.floor(runs / 2)]!.toFixed(2)} ms, p90 ${times[Math.floor(runs * 0.9)]!.toFixed(2)} ms, max ${times[runs - 1]!.toFixed(2)} ms over ${runs} runs`,
    );
  });

  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      harness.parse({ mediaType: 'text/plain', text: 'Engineer' }, controller.signal),
    ).rejects.toThrow('stop');
  });

  it('never throws anything but ParseError on arbitrary text or HTML', async () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<li>',
        '</ul>',
        '<script>',
        '&amp;',
        '&#x1F680;',
        '# ',
        'Requirements:',
        '- ',
        '5+ years',
        '\n',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 40 }),
        fc.constantFrom('text/plain', 'text/markdown', 'text/html'),
        async (parts, mediaType) => {
          const outcome = await harness.parse({ mediaType, text: parts.join('') }).then(
            (output) => output,
            (e: unknown) => e,
          );
          expect(outcome instanceof ParseError || (outcome as { type?: string }).type === 'job').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
