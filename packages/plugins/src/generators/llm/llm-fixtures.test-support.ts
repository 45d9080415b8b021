import {
  type GenerateInput,
  getDefaultTaxonomy,
  type LlmPort,
  type PluginDeps,
  type RankedArtifact,
  type StageContext,
  type TDiagnostic,
  type TParsedJob,
  type TPipelineArtifact,
  type TProfile,
} from '@dossier/core';
import type { TReplyItem } from './build-reply-schema.js';

// A small hand-written portfolio and job for the LLM generator tests (not the shared pipeline fixtures).

export const PROFILE: TProfile = {
  name: 'Ada Park',
  headline: 'Backend Engineer',
  email: 'ada@example.com',
  phone: null,
  location: 'Berlin',
  links: [{ label: 'GitHub', url: 'https://github.com/ada-example' }],
  education: [
    {
      institution: 'TU Berlin',
      area: 'Computer Science',
      studyType: 'MSc',
      startDate: '2014-10',
      endDate: '2016-09',
    },
  ],
};

const base = { collaborators: [], labels: [] };

export const ARTIFACTS: TPipelineArtifact[] = [
  {
    ...base,
    id: 'art-billing',
    title: 'Billing platform rewrite',
    summary: 'Rewrote the billing platform in Go on PostgreSQL.',
    role: 'Senior Backend Engineer',
    organization: 'Acme Payments',
    startDate: '2021-01',
    endDate: null,
    technologies: ['Go', 'PostgreSQL', 'gRPC'],
    skills: ['go', 'postgresql', 'grpc'],
    outcomes: ['Cut invoice run time by 60%'],
    evidence: [
      {
        id: 'ev-billing-pr',
        url: 'https://github.com/acme-example/billing/pull/42',
        title: 'Billing rewrite PR',
        kind: 'pull-request',
        status: 'valid',
      },
    ],
  },
  {
    ...base,
    id: 'art-search',
    title: 'Search service',
    summary: 'Built a search API with Python and Elasticsearch.',
    role: 'Backend Engineer',
    organization: 'Acme Payments',
    startDate: '2019-03',
    endDate: '2020-12',
    technologies: ['Python', 'Elasticsearch'],
    skills: ['python', 'elasticsearch'],
    outcomes: ['Served 1,200 queries per second'],
    evidence: [
      {
        id: 'ev-search-talk',
        url: 'https://example.com/blog/search-talk',
        title: 'Conference talk',
        kind: 'article',
        status: 'broken',
      },
    ],
  },
  {
    ...base,
    id: 'art-cli',
    title: 'Open-source migration CLI',
    summary: 'A command-line tool for zero-downtime PostgreSQL schema migrations, written in Go.',
    role: 'Maintainer',
    organization: null,
    startDate: '2022-05',
    endDate: '2023-01',
    technologies: ['Go', 'PostgreSQL'],
    skills: ['go', 'postgresql'],
    outcomes: ['Used by 40 teams'],
    evidence: [
      {
        id: 'ev-cli-repo',
        url: 'https://github.com/ada-example/migrate',
        title: 'migrate repository',
        kind: 'repo',
        status: 'valid',
      },
    ],
  },
];

export const JOB: TParsedJob = {
  title: 'Senior Backend Engineer',
  company: 'Fjord Cloud',
  location: 'Remote',
  seniority: 'senior',
  yearsOfExperience: { min: 5, max: null },
  education: [],
  requirements: {
    mustHave: ['Production experience with Go', 'Deep PostgreSQL knowledge'],
    niceToHave: ['Kubernetes'],
  },
  skills: [
    { id: 'go', name: 'Go', weight: 1, required: true, mentions: 3 },
    { id: 'postgresql', name: 'PostgreSQL', weight: 0.9, required: true, mentions: 2 },
    { id: 'kubernetes', name: 'Kubernetes', weight: 0.4, required: false, mentions: 1 },
  ],
  keywords: [{ term: 'billing', kind: 'domain', weight: 0.5 }],
  responsibilities: ['Own the billing services'],
  language: 'en',
  text: 'Senior Backend Engineer at Fjord Cloud. Go, PostgreSQL; Kubernetes is a plus.',
};

export function generateInput(kind: GenerateInput['kind']): GenerateInput {
  const ranked: RankedArtifact[] = ARTIFACTS.map((artifact, i) => ({
    artifact,
    score: 0.9 - i * 0.2,
    reasons: [],
    matchedSkills: artifact.skills.filter((s) => s === 'go' || s === 'postgresql'),
    matchedKeywords: [],
  }));
  return {
    kind,
    job: JOB,
    profile: PROFILE,
    ranked,
    options: { tone: 'formal', length: 'standard', maxArtifacts: 3 },
  };
}

