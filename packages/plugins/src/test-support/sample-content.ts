import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getDefaultTaxonomy,
  type TDocumentContent,
  type TDocumentItem,
  type TDocumentSection,
  type TParsedJob,
  type TPipelineArtifact,
} from '@dossier/core';
import type { ExporterHandler, ExportOutput, PluginDeps, StageContext } from '@dossier/core/plugins';
import { exporterPlugins } from '../exporters/index.js';

/**
 * Realistic sample data for exporter and ATS tests: a CV and a cover letter for "Zoë 李" (a name DejaVu has
 * only half the glyphs for), with words pdfkit would ligate ("efficient", "workflow", "office", "fluent"),
 * an emoji, evidence links (one broken) and sources on every claim. Written for Dossier.
 */

const GENERATED_AT = '2026-01-15T09:30:00.000Z';

function item(partial: Partial<TDocumentItem> & { id: string }): TDocumentItem {
  return {
    title: null,
    subtitle: null,
    dates: null,
    text: null,
    bullets: [],
    skills: [],
    links: [],
    sources: [],
    ...partial,
  };
}

export const SAMPLE_PROFILE = {
  name: 'Zoë 李',
  headline: 'Senior Backend Engineer',
  email: 'zoe.li@example.com',
  phone: '+44 20 7946 0958',
  location: 'London, UK',
  links: [
    { label: 'GitHub', url: 'https://github.com/zoe-li-example' },
    { label: 'zoe.example.dev', url: 'https://zoe.example.dev' },
  ],
};

export function buildSampleArtifacts(): TPipelineArtifact[] {
  const base = { collaborators: [], labels: [{ id: 'lbl-backend', name: 'Backend' }] };
  return [
    {
      ...base,
      id: 'art-ledger',
      title: 'Payments ledger service',
      summary: 'Double-entry ledger for card settlements, written in TypeScript on Node.js with PostgreSQL.',
      role: 'Senior Backend Engineer',
      organization: 'Northwind Bank',
      startDate: '2021-03',
      endDate: null,
      technologies: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'Redis'],
      skills: ['typescript', 'nodejs', 'postgresql', 'kubernetes', 'redis'],
      outcomes: ['Cut settlement latency by 42%', 'Handled 3.1 million transactions a day'],
      evidence: [
        {
          id: 'ev-ledger-pr',
          url: 'https://github.com/northwind-example/ledger/pull/118',
          title: 'Ledger batching PR',
          kind: 'pull-request',
          status: 'valid',
        },
        {
          id: 'ev-ledger-post',
          url: 'https://engineering.northwind.example/ledger-launch',
          title: 'Launch post',
          kind: 'article',
          status: 'broken',
        },
      ],
    },
    {
      ...base,
      id: 'art-pipeline',
      title: 'Build pipeline overhaul',
      summary: 'Rebuilt the CI/CD workflow with GitHub Actions, Docker and Terraform on AWS.',
      role: 'Backend Engineer',
      organization: 'Northwind Bank',
      startDate: '2019-06',
      endDate: '2021-02',
      technologies: ['GitHub Actions', 'Docker', 'Terraform', 'AWS'],
      skills: ['github-actions', 'docker', 'terraform', 'aws', 'ci-cd'],
      outcomes: ['Reduced build time from 25 to 7 minutes'],
      evidence: [
        {
          id: 'ev-pipeline-repo',
          url: 'https://github.com/northwind-example/build-tools',
          title: 'build-tools repository',
          kind: 'repo',
          status: 'valid',
        },
      ],
    },
    {
      ...base,
      id: 'art-bot',
      title: 'On-call assistant bot',
      summary: 'A Slack bot that triages alerts from Prometheus and opens incidents.',
      role: 'Creator',
      organization: null,
      startDate: '2022-06',
      endDate: '2022-12',
      technologies: ['Python', 'Prometheus'],
      skills: ['python', 'prometheus'],
      outcomes: ['Adopted by 40 engineers across 6 teams'],
      evidence: [
        {
          id: 'ev-bot-repo',
          url: 'https://github.com/zoe-li-example/oncall-bot',
          title: 'oncall-bot',
          kind: 'repo',
          status: 'valid',
        },
      ],
    },
    {
      // Kafka is in the portfolio but left out of the sample CV, so keyword coverage can point at it.
      ...base,
      id: 'art-events',
      title: 'Event streaming migration',
      summary: 'Moved settlement events from cron jobs to Apache Kafka topics.',
      role: 'Backend Engineer',
      organization: 'Northwind Bank',
      startDate: '2020-02',
      endDate: '2020-11',
      technologies: ['Apache Kafka', 'Java'],
      skills: ['kafka', 'java'],
      outcomes: ['Removed 14 nightly batch jobs'],
      evidence: [],
    },
  ];
}

