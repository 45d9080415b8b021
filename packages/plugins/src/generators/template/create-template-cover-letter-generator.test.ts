import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkGrounding,
  type GenerateInput,
  type GeneratorHandler,
  getDefaultTaxonomy,
  type PluginDeps,
  type RankedArtifact,
  type StageContext,
  type TDocumentContent,
  ZDocumentContent,
  ZParsedJob,
  ZPipelinePortfolio,
} from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { createTemplateCoverLetterGenerator } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../fixtures/pipeline');
const portfolio = ZPipelinePortfolio.parse(
  JSON.parse(readFileSync(path.join(FIXTURES, 'portfolio.json'), 'utf8')),
);
const job = ZParsedJob.parse(
  JSON.parse(readFileSync(path.join(FIXTURES, 'jobs/fixture-backend.json'), 'utf8')),
);
const NOW = new Date('2026-01-15T09:30:00.000Z');
const taxonomy = getDefaultTaxonomy();
const deps: PluginDeps = {
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  clock: () => NOW,
  taxonomy,
};
const byId = new Map(portfolio.artifacts.map((a) => [a.id, a]));

// A fixed ranking, as the matchers would give it for the backend job: ledger, streaming, partitioning, ...
const ORDER = [
  'art-ledger',
  'art-streaming',
  'art-partitioning',
  'art-ratelimiter',
  'art-talk',
  'art-observability',
];
const ranked: RankedArtifact[] = [
  ...ORDER.map((id) => byId.get(id)!),
  ...portfolio.artifacts.filter((a) => !ORDER.includes(a.id)),
].map((artifact, i) => ({
  artifact,
  score: 1 - i / 20,
  reasons: [],
  matchedSkills: [],
  matchedKeywords: [],
}));

type Tone = GenerateInput['options']['tone'];

async function letter(tone: Tone = 'formal', overrides: Partial<GenerateInput> = {}) {
  const handler = (await createTemplateCoverLetterGenerator().create({}, deps)) as GeneratorHandler;
  const reports: unknown[] = [];
  const ctx: StageContext = {
    signal: new AbortController().signal,
    report: (d) => reports.push(d),
    progress() {},
  };
  const input: GenerateInput = {
    kind: 'cover-letter',
    job,
    profile: portfolio.profile,
    ranked,
    options: { tone, length: 'standard', maxArtifacts: 6 },
    ...overrides,
  };
  return { content: ZDocumentContent.parse((await handler.generate(input, ctx)).content), reports };
}

const textOf = (content: TDocumentContent, id: string): string =>
  content.sections
    .find((s) => s.id === id)!
    .items.map((i) => i.text ?? '')
    .join('\n');
const bodyOf = (content: TDocumentContent) => content.sections.find((s) => s.kind === 'body')!.items;
const wordCount = (content: TDocumentContent): number =>
  content.sections
    .flatMap((s) => s.items)
    .reduce((n, i) => n + (i.text?.split(/\s+/).filter(Boolean).length ?? 0), 0);