export function pluginDeps(llm: LlmPort | undefined): PluginDeps {
  const noop = () => {};
  return {
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    clock: () => new Date('2026-02-01T10:00:00.000Z'),
    taxonomy: getDefaultTaxonomy(),
    ...(llm ? { llm } : {}),
  };
}

export function stageContext(signal: AbortSignal = new AbortController().signal) {
  const reports: Omit<TDiagnostic, 'plugin' | 'stage'>[] = [];
  const ctx: StageContext = { signal, report: (d) => reports.push(d), progress: () => {} };
  return { ctx, reports };
}

const item = (partial: Partial<TReplyItem> & { id: string }): TReplyItem => ({
  title: null,
  subtitle: null,
  dates: null,
  text: null,
  bullets: [],
  skills: [],
  sources: [],
  ...partial,
});
const cite = (artifactId: string, evidenceIds: string[] = []) => ({ artifactId, evidenceIds });

/** A grounded CV reply, as the model would send it; `extraSkill` adds a skill no cited artifact has. */
export function cvReply(extraSkill?: string) {
  return {
    sections: [
      {
        id: 'summary',
        kind: 'summary',
        heading: 'Summary',
        items: [
          item({
            id: 'summary',
            text: 'Backend engineer who rewrote a billing platform in Go on PostgreSQL and cut invoice run time by 60%.',
            sources: [cite('art-billing')],
          }),
        ],
      },
      {
        id: 'experience',
        kind: 'experience',
        heading: 'Experience',
        items: [
          item({
            id: 'exp-1',
            title: 'Billing platform rewrite',
            subtitle: 'Senior Backend Engineer, Acme Payments',
            dates: { start: '2021-01', end: null },
            bullets: ['Rewrote the billing platform in Go on PostgreSQL, cutting invoice run time by 60%.'],
            skills: ['Go', 'PostgreSQL', 'gRPC', ...(extraSkill ? [extraSkill] : [])],
            sources: [cite('art-billing', ['ev-billing-pr'])],
          }),
          item({
            id: 'exp-2',
            title: 'Search service',
            subtitle: 'Backend Engineer, Acme Payments',
            dates: { start: '2019-03', end: '2020-12' },
            bullets: ['Built a search API with Python and Elasticsearch serving 1,200 queries per second.'],
            skills: ['Python', 'Elasticsearch'],
            sources: [cite('art-search')],
          }),
        ],
      },
      {
        id: 'projects',
        kind: 'projects',
        heading: 'Projects',
        items: [
          item({
            id: 'proj-1',
            title: 'Open-source migration CLI',
            subtitle: 'Maintainer',
            dates: { start: '2022-05', end: '2023-01' },
            bullets: ['Wrote a Go tool for zero-downtime PostgreSQL schema migrations, used by 40 teams.'],
            skills: ['Go', 'PostgreSQL'],
            sources: [cite('art-cli', ['ev-cli-repo'])],
          }),
        ],
      },
      {
        id: 'skills',
        kind: 'skills',
        heading: 'Skills',
        items: [
          item({
            id: 'skills-languages',
            title: 'Languages',
            skills: ['Go', 'Python'],
            sources: [cite('art-billing'), cite('art-search')],
          }),
          item({
            id: 'skills-data',
            title: 'Data',
            skills: ['PostgreSQL', 'Elasticsearch'],
            sources: [cite('art-billing'), cite('art-search')],
          }),
        ],
      },
    ],
  };
}

/** A grounded cover-letter reply; greeting and closing cite nothing. */
export function coverLetterReply() {
  return {
    sections: [
      {
        id: 'greeting',
        kind: 'greeting',
        heading: '',
        items: [item({ id: 'greeting', text: 'Dear Fjord Cloud hiring team,' })],
      },
      {
        id: 'body',
        kind: 'body',
        heading: '',
        items: [
          item({
            id: 'body-1',
            text: 'I rewrote the billing platform in Go on PostgreSQL and cut invoice run time by 60%.',
            sources: [cite('art-billing', ['ev-billing-pr'])],
          }),
          item({
            id: 'body-2',
            text: 'I also maintain a Go tool for zero-downtime PostgreSQL schema migrations, used by 40 teams.',
            sources: [cite('art-cli')],
          }),
        ],
      },
      {
        id: 'closing',
        kind: 'closing',
        heading: '',
        items: [item({ id: 'closing', text: 'Kind regards,\nAda Park' })],
      },
    ],
  };
}