function cvSections(): TDocumentSection[] {
  return [
    {
      id: 'sec-summary',
      kind: 'summary',
      heading: 'Summary',
      items: [
        item({
          id: 'it-summary',
          text:
            'Backend engineer with seven years of experience building efficient payment systems in TypeScript ' +
            'and Node.js, with a CI/CD workflow that keeps releases small and fluent.',
          sources: [{ artifactId: 'art-ledger', evidenceIds: [] }],
        }),
      ],
    },
    {
      id: 'sec-experience',
      kind: 'experience',
      heading: 'Experience',
      items: [
        item({
          id: 'it-ledger',
          title: 'Payments ledger service',
          subtitle: 'Senior Backend Engineer, Northwind Bank',
          dates: { start: '2021-03', end: null },
          bullets: [
            'Cut settlement latency by 42% by batching PostgreSQL writes and profiling hot paths in Node.js.',
            'Ran the service on Kubernetes with Redis caching, handling 3.1 million transactions a day.',
          ],
          skills: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'Redis'],
          links: [
            {
              url: 'https://github.com/northwind-example/ledger/pull/118',
              label: 'Ledger batching PR',
              evidenceId: 'ev-ledger-pr',
              status: 'valid',
            },
            {
              url: 'https://engineering.northwind.example/ledger-launch',
              label: 'Launch post',
              evidenceId: 'ev-ledger-post',
              status: 'broken',
            },
          ],
          sources: [{ artifactId: 'art-ledger', evidenceIds: ['ev-ledger-pr', 'ev-ledger-post'] }],
        }),
        item({
          id: 'it-pipeline',
          title: 'Build pipeline overhaul',
          subtitle: 'Backend Engineer, Northwind Bank',
          dates: { start: '2019-06', end: '2021-02' },
          bullets: [
            'Rebuilt the CI/CD workflow with GitHub Actions and Docker, from 25 to 7 minutes per build.',
            'Moved office staging servers to AWS with Terraform, so every environment is reviewed as code.',
          ],
          skills: ['GitHub Actions', 'Docker', 'Terraform', 'AWS'],
          links: [
            {
              url: 'https://github.com/northwind-example/build-tools',
              label: 'build-tools repository',
              evidenceId: 'ev-pipeline-repo',
              status: 'valid',
            },
          ],
          sources: [{ artifactId: 'art-pipeline', evidenceIds: ['ev-pipeline-repo'] }],
        }),
      ],
    },
    {
      id: 'sec-projects',
      kind: 'projects',
      heading: 'Projects',
      items: [
        item({
          id: 'it-bot',
          title: 'On-call assistant bot',
          subtitle: 'Creator',
          dates: { start: '2022-06', end: '2022-12' },
          bullets: [
            'Triages Prometheus alerts and opens incidents 🚀 adopted by 40 engineers across 6 teams.',
          ],
          skills: ['Python', 'Prometheus'],
          links: [
            {
              url: 'https://github.com/zoe-li-example/oncall-bot',
              label: 'oncall-bot',
              evidenceId: 'ev-bot-repo',
              status: 'valid',
            },
          ],
          sources: [{ artifactId: 'art-bot', evidenceIds: ['ev-bot-repo'] }],
        }),
      ],
    },
    {
      id: 'sec-skills',
      kind: 'skills',
      heading: 'Skills',
      items: [
        item({
          id: 'it-skills-lang',
          title: 'Languages',
          skills: ['TypeScript', 'Python'],
          sources: [
            { artifactId: 'art-ledger', evidenceIds: [] },
            { artifactId: 'art-bot', evidenceIds: [] },
          ],
        }),
        item({
          id: 'it-skills-platform',
          title: 'Platforms',
          skills: ['Node.js', 'PostgreSQL', 'Kubernetes', 'Redis', 'AWS', 'Docker', 'Terraform'],
          sources: [
            { artifactId: 'art-ledger', evidenceIds: [] },
            { artifactId: 'art-pipeline', evidenceIds: [] },
          ],
        }),
      ],
    },
    {
      id: 'sec-education',
      kind: 'education',
      heading: 'Education',
      items: [
        item({
          id: 'it-edu',
          title: 'University of Leeds',
          subtitle: 'BSc, Computer Science',
          dates: { start: '2012-09', end: '2015-06' },
        }),
      ],
    },
  ];
}

