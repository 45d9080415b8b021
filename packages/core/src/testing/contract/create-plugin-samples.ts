import { type TDocumentContent, ZDocumentContent } from '../../domain/document-content.js';
import type { TParsedJob } from '../../domain/job-description.js';
import { type TPipelinePortfolio, ZPipelinePortfolio } from '../../domain/pipeline-artifact.js';
import type { PluginSampleByKind } from './check-plugin.js';
import { TEST_NOW } from './create-test-deps.js';

export interface PluginSamples extends PluginSampleByKind {
  job: TParsedJob;
  portfolio: TPipelinePortfolio;
  /** A small CV whose every claim is grounded in `portfolio` (checkGrounding finds no violation). */
  content: TDocumentContent;
}

const JOB_TEXT = `Senior Backend Engineer — Lumen Freight
We are looking for a senior backend engineer to own our shipment tracking APIs.
Must have: Go, PostgreSQL, 5+ years of backend experience.
Nice to have: Kafka, Kubernetes.`;

/**
 * Ready-made inputs for `checkPlugin`, one per plugin kind, built around one job and a three-artifact
 * portfolio. Every call returns fresh objects, so a test may change them freely.
 */
export function createPluginSamples(): PluginSamples {
  const job: TParsedJob = {
    title: 'Senior Backend Engineer',
    company: 'Lumen Freight',
    location: null,
    seniority: 'senior',
    yearsOfExperience: { min: 5, max: null },
    education: [],
    requirements: {
      mustHave: ['Go', 'PostgreSQL', '5+ years of backend experience'],
      niceToHave: ['Kafka', 'Kubernetes'],
    },
    skills: [
      { id: 'go', name: 'Go', weight: 1, required: true, mentions: 1 },
      { id: 'postgresql', name: 'PostgreSQL', weight: 0.9, required: true, mentions: 1 },
      { id: 'kafka', name: 'Kafka', weight: 0.5, required: false, mentions: 1 },
    ],
    keywords: [{ term: 'shipment tracking', kind: 'domain', weight: 0.6 }],
    responsibilities: ['own our shipment tracking APIs'],
    language: 'en',
    text: JOB_TEXT,
  };
  const portfolio = ZPipelinePortfolio.parse({
    profile: { name: 'Ada Example', headline: 'Backend engineer', email: 'ada@example.com' },
    artifacts: [
      {
        id: 'art-ledger',
        title: 'Payments ledger service',
        summary: 'Built a double-entry ledger in Go on PostgreSQL that records every card payment.',
        role: 'Backend Engineer',
        organization: 'Northwind Pay',
        startDate: '2021-03-01',
        technologies: ['Go', 'PostgreSQL', 'Kafka'],
        outcomes: ['Handles 2,400 payments per second'],
        evidence: [
          { id: 'ev-ledger-repo', url: 'https://github.com/example/ledger', kind: 'repo', status: 'valid' },
        ],
        labels: [{ id: 'lbl-backend', name: 'Backend' }],
      },
      {
        id: 'art-tracker',
        title: 'Parcel tracking API',
        summary: 'Designed the public REST API for parcel tracking events.',
        role: 'Backend Engineer',
        organization: 'Northwind Pay',
        startDate: '2019-06-01',
        endDate: '2021-02-28',
        technologies: ['Python', 'PostgreSQL'],
      },
      {
        id: 'art-talk',
        title: 'Talk: Idempotency in practice',
        summary: 'Conference talk on idempotent payment APIs.',
        startDate: '2022-10-12',
        endDate: '2022-10-12',
        evidence: [{ id: 'ev-talk-video', url: 'https://www.youtube.com/watch?v=example', kind: 'video' }],
      },
    ],
  });
  const [ledger, tracker] = portfolio.artifacts as [
    TPipelinePortfolio['artifacts'][0],
    TPipelinePortfolio['artifacts'][0],
  ];
  const content = ZDocumentContent.parse({
    kind: 'cv',
    title: `${portfolio.profile.name} — ${job.title}`,
    profile: {
      name: portfolio.profile.name,
      headline: portfolio.profile.headline,
      email: portfolio.profile.email,
    },
    sections: [
      {
        id: 'experience',
        kind: 'experience',
        heading: 'Experience',
        items: [ledger, tracker].map((a) => ({
          id: `item-${a.id}`,
          title: a.title,
          subtitle: `${a.role} · ${a.organization}`,
          dates: { start: a.startDate, end: a.endDate },
          bullets: [a.summary],
          skills: a.technologies,
          sources: [{ artifactId: a.id, evidenceIds: a.evidence.map((e) => e.id) }],
        })),
      },
    ],
    meta: { jobTitle: job.title, company: job.company, generator: 'sample', generatedAt: TEST_NOW },
  });
  const ranked = portfolio.artifacts.map((artifact, index) => ({
    artifact,
    score: [0.9, 0.6, 0.2][index] ?? 0,
    reasons: [{ kind: 'skill', detail: 'matches Go and PostgreSQL', weight: 1 }],
    matchedSkills: artifact.technologies.filter((t) => t === 'Go' || t === 'PostgreSQL'),
    matchedKeywords: [],
  }));

  return {
    job,
    portfolio,
    content,
    parser: { mediaType: 'text/plain', filename: 'job.txt', text: JOB_TEXT },
    matcher: { job, artifacts: portfolio.artifacts, labelIds: ['lbl-backend'], now: new Date(TEST_NOW) },
    generator: {
      kind: 'cv',
      job,
      profile: portfolio.profile,
      ranked,
      options: { tone: 'formal', length: 'standard', maxArtifacts: 2 },
    },
    exporter: { content, options: { evidenceFootnotes: true, brokenEvidence: 'mark' } },
    'ats-checker': { content, job, artifacts: portfolio.artifacts },
    'evidence-validator': 'https://github.com/example/ledger',
  };
}
