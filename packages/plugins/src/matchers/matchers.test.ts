import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AnyPlugin,
  type ArtifactScore,
  getDefaultTaxonomy,
  type MatcherHandler,
  type MatchInput,
  type PluginDeps,
  type StageContext,
  type TPipelineArtifact,
  ZParsedJob,
  ZPipelineArtifact,
  ZPipelinePortfolio,
} from '@dossier/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  createBm25Matcher,
  createEvidenceStrengthMatcher,
  createLabelBoostMatcher,
  createRecencyMatcher,
  createSkillOverlapMatcher,
  matcherPlugins,
} from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/pipeline');
const portfolio = ZPipelinePortfolio.parse(
  JSON.parse(readFileSync(path.join(FIXTURES, 'portfolio.json'), 'utf8')),
);
const job = ZParsedJob.parse(
  JSON.parse(readFileSync(path.join(FIXTURES, 'jobs/fixture-backend.json'), 'utf8')),
);
const NOW = new Date('2026-01-15T09:30:00.000Z');

const deps: PluginDeps = {
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  clock: () => NOW,
  taxonomy: getDefaultTaxonomy(),
};
const ctx: StageContext = { signal: new AbortController().signal, report() {}, progress() {} };

const input = (overrides: Partial<MatchInput> = {}): MatchInput => ({
  job,
  artifacts: portfolio.artifacts,
  labelIds: [],
  now: NOW,
  ...overrides,
});

async function run(
  plugin: AnyPlugin,
  options: Record<string, unknown> = {},
  overrides: Partial<MatchInput> = {},
) {
  const handler = (await plugin.create(options, deps)) as MatcherHandler;
  const scores = await handler.match(input(overrides), ctx);
  const ranked = [...scores].sort((a, b) => b.score - a.score);
  return { scores, ranked, byId: new Map(scores.map((s) => [s.artifactId, s])) };
}

function expectWellFormed(
  scores: ArtifactScore[],
  artifacts: TPipelineArtifact[] = portfolio.artifacts,
): void {
  expect(scores.map((s) => s.artifactId)).toEqual(artifacts.map((a) => a.id));
  for (const s of scores) {
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
    for (const r of s.reasons) {
      expect(r.detail.length).toBeGreaterThan(0);
      expect(r.weight).toBeGreaterThanOrEqual(0);
      expect(r.weight).toBeLessThanOrEqual(1 + 1e-9);
    }
  }
}

describe('matcher plugins', () => {
  it('are five matchers with valid option schemas whose defaults validate', () => {
    const ajv = new Ajv2020({ useDefaults: true, strict: true });
    expect(matcherPlugins.map((p) => [p.name, p.kind])).toEqual([
      ['bm25-matcher', 'matcher'],
      ['skill-overlap-matcher', 'matcher'],
      ['label-boost-matcher', 'matcher'],
      ['recency-matcher', 'matcher'],
      ['evidence-strength-matcher', 'matcher'],
    ]);
    for (const plugin of matcherPlugins) {
      const validate = ajv.compile(plugin.optionsSchema!);
      const options = {};
      expect(validate(options)).toBe(true);
      expect(Object.keys(options).length).toBeGreaterThan(0);
      expect(validate({ nonsense: 1 })).toBe(false);
    }
  });

  it('do not change their input and stop on an aborted signal', async () => {
    const before = structuredClone(input());
    const aborted: StageContext = { ...ctx, signal: AbortSignal.abort() };
    for (const plugin of matcherPlugins) {
      const handler = (await plugin.create({}, deps)) as MatcherHandler;
      const given = input();
      await handler.match(given, ctx);
      expect(given).toEqual(before);
      await expect(handler.match(given, aborted)).rejects.toThrow();
    }
  });
});