export function buildSampleCv(): TDocumentContent {
  return {
    kind: 'cv',
    title: 'Zoë 李 — Senior Backend Engineer, Acme Logistics',
    profile: structuredClone(SAMPLE_PROFILE),
    sections: cvSections(),
    meta: {
      jobTitle: 'Senior Backend Engineer',
      company: 'Acme Logistics',
      generator: 'template-cv',
      tone: 'formal',
      generatedAt: GENERATED_AT,
    },
  };
}

export function buildSampleLetter(): TDocumentContent {
  return {
    kind: 'cover-letter',
    title: 'Cover letter — Acme Logistics',
    profile: structuredClone(SAMPLE_PROFILE),
    sections: [
      {
        id: 'sec-greeting',
        kind: 'greeting',
        heading: '',
        items: [item({ id: 'it-greeting', text: 'Dear Acme Logistics hiring team,' })],
      },
      {
        id: 'sec-body',
        kind: 'body',
        heading: '',
        items: [
          item({
            id: 'it-body-1',
            text:
              'I am applying for the Senior Backend Engineer role. At Northwind Bank I built a payments ledger ' +
              'in TypeScript on Node.js and PostgreSQL that cut settlement latency by 42%.',
            links: [
              {
                url: 'https://github.com/northwind-example/ledger/pull/118',
                label: 'Ledger batching PR',
                evidenceId: 'ev-ledger-pr',
                status: 'valid',
              },
            ],
            sources: [{ artifactId: 'art-ledger', evidenceIds: ['ev-ledger-pr'] }],
          }),
          item({
            id: 'it-body-2',
            text:
              'I also rebuilt our CI/CD workflow with Terraform on AWS, an efficient setup that took builds ' +
              'from 25 to 7 minutes.',
            sources: [{ artifactId: 'art-pipeline', evidenceIds: [] }],
          }),
        ],
      },
      {
        id: 'sec-closing',
        kind: 'closing',
        heading: '',
        items: [item({ id: 'it-closing', text: 'Kind regards,\nZoë 李' })],
      },
    ],
    meta: {
      jobTitle: 'Senior Backend Engineer',
      company: 'Acme Logistics',
      generator: 'template-cover-letter',
      tone: 'formal',
      generatedAt: GENERATED_AT,
    },
  };
}

/**
 * A CV an ATS would reject: a blank and an invented heading, no job keywords, no e-mail, a bullet of 260
 * characters and one of 9, dates in three precisions, and an empty section.
 */
export function buildBadCv(): TDocumentContent {
  const cv = buildSampleCv();
  cv.profile.email = null;
  cv.sections = [
    {
      id: 'sec-story',
      kind: 'summary',
      heading: '',
      items: [item({ id: 'it-story', text: 'I like baking bread and long walks.', sources: [] })],
    },
    {
      id: 'sec-journey',
      kind: 'experience',
      heading: 'My Journey',
      items: [
        item({
          id: 'it-bakery',
          title: 'Neighbourhood bakery',
          subtitle: 'Helper',
          dates: { start: '2019', end: 'Spring 2020' },
          bullets: [
            `Helped out ${'with many different small tasks around the shop '.repeat(6)}every week.`,
            'Did stuff',
          ],
          sources: [{ artifactId: 'art-ledger', evidenceIds: [] }],
        }),
        item({
          id: 'it-market',
          title: 'Market stall',
          subtitle: 'Seller',
          dates: { start: '2020-06', end: '2021-01-15' },
          bullets: ['Sold bread and cakes at the Saturday market to regular customers.'],
          sources: [{ artifactId: 'art-ledger', evidenceIds: [] }],
        }),
      ],
    },
    { id: 'sec-empty', kind: 'other', heading: 'Awards', items: [] },
  ];
  return cv;
}