describe('template-cover-letter', () => {
  it('greets, opens with the role and company, and signs off with the name', async () => {
    const { content } = await letter();
    expect(content.sections.map((s) => s.kind)).toEqual(['greeting', 'other', 'body', 'closing']);
    expect(textOf(content, 'greeting')).toBe('Dear Hiring Manager,');
    const opening = textOf(content, 'opening');
    expect(opening).toContain('Senior Backend Engineer role at Fjord Financial');
    expect(opening).toContain('Golang, Postgres and Apache Kafka');
    const closing = content.sections.find((s) => s.kind === 'closing')!.items;
    expect(closing.map((i) => i.text)).toEqual([
      expect.stringContaining('Fjord Financial'),
      'Sincerely,',
      portfolio.profile.name,
    ]);
    expect(content.meta).toMatchObject({
      generator: 'template-cover-letter',
      tone: 'formal',
      generatedAt: NOW.toISOString(),
    });
  });

  it('builds each body paragraph on one artifact: what was done, its figure, a requirement, its evidence', async () => {
    const { content } = await letter();
    const body = bodyOf(content);
    expect(body).toHaveLength(3);
    expect(body.map((p) => p.sources.map((s) => s.artifactId))).toEqual([
      ['art-ledger'],
      ['art-streaming'],
      ['art-partitioning'],
    ]);
    for (const paragraph of body) {
      const artifact = byId.get(paragraph.sources[0]!.artifactId)!;
      expect(paragraph.text).toContain(artifact.title);
      const figure = artifact.outcomes.find((o) => /\d/.test(o))!.match(/\d[\d,.]*/)![0];
      expect(paragraph.text).toContain(figure);
      expect(paragraph.links.map((l) => l.evidenceId)).toEqual(paragraph.sources[0]!.evidenceIds);
      expect(paragraph.links.every((l) => artifact.evidence.some((e) => e.id === l.evidenceId))).toBe(true);
    }
    expect(body[0]!.text).toContain('In that work I cut p99 ledger write latency from 180 ms to 45 ms.');
    // The requirement a paragraph answers is named by its skills, never quoted: a quoted line could claim
    // tools the taxonomy does not know.
    expect(body[0]!.text).toContain("This answers the role's requirement for Postgres experience.");
    expect(body[0]!.text).not.toContain('deep experience with Postgres schema design');
    // A requirement is used once; one asking for more years than the work spans is never claimed.
    expect(body[1]!.text).toContain("the role's requirement for Apache Kafka experience");
    expect(content.sections.flatMap((s) => s.items).some((i) => i.text?.includes('5+ years'))).toBe(false);
  });

  it('passes the grounding check in every tone', async () => {
    for (const tone of ['formal', 'warm', 'concise'] as const) {
      const { content, reports } = await letter(tone);
      expect(checkGrounding(content, portfolio.artifacts, taxonomy, portfolio.profile).violations).toEqual(
        [],
      );
      expect(reports).toEqual([]);
    }
  });

  it('changes wording and length noticeably with the tone', async () => {
    const formal = (await letter('formal')).content;
    const warm = (await letter('warm')).content;
    const concise = (await letter('concise')).content;
    expect(textOf(warm, 'greeting')).toBe('Dear Fjord Financial team,');
    expect(warm.sections.at(-1)!.items[1]!.text).toBe('Warm regards,');
    expect(concise.sections.at(-1)!.items[1]!.text).toBe('Best regards,');
    expect(textOf(warm, 'body')).toContain('especially proud');
    expect(textOf(formal, 'body')).not.toContain('especially proud');
    expect(bodyOf(concise)).toHaveLength(2);
    expect(wordCount(concise)).toBeLessThanOrEqual(200);
    expect(wordCount(concise)).toBeLessThan(wordCount(formal) / 2);
    // The facts stay the same: the first paragraph cites the same artifact and figure in every tone.
    for (const content of [formal, warm, concise])
      expect(bodyOf(content)[0]!.text).toContain('180 ms to 45 ms');
  });

  it('keeps a concise letter under 200 words even with long outcomes', async () => {
    const wordy = ranked.map((r) => ({
      ...r,
      artifact: {
        ...r.artifact,
        outcomes: r.artifact.outcomes.map(
          (o) => `${o}, ${'which the whole organisation noticed and talked about for weeks '.repeat(4)}`,
        ),
      },
    }));
    const { content } = await letter('concise', { ranked: wordy });
    expect(wordCount(content)).toBeLessThanOrEqual(200);
    expect(bodyOf(content).length).toBeGreaterThanOrEqual(1);
  });

  it('writes fewer paragraphs for a short letter', async () => {
    const { content } = await letter('formal', {
      options: { tone: 'formal', length: 'short', maxArtifacts: 6 },
    });
    expect(bodyOf(content)).toHaveLength(2);
  });

  it('is deterministic and keeps emoji and non-Latin names', async () => {
    const profile = { ...portfolio.profile, name: 'Zoë 李 🚀' };
    const first = await letter('warm', { profile });
    const second = await letter('warm', { profile });
    expect(JSON.stringify(second.content)).toBe(JSON.stringify(first.content));
    expect(first.content.sections.at(-1)!.items.at(-1)!.text).toBe('Zoë 李 🚀');
    expect(first.content.profile.name).toBe('Zoë 李 🚀');
  });

  it('greets the hiring manager when the company is unknown', async () => {
    const { content } = await letter('warm', { job: { ...job, company: null } });
    expect(textOf(content, 'greeting')).toBe('Dear Hiring Manager,');
    expect(textOf(content, 'opening')).toContain('the Senior Backend Engineer role,');
  });

  it('refuses an empty portfolio with EMPTY_PORTFOLIO', async () => {
    await expect(letter('formal', { ranked: [] })).rejects.toMatchObject({ code: 'EMPTY_PORTFOLIO' });
  });
});