describe('bm25-matcher', () => {
  it('ranks the payments ledger first and explains the match with matched terms', async () => {
    const { scores, ranked } = await run(createBm25Matcher());
    expectWellFormed(scores);
    expect(ranked[0]!.artifactId).toBe('art-ledger');
    expect(ranked[0]!.score).toBe(1);
    expect(ranked[0]!.matchedSkills).toEqual(expect.arrayContaining(['go', 'postgresql', 'kafka']));
    // Rare shared terms explain the match best: the payments ledger is the only artifact about both.
    expect(ranked[0]!.reasons.slice(0, 3).map((r) => r.detail)).toEqual([
      'matched "payments" 3 times',
      'matched "gRPC"',
      'matched "ledger" 3 times',
    ]);
    expect(ranked[0]!.reasons.reduce((sum, r) => sum + r.weight, 0)).toBeLessThanOrEqual(1 + 1e-9);
    // The model-serving side project shares almost nothing with a backend payments role.
    expect(scores.find((s) => s.artifactId === 'art-model-serving')!.score).toBeLessThan(0.25);
  });

  it('stems plain words only when asked, and never technology tokens', async () => {
    const artifact = ZPipelineArtifact.parse({
      id: 'a',
      title: 'Scaled services',
      startDate: '2020-01',
      technologies: ['Node.js'],
    });
    const other = ZPipelineArtifact.parse({ id: 'b', title: 'Unrelated', startDate: '2020-01' });
    const scalingJob = {
      ...job,
      skills: [],
      keywords: [],
      requirements: { mustHave: ['scaling nodes'], niceToHave: [] },
      responsibilities: [],
    };
    const stemmed = await run(
      createBm25Matcher(),
      { stem: true },
      { job: scalingJob, artifacts: [artifact, other] },
    );
    expect(stemmed.byId.get('a')!.matchedKeywords).toEqual(['scaling']);
    const plain = await run(
      createBm25Matcher(),
      { stem: false },
      { job: scalingJob, artifacts: [artifact, other] },
    );
    expect(plain.byId.get('a')!.score).toBe(0);
  });

  it('scores nothing when the job and artifacts share no terms', async () => {
    const empty = {
      ...job,
      skills: [],
      keywords: [],
      requirements: { mustHave: [], niceToHave: [] },
      responsibilities: [],
    };
    const { scores } = await run(createBm25Matcher(), {}, { job: empty });
    expect(scores.every((s) => s.score === 0 && s.reasons.length === 0)).toBe(true);
  });
});

describe('skill-overlap-matcher', () => {
  it('ranks the payments ledger first and lists the matched skills', async () => {
    const { scores, ranked } = await run(createSkillOverlapMatcher());
    expectWellFormed(scores);
    expect(ranked[0]!.artifactId).toBe('art-ledger');
    expect(ranked[0]!.reasons.slice(0, 3).map((r) => r.detail)).toEqual([
      'Golang (required)',
      'Postgres (required)',
      'Apache Kafka (required)',
    ]);
    expect(ranked[0]!.reasons.at(-1)).toEqual({
      kind: 'missing-skill',
      detail: 'lacks required Distributed Systems',
      weight: 0,
    });
    expect(ranked[0]!.matchedSkills).toEqual(['go', 'postgresql', 'kafka', 'kubernetes', 'grpc', 'aws']);
  });

  it('weighs required skills by requiredBoost', async () => {
    const required = ZPipelineArtifact.parse({
      id: 'req',
      title: 'Cluster',
      startDate: '2020',
      skills: ['kubernetes'],
    });
    const niceToHave = ZPipelineArtifact.parse({
      id: 'nice',
      title: 'Infra',
      startDate: '2020',
      skills: ['grpc', 'aws', 'observability', 'terraform'],
    });
    const artifacts = [required, niceToHave];
    const flat = await run(createSkillOverlapMatcher(), { requiredBoost: 1 }, { artifacts });
    const boosted = await run(createSkillOverlapMatcher(), { requiredBoost: 4 }, { artifacts });
    // Kubernetes (required, 0.6) is worth less than four nice-to-haves (1.65) until required skills count 4x.
    expect(flat.ranked.map((s) => s.artifactId)).toEqual(['nice', 'req']);
    expect(boosted.ranked.map((s) => s.artifactId)).toEqual(['req', 'nice']);
  });

  it('gives partial credit for skills only named in the text', async () => {
    const artifact = ZPipelineArtifact.parse({
      id: 'a',
      title: 'Billing export',
      summary: 'Moved the export jobs onto Kubernetes.',
      startDate: '2020-01',
    });
    const full = await run(createSkillOverlapMatcher(), { textMentionCredit: 1 }, { artifacts: [artifact] });
    const half = await run(createSkillOverlapMatcher(), {}, { artifacts: [artifact] });
    const none = await run(createSkillOverlapMatcher(), { textMentionCredit: 0 }, { artifacts: [artifact] });
    expect(half.scores[0]!.score).toBeCloseTo(full.scores[0]!.score / 2, 6);
    expect(half.scores[0]!.reasons[0]!.detail).toBe('Kubernetes (required, mentioned in text)');
    expect(none.scores[0]!.score).toBe(0);
  });

  it('scores 0 with a reason when the job names no skills', async () => {
    const { scores } = await run(createSkillOverlapMatcher(), {}, { job: { ...job, skills: [] } });
    expect(scores.every((s) => s.score === 0 && s.reasons[0]!.kind === 'no-skills')).toBe(true);
  });
});

