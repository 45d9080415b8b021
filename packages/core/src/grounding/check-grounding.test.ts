import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TDocumentContent, TDocumentItem, TDocumentSection } from '../domain/document-content.js';
import {
  type TPipelineArtifact,
  ZPipelineArtifact,
  ZPipelinePortfolio,
} from '../domain/pipeline-artifact.js';
import { getDefaultTaxonomy } from '../taxonomy/default-taxonomy.js';
import { checkGrounding } from './check-grounding.js';

const taxonomy = getDefaultTaxonomy();

const LEDGER = ZPipelineArtifact.parse({
  id: 'a-ledger',
  title: 'Payments ledger service',
  summary: 'Double-entry ledger for card payments with idempotent writes.',
  role: 'Senior Backend Engineer',
  organization: 'Northwind Pay',
  startDate: '2021-03-01',
  endDate: null,
  technologies: ['Go', 'PostgreSQL', 'Kafka'],
  skills: ['go', 'postgresql', 'kafka'],
  outcomes: [
    'Cut p99 write latency from 180 ms to 45 ms',
    'Processed 2,400 transactions per second at peak',
    'Reduced reconciliation incidents by 60%',
    'Saved $1.2M a year and made deploys 3x faster',
  ],
  evidence: [{ id: 'ev-pr', url: 'https://github.com/example/ledger/pull/1', status: 'valid' }],
});
const ORDERS = ZPipelineArtifact.parse({
  id: 'a-orders',
  title: 'Order routing API',
  summary: 'Java service in front of PostgreSQL.',
  role: 'Backend Engineer',
  organization: 'Kestrel Logistics',
  startDate: '2018-09',
  endDate: '2020-10',
  technologies: ['Java', 'PostgreSQL', 'Redis'],
  skills: ['java', 'postgresql', 'redis'],
  outcomes: ['Lowered the error rate from 1.2% to 0.3%'],
  evidence: [{ id: 'ev-site', url: 'https://example.com', status: 'unchecked' }],
});
const ARTIFACTS = [LEDGER, ORDERS];

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

function doc(sections: TDocumentSection[], meta: Partial<TDocumentContent['meta']> = {}): TDocumentContent {
  return {
    kind: 'cv',
    title: 'CV',
    profile: { name: 'Zoë 李', headline: null, email: null, phone: null, location: null, links: [] },
    sections,
    meta: {
      jobTitle: 'Staff Engineer',
      company: 'Fjord Financial',
      generator: 'test',
      tone: null,
      generatedAt: '2026-01-15T09:30:00.000Z',
      ...meta,
    },
  };
}

const experience = (items: TDocumentItem[]): TDocumentSection => ({
  id: 'experience',
  kind: 'experience',
  heading: 'Experience',
  items,
});

const ledgerItem = (partial: Partial<TDocumentItem> = {}): TDocumentItem =>
  item({
    id: 'exp-ledger',
    title: 'Payments ledger service',
    subtitle: 'Senior Backend Engineer · Northwind Pay',
    dates: { start: '2021-03', end: null },
    bullets: ['Cut p99 write latency from 180 ms to 45 ms'],
    skills: ['Go', 'PostgreSQL'],
    links: [{ url: 'https://github.com/example/ledger/pull/1', label: 'PR', evidenceId: 'ev-pr' }],
    sources: [{ artifactId: 'a-ledger', evidenceIds: ['ev-pr'] }],
    ...partial,
  });

const check = (content: TDocumentContent) => checkGrounding(content, ARTIFACTS, taxonomy);

