import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TPipelinePortfolio } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownResumeParser } from './markdown-resume-parser.js';
import { ParseError } from './parse-error.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';
import { PIPELINE_FIXTURES } from './test-support/fixture-paths.js';

const resumeMd = readFileSync(path.join(PIPELINE_FIXTURES, 'resumes/resume.md'), 'utf8');
let harness: ParserHarness;
beforeAll(async () => {
  harness = await createParserHarness(markdownResumeParser);
});

async function parse(text: string): Promise<TPipelinePortfolio> {
  const output = await harness.parse({ mediaType: 'text/markdown', text });
  if (output.type !== 'portfolio') throw new Error('expected a portfolio');
  return output.portfolio;
}

describe('markdown-resume parser', () => {
  it('passes the plugin contract kit', async () => {
    await expectPluginToPass(markdownResumeParser, {
      sample: { mediaType: 'text/markdown', text: resumeMd },
    });
  });

  it('reads the profile from the name heading and the contact line', async () => {
    const { profile } = await parse(resumeMd);
    expect(profile).toMatchObject({
      name: 'Zoë 李 🚀',
      headline: 'Staff Backend Engineer',
      email: 'zoe.li@example.dev',
      phone: '+49 30 5550 1234',
      location: 'Berlin, Germany',
      links: [
        { label: 'GitHub', url: 'https://github.com/zoe-li-dev' },
        { label: 'LinkedIn', url: 'https://www.linkedin.com/in/zoe-li-dev' },
      ],
    });
    expect(profile.education).toEqual([
      {
        institution: 'Technische Universität Berlin',
        studyType: 'M.Sc.',
        area: 'Computer Science',
        startDate: '2014',
        endDate: '2016',
      },
      {
        institution: 'Zhejiang University',
        studyType: 'B.Sc.',
        area: 'Informatics',
        startDate: '2010',
        endDate: '2014',
      },
    ]);
  });

  it('turns entries in every common heading style into dated artifacts with outcomes and evidence', async () => {
    harness.diagnostics.length = 0;
    const { artifacts } = await parse(resumeMd);
    const byId = Object.fromEntries(artifacts.map((a) => [a.id, a]));
    expect(Object.keys(byId)).toEqual([
      'md-experience-0',
      'md-experience-1',
      'md-experience-2',
      'md-project-0',
      'md-publication-0',
    ]);
    expect(byId['md-experience-0']).toMatchObject({
      title: 'Staff Backend Engineer at Quayside Payments',
      role: 'Staff Backend Engineer',
      organization: 'Quayside Payments',
      startDate: '2021-03',
      endDate: null,
      summary: 'Leads the settlement platform team of six engineers.',
      technologies: ['Go', 'PostgreSQL', 'Kafka', 'Kubernetes'],
    });
    // The "Tech stack:" bullet is the technologies, not an outcome.
    expect(byId['md-experience-0']!.outcomes).toHaveLength(3);
    expect(byId['md-experience-0']!.skills).toEqual(
      expect.arrayContaining(['go', 'postgresql', 'kafka', 'kubernetes']),
    );
    expect(byId['md-experience-1']).toMatchObject({
      role: 'Backend Engineer',
      organization: 'Parcelwise',
      startDate: '2017',
      endDate: '2021',
    });
    expect(byId['md-experience-1']!.evidence).toEqual([
      expect.objectContaining({
        id: 'md-experience-1-ev-0',
        url: 'https://blog.parcelwise.example/contract-tests',
        title: 'write-up',
        kind: 'article',
      }),
    ]);
    expect(byId['md-experience-2']).toMatchObject({
      role: 'Software Engineering Intern',
      organization: 'Lindenbaum Labs',
      startDate: '2016-06',
      endDate: '2016-09',
    });
    expect(byId['md-project-0']).toMatchObject({ title: 'ledgerkit', startDate: '2022', endDate: '2024' });
    expect(byId['md-project-0']!.evidence[0]).toMatchObject({
      url: 'https://github.com/zoe-li-dev/ledgerkit',
      kind: 'repo',
    });
    expect(byId['md-publication-0']).toMatchObject({
      title: 'Exactly-once payouts with idempotency keys',
      startDate: '2023-10',
    });
    expect(harness.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: 'resume/undated-entry', severity: 'warning' }),
    );
    expect(harness.diagnostics.find((d) => d.ruleId === 'resume/unattached-skills')?.message).toContain(
      'Terraform',
    );
  });

  it('reads setext headings, numbered lists, "Role at Org" and "Org | Role" lines', async () => {
    const { profile, artifacts } = await parse(
      [
        'Ada Lovelace',
        '============',
        'ada@example.org',
        '',
        'Work Experience',
        '---------------',
        '**Analyst** at Difference Engines Ltd — Jan 2019 – Dec 2020',
        '1. Wrote the first published algorithm',
        '2. Explained loops to the board',
        '',
        '**Research Fellow | Royal Society** (2021 – present)',
        '- Reviewed 40 papers',
      ].join('\n'),
    );
    expect(profile.name).toBe('Ada Lovelace');
    expect(artifacts.map((a) => [a.role, a.organization, a.startDate, a.endDate, a.outcomes.length])).toEqual(
      [
        ['Analyst', 'Difference Engines Ltd', '2019-01', '2020-12', 2],
        ['Research Fellow', 'Royal Society', '2021', null, 1],
      ],
    );
  });

  it('falls back to the file name, with a warning, when there is no name', async () => {
    harness.diagnostics.length = 0;
    const output = await harness.parse({
      mediaType: 'text/markdown',
      text: '## Projects\n### Thing (2020)\n- did it',
      filename: 'jane-doe.md',
    });
    expect(output.type === 'portfolio' && output.portfolio.profile.name).toBe('jane-doe');
    expect(harness.diagnostics.map((d) => d.ruleId)).toContain('resume/missing-name');
  });

  it('gives clear codes for bad input', async () => {
    await expect(harness.parse({ mediaType: 'text/markdown', text: ' \n\t' })).rejects.toMatchObject({
      code: 'EMPTY_INPUT',
    });
    await expect(harness.parse({ mediaType: 'text/plain', text: '# A' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const small = await createParserHarness(markdownResumeParser, { maxBytes: 10 });
    await expect(small.parse({ mediaType: 'text/markdown', text: '# Zoë 李 🚀' })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    await expect(
      harness.parse({
        mediaType: 'text/markdown; charset=utf-8',
        bytes: new TextEncoder().encode('# Zoë 李 🚀'),
      }),
    ).resolves.toMatchObject({
      portfolio: { profile: { name: 'Zoë 李 🚀' } },
    });
  });

  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      harness.parse({ mediaType: 'text/markdown', text: resumeMd }, controller.signal),
    ).rejects.toThrow('stop');
  });

  it('never throws anything but ParseError on arbitrary text', async () => {
    const markdownish = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          '# ',
          '## Experience',
          '### ',
          '- ',
          '**',
          '](',
          'http://x.io',
          ' — ',
          '2020 – 2021',
          '\n',
        ),
      ),
      { maxLength: 40 },
    );
    await fc.assert(
      fc.asyncProperty(markdownish, async (parts) => {
        const outcome = await harness.parse({ mediaType: 'text/markdown', text: parts.join('') }).then(
          (output) => output,
          (e: unknown) => e,
        );
        expect(outcome instanceof ParseError || (outcome as { type?: string }).type === 'portfolio').toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });
});