describe('label-boost-matcher', () => {
  it('gives the chosen label the full boost and a title-word label a smaller one', async () => {
    const { scores, ranked, byId } = await run(createLabelBoostMatcher(), {}, { labelIds: ['lbl-payments'] });
    expectWellFormed(scores);
    expect(ranked[0]!.artifactId).toBe('art-ledger');
    expect(byId.get('art-ledger')!).toMatchObject({
      score: 1,
      reasons: [{ detail: 'chosen label "Payments"' }],
    });
    // "Backend" is a word of "Senior Backend Engineer".
    expect(byId.get('art-order-api')!).toMatchObject({
      score: 0.3,
      reasons: [{ detail: 'label "Backend" matches the job title' }],
    });
    expect(byId.get('art-warehouse')!.score).toBe(0);
  });

  it('honours its options', async () => {
    const { byId } = await run(
      createLabelBoostMatcher(),
      { boost: 0.8, titleBoost: 0 },
      { labelIds: ['lbl-data'] },
    );
    expect(byId.get('art-warehouse')!.score).toBe(0.8);
    expect(byId.get('art-order-api')!.score).toBe(0);
  });
});

describe('recency-matcher', () => {
  it('ranks ongoing work first and halves the score every half-life', async () => {
    const { scores, ranked, byId } = await run(createRecencyMatcher());
    expectWellFormed(scores);
    expect(ranked[0]!.artifactId).toBe('art-ledger');
    expect(ranked[0]!.reasons[0]!.detail).toBe('ongoing');
    // Streaming ended 2024-09; now is 2026-01: 16 months.
    expect(byId.get('art-streaming')!.score).toBeCloseTo(0.5 ** (16 / 36), 10);
    expect(byId.get('art-streaming')!.reasons[0]!.detail).toBe('ended 16 months ago');
    const fast = await run(createRecencyMatcher(), { halfLifeMonths: 16 });
    expect(fast.byId.get('art-streaming')!.score).toBeCloseTo(0.5, 10);
  });

  it('uses input.now rather than the clock', async () => {
    const { byId } = await run(createRecencyMatcher(), {}, { now: new Date('2024-09-20T00:00:00Z') });
    expect(byId.get('art-streaming')!.score).toBe(1);
  });
});

describe('evidence-strength-matcher', () => {
  it('ranks two valid links first and orders statuses valid > redirected > unchecked > broken', async () => {
    const { scores, ranked, byId } = await run(createEvidenceStrengthMatcher());
    expectWellFormed(scores);
    expect(ranked[0]!.artifactId).toBe('art-ledger');
    const score = (id: string) => byId.get(id)!.score;
    expect(score('art-observability')).toBeGreaterThan(score('art-partitioning')); // valid > redirected
    expect(score('art-partitioning')).toBeGreaterThan(score('art-warehouse')); // redirected > unchecked
    expect(score('art-warehouse')).toBe(score('art-ci')); // unchecked = unverifiable
    expect(score('art-warehouse')).toBeGreaterThan(score('art-fraud-features')); // unchecked > broken
    expect(score('art-fraud-features')).toBe(0);
    // More evidence counts, but less than better evidence.
    expect(score('art-ratelimiter')).toBeGreaterThan(score('art-observability'));
    expect(score('art-ratelimiter')).toBeLessThan(score('art-ledger'));
    expect(byId.get('art-ledger')!.reasons.map((r) => r.detail)).toEqual([
      'best link valid (pull-request)',
      '1 more link: valid',
    ]);
  });

  it('takes per-status values from its options', async () => {
    const { byId } = await run(createEvidenceStrengthMatcher(), {
      statusValues: { broken: 0.4 },
      extraEvidenceWeight: 0,
    });
    expect(byId.get('art-fraud-features')!.score).toBeCloseTo(0.4, 10);
    const none = ZPipelineArtifact.parse({ id: 'n', title: 'No links', startDate: '2020' });
    const empty = await run(createEvidenceStrengthMatcher(), { noEvidence: 0.1 }, { artifacts: [none] });
    expect(empty.scores[0]).toMatchObject({ score: 0.1, reasons: [{ detail: 'no evidence' }] });
  });
});