describe('checkGrounding', () => {
  it('passes a grounded item unchanged', () => {
    const content = doc([experience([ledgerItem()])]);
    const result = check(content);
    expect(result.violations).toEqual([]);
    expect(result.content).toEqual(content);
  });

  it('drops an item that cites nothing', () => {
    const result = check(doc([experience([ledgerItem({ sources: [] }), ledgerItem({ id: 'kept' })])]));
    expect(result.violations).toEqual([
      {
        itemId: 'exp-ledger',
        sectionId: 'experience',
        kind: 'uncited',
        detail: 'the item cites no artifact',
      },
    ]);
    expect(result.content.sections[0]!.items.map((i) => i.id)).toEqual(['kept']);
  });

  it('drops an item citing an artifact that does not exist, and unknown evidence from a source', () => {
    const ghost = check(
      doc([experience([ledgerItem({ sources: [{ artifactId: 'a-ghost', evidenceIds: [] }] })])]),
    );
    expect(ghost.violations.map((v) => v.kind)).toEqual(['unknown-artifact']);
    expect(ghost.content.sections).toEqual([]);

    const badEvidence = check(
      doc([
        experience([
          ledgerItem({
            sources: [{ artifactId: 'a-ledger', evidenceIds: ['ev-pr', 'ev-made-up'] }],
            links: [
              { url: 'https://github.com/example/ledger/pull/1', label: 'PR', evidenceId: 'ev-pr' },
              { url: 'https://example.org/x', label: 'X', evidenceId: 'ev-made-up' },
            ],
          }),
        ]),
      ]),
    );
    expect(badEvidence.violations.map((v) => v.kind)).toEqual(['unknown-artifact', 'unknown-artifact']);
    const kept = badEvidence.content.sections[0]!.items[0]!;
    expect(kept.sources).toEqual([{ artifactId: 'a-ledger', evidenceIds: ['ev-pr'] }]);
    expect(kept.links.map((l) => l.evidenceId)).toEqual(['ev-pr']);
  });

  it('drops a skill the cited artifacts lack, from the skills list and from bullets', () => {
    const result = check(
      doc([
        experience([
          ledgerItem({
            skills: ['Golang', 'Postgres', 'Rust'],
            bullets: ['Cut p99 write latency from 180 ms to 45 ms', 'Rewrote the hot path in Rust'],
          }),
        ]),
      ]),
    );
    expect(result.violations.map((v) => [v.kind, v.detail])).toEqual([
      ['skill', 'skill "Rust" is not among the cited artifacts\' skills, in "Rewrote the hot path in Rust"'],
      ['skill', 'skill "Rust" is not among the cited artifacts\' skills'],
    ]);
    const kept = result.content.sections[0]!.items[0]!;
    // Aliases count as the same skill: "Golang" is Go, "Postgres" is PostgreSQL.
    expect(kept.skills).toEqual(['Golang', 'Postgres']);
    expect(kept.bullets).toEqual(['Cut p99 write latency from 180 ms to 45 ms']);
  });

  it('lets a skills section cite many artifacts', () => {
    const skills: TDocumentSection = {
      id: 'skills',
      kind: 'skills',
      heading: 'Skills',
      items: [
        item({
          id: 'skills-tools',
          title: 'Tools',
          skills: ['PostgreSQL', 'Kafka', 'Redis', 'Terraform'],
          sources: [
            { artifactId: 'a-ledger', evidenceIds: [] },
            { artifactId: 'a-orders', evidenceIds: [] },
          ],
        }),
      ],
    };
    const result = check(doc([skills]));
    expect(result.violations.map((v) => v.detail)).toEqual([
      'skill "Terraform" is not among the cited artifacts\' skills',
    ]);
    expect(result.content.sections[0]!.items[0]!.skills).toEqual(['PostgreSQL', 'Kafka', 'Redis']);
  });

  it('drops the item when its subtitle names another employer or a title never held', () => {
    const employer = check(doc([experience([ledgerItem({ subtitle: 'Senior Backend Engineer · Google' })])]));
    expect(employer.violations.map((v) => [v.kind, v.detail])).toEqual([
      ['employer', 'organisation "Google" is not named by the cited artifacts'],
    ]);
    expect(employer.content.sections).toEqual([]);

    const title = check(doc([experience([ledgerItem({ subtitle: 'Principal Engineer · Northwind Pay' })])]));
    expect(title.violations.map((v) => v.kind)).toEqual(['title']);
  });

  it('checks dates against the cited artifacts at year or month granularity', () => {
    const ok = check(
      doc([
        experience([
          ledgerItem({ dates: { start: '2021', end: null } }),
          item({
            id: 'exp-orders',
            title: 'Order routing API',
            dates: { start: '2018-09-01', end: '2020' },
            bullets: ['Shipped in March 2019 and ran until 2020'],
            sources: [{ artifactId: 'a-orders', evidenceIds: [] }],
          }),
        ]),
      ]),
    );
    expect(ok.violations).toEqual([]);

    const early = check(doc([experience([ledgerItem({ dates: { start: '2020-11', end: null } })])]));
    expect(early.violations.map((v) => v.kind)).toEqual(['date']);
    expect(early.content.sections).toEqual([]);

    // The orders work ended in 2020: claiming it is ongoing is not grounded.
    const ongoing = check(
      doc([
        experience([
          item({
            id: 'exp-orders',
            title: 'Order routing API',
            dates: { start: '2018-09', end: null },
            sources: [{ artifactId: 'a-orders', evidenceIds: [] }],
          }),
        ]),
      ]),
    );
    expect(ongoing.violations.map((v) => v.detail)).toEqual([
      'end "present" is outside the cited artifacts\' dates',
    ]);
  });

  it('drops a bullet with an unsupported figure or date, not the item', () => {
    const figure = check(
      doc([
        experience([
          ledgerItem({
            bullets: [
              'Grew revenue by 300%',
              'Cut p99 write latency from 180 ms to 45 ms',
              'Shipped in 2019',
            ],
          }),
        ]),
      ]),
    );
    expect(figure.violations.map((v) => v.kind)).toEqual(['number', 'date']);
    expect(figure.content.sections[0]!.items[0]!.bullets).toEqual([
      'Cut p99 write latency from 180 ms to 45 ms',
    ]);
  });

  it('drops an item whose every bullet violates, and leaves greeting and closing alone', () => {
    const content = doc([
      {
        id: 'greeting',
        kind: 'greeting',
        heading: '',
        items: [item({ id: 'hello', text: 'Dear Google team,' })],
      },
      experience([ledgerItem({ bullets: ['Grew revenue by 300%'], skills: [] })]),
      {
        id: 'closing',
        kind: 'closing',
        heading: '',
        items: [item({ id: 'bye', text: 'Best regards, Zoë 李 🚀' })],
      },
    ]);
    const result = check(content);
    expect(result.violations.map((v) => v.kind)).toEqual(['number']);
    expect(result.content.sections.map((s) => s.id)).toEqual(['greeting', 'closing']);
    expect(result.content.sections[1]!.items[0]!.text).toBe('Best regards, Zoë 李 🚀');
  });

  it('treats profile education as a fact, not a claim', () => {
    const education: TDocumentSection = {
      id: 'education',
      kind: 'education',
      heading: 'Education',
      items: [
        item({ id: 'edu-0', title: 'Delft University of Technology', subtitle: 'MSc, Computer Science' }),
        item({ id: 'edu-1', title: 'Harvard University', subtitle: 'PhD' }),
      ],
    };
    const profile = {
      name: 'Zoë 李',
      headline: null,
      email: null,
      phone: null,
      location: null,
      links: [],
      education: [
        {
          institution: 'Delft University of Technology',
          area: 'Computer Science',
          studyType: 'MSc',
          startDate: null,
          endDate: null,
        },
      ],
    };
    const result = checkGrounding(doc([education]), ARTIFACTS, taxonomy, profile);
    expect(result.violations.map((v) => [v.itemId, v.kind])).toEqual([['edu-1', 'uncited']]);
    expect(result.content.sections[0]!.items.map((i) => i.id)).toEqual(['edu-0']);
  });

  it('keeps a paragraph as written when every sentence passes, and copes with an unreadable clock', () => {
    const text = 'Cut p99 write latency from 180 ms to 45 ms.\nReduced reconciliation incidents by 60%.';
    const summary: TDocumentSection = {
      id: 'summary',
      kind: 'summary',
      heading: 'Summary',
      items: [item({ id: 'summary', text, sources: [{ artifactId: 'a-ledger', evidenceIds: [] }] })],
    };
    const result = check(doc([summary], { generatedAt: 'not a date' }));
    expect(result.violations).toEqual([]);
    expect(result.content.sections[0]!.items[0]!.text).toBe(text);
  });

  it('does not change its input', () => {
    const content = doc([
      experience([
        ledgerItem({ bullets: ['Grew revenue by 300%', 'Cut p99 write latency from 180 ms to 45 ms'] }),
      ]),
    ]);
    const before = structuredClone(content);
    check(content);
    expect(content).toEqual(before);
  });

  // Speed targets are not asserted in unit tests (see DESIGN.md); this measures and prints the figure.
  it('measures a two-page CV check (target: under 5 ms)', () => {
    const portfolio = ZPipelinePortfolio.parse(
      JSON.parse(
        readFileSync(
          path.resolve(import.meta.dirname, '../../../../fixtures/pipeline/portfolio.json'),
          'utf8',
        ),
      ),
    );
    const items = portfolio.artifacts.map((a: TPipelineArtifact) =>
      item({
        id: `exp-${a.id}`,
        title: a.title,
        subtitle: [a.role, a.organization].filter(Boolean).join(' · ') || null,
        dates: { start: a.startDate.slice(0, 7), end: a.endDate?.slice(0, 7) ?? null },
        bullets: a.outcomes,
        skills: a.technologies,
        sources: [{ artifactId: a.id, evidenceIds: a.evidence.map((e) => e.id) }],
      }),
    );
    const content = doc([experience(items)]);
    checkGrounding(content, portfolio.artifacts, taxonomy);
    const runs = 200;
    const started = performance.now();
    let violations = 0;
    for (let i = 0; i < runs; i++)
      violations += checkGrounding(content, portfolio.artifacts, taxonomy).violations.length;
    const perRun = (performance.now() - started) / runs;
    expect(violations).toBe(0);
    console.info(`checkGrounding: ${perRun.toFixed(2)} ms for ${items.length} items`);
  });
});