export function buildSampleJob(): TParsedJob {
  const skill = (id: string, name: string, weight: number, required: boolean, mentions = 1) => ({
    id,
    name,
    weight,
    required,
    mentions,
  });
  return {
    title: 'Senior Backend Engineer',
    company: 'Acme Logistics',
    location: 'London, UK',
    seniority: 'senior',
    yearsOfExperience: { min: 5, max: null },
    education: ["Bachelor's degree in Computer Science or equivalent"],
    requirements: {
      mustHave: ['5+ years with TypeScript and Node.js', 'PostgreSQL in production', 'Kubernetes'],
      niceToHave: ['Apache Kafka', 'GraphQL APIs', 'Terraform on AWS'],
    },
    skills: [
      skill('typescript', 'TypeScript', 1, true, 3),
      skill('nodejs', 'Node.js', 0.95, true, 2),
      skill('postgresql', 'PostgreSQL', 0.9, true, 2),
      skill('kubernetes', 'Kubernetes', 0.8, true),
      skill('kafka', 'Apache Kafka', 0.6, false),
      skill('graphql', 'GraphQL', 0.55, false),
      skill('terraform', 'Terraform', 0.5, false),
      skill('aws', 'AWS', 0.5, false),
      skill('redis', 'Redis', 0.3, false),
      skill('rust', 'Rust', 0.2, false),
    ],
    keywords: [
      { term: 'CI/CD', kind: 'method', weight: 0.7 },
      { term: 'AWS Certified Solutions Architect', kind: 'certification', weight: 0.6 },
      { term: 'payments', kind: 'domain', weight: 0.5 },
    ],
    responsibilities: ['Design and run payment services', 'Own the CI/CD workflow'],
    language: 'en',
    text:
      'Senior Backend Engineer at Acme Logistics. You have 5+ years with TypeScript and Node.js, PostgreSQL in ' +
      'production and Kubernetes. Nice to have: Apache Kafka, GraphQL APIs, Terraform on AWS. An AWS Certified ' +
      'Solutions Architect certification is a plus. You will own the CI/CD workflow for our payments platform.',
  };
}

/** The shared reference datasets; tests that need them fail with this message when they are missing. */
export function datasetsDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const dir = process.env.DOSSIER_DATASETS ?? path.resolve(repoRoot, '../shared/datasets');
  if (!existsSync(dir)) {
    throw new Error(
      `Reference datasets not found at ${dir}. Set DOSSIER_DATASETS to the shared datasets folder.`,
    );
  }
  return dir;
}

export function createTestDeps(): PluginDeps {
  const noop = () => {};
  return {
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    clock: () => new Date(GENERATED_AT),
    taxonomy: getDefaultTaxonomy(),
  };
}

export function createTestContext(signal: AbortSignal = new AbortController().signal): StageContext {
  return { signal, report: () => {}, progress: () => {} };
}

/** Every built-in exporter by format, and a cached `render` for ATS input, as the pipeline runner gives it. */
export async function createTestRenderer(content: TDocumentContent) {
  const deps = createTestDeps();
  const byFormat = new Map<string, ExporterHandler>();
  for (const plugin of exporterPlugins) {
    const handler = (await plugin.create({}, deps)) as ExporterHandler;
    byFormat.set(handler.format, handler);
  }
  const cache = new Map<string, Promise<ExportOutput>>();
  const render = (format: string): Promise<ExportOutput> => {
    const exporter = byFormat.get(format);
    if (!exporter) return Promise.reject(new Error(`no exporter for format "${format}"`));
    let pending = cache.get(format);
    if (!pending) {
      pending = exporter.export({ content }, createTestContext());
      cache.set(format, pending);
    }
    return pending;
  };
  return { render, exporters: byFormat };
}
