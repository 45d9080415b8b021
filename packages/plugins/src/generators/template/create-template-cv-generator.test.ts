import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkGrounding,
  type GenerateInput,
  type GeneratorHandler,
  getDefaultTaxonomy,
  type MatcherHandler,
  type PluginDeps,
  type RankedArtifact,
  type StageContext,
  type TDocumentContent,
  type TParsedJob,
  type TPipelineArtifact,
  ZDocumentContent,
  ZParsedJob,
  ZPipelineArtifact,
  ZPipelinePortfolio,
} from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { createSkillOverlapMatcher } from '../../matchers/index.js';
import { createTemplateCvGenerator } from './index.js';

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

function context(): StageContext & { reports: unknown[] } {
  const reports: unknown[] = [];
  return { signal: new AbortController().signal, report: (d) => reports.push(d), progress() {}, reports };
}

async function rank(artifacts: TPipelineArtifact[], forJob: TParsedJob = job): Promise<RankedArtifact[]> {
  const matcher = (await createSkillOverlapMatcher().create({}, deps)) as MatcherHandler;
  const scores = await matcher.match({ job: forJob, artifacts, labelIds: [], now: NOW }, context());
  return scores
    .map((s, i) => ({ ...s, artifact: artifacts[i]!, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ artifact, score, reasons, matchedSkills, matchedKeywords }) => ({
      artifact,
      score,
      reasons,
      matchedSkills,
      matchedKeywords,
    }));
}

const ranked = await rank(portfolio.artifacts);

async function generate(overrides: Partial<GenerateInput> = {}, options: Record<string, unknown> = {}) {
  const handler = (await createTemplateCvGenerator().create(options, deps)) as GeneratorHandler;
  const input: GenerateInput = {
    kind: 'cv',
    job,
    profile: portfolio.profile,
    ranked,
    options: { tone: 'formal', length: 'standard', maxArtifacts: 6 },
    ...overrides,
  };
  const ctx = context();
  const { content } = await handler.generate(input, ctx);
  return { content: ZDocumentContent.parse(content), reports: ctx.reports };
}

const sectionOf = (content: TDocumentContent, id: string) => content.sections.find((s) => s.id === id);
const entries = (content: TDocumentContent) =>
  content.sections.filter((s) => s.kind === 'experience' || s.kind === 'projects').flatMap((s) => s.items);
const byId = new Map(portfolio.artifacts.map((a) => [a.id, a]));

describe('template-cv', () => {
  it('uses the standard ATS headings in order and the profile as the header', async () => {
    const { content } = await generate();
    expect(content.sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Skills',
      'Experience',
      'Projects',
      'Education',
    ]);
    expect(content.profile).toMatchObject({ name: portfolio.profile.name, email: portfolio.profile.email });
    expect(content.meta).toEqual({
      jobTitle: 'Senior Backend Engineer',
      company: 'Fjord Financial',
      generator: 'template-cv',
      tone: 'formal',
      generatedAt: NOW.toISOString(),
    });
  });

  it('writes a summary from the job title and only skills the portfolio has, in the job spelling', async () => {
    const { content } = await generate();
    const summary = sectionOf(content, 'summary')!.items[0]!;
    const sentences = summary.text!.split(/(?<=\.)\s+(?=[A-Z])/);
    expect(sentences).toHaveLength(3);
    expect(summary.text).toContain('Senior Backend Engineer');
    expect(summary.text).toContain('Golang, Postgres, Apache Kafka and Distributed Systems');
    // Years only from the artifacts' dates: 2016-09 to now (2026-01), overlaps counted once.
    expect(summary.text).toContain('9 years of experience');
    expect(summary.text).toContain('Fjord Financial');
    const portfolioSkills = new Set(portfolio.artifacts.flatMap((a) => a.skills));
    const named = taxonomy.findInText(summary.text!).map((m) => m.id);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((id) => !portfolioSkills.has(id))).toEqual([]);
    expect(summary.text).not.toContain('Rust');
  });

  it('orders the skills section by job weight, matched skills first, grouped by category', async () => {
    const { content } = await generate();
    const groups = sectionOf(content, 'skills')!.items;
    const weight = new Map(job.skills.map((s) => [s.name, s.weight]));
    const all = groups.flatMap((g) => g.skills);
    expect(all).not.toContain('Rust');
    expect(all).toHaveLength(16);
    expect(groups.map((g) => g.title)).toEqual(['Languages', 'Tools', 'Practices', 'Platforms']);
    for (const group of groups) {
      const weights = group.skills.map((s) => weight.get(s) ?? 0);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(group.sources.length).toBeGreaterThan(0);
    }
    // Groups follow their most important skill: Golang (1.0), Postgres (0.9), Distributed Systems (0.7), Kubernetes (0.6).
    expect(groups.map((g) => g.skills[0])).toEqual([
      'Golang',
      'Postgres',
      'Distributed Systems',
      'Kubernetes',
    ]);
  });

  it('features the top-ranked artifacts, each citing itself with the evidence it shows', async () => {
    const { content } = await generate();
    const shown = entries(content);
    expect(shown.map((i) => i.sources[0]!.artifactId).sort()).toEqual(
      ranked
        .slice(0, 6)
        .map((r) => r.artifact.id)
        .sort(),
    );
    for (const item of shown) {
      const artifact = byId.get(item.sources[0]!.artifactId)!;
      expect(item.title).toBe(artifact.title);
      expect(item.sources).toEqual([
        { artifactId: artifact.id, evidenceIds: item.links.map((l) => l.evidenceId) },
      ]);
      expect(item.bullets.length).toBeGreaterThanOrEqual(Math.min(2, artifact.outcomes.length + 1));
      expect(item.bullets.length).toBeLessThanOrEqual(4);
    }
    // Experience is work for an organisation, most recent first; the rest are projects.
    expect(sectionOf(content, 'experience')!.items.map((i) => i.id)).toEqual([
      'experience-art-ledger',
      'experience-art-streaming',
      'experience-art-observability',
      'experience-art-partitioning',
    ]);
    expect(
      sectionOf(content, 'projects')!.items.every((i) => !byId.get(i.sources[0]!.artifactId)!.organization),
    ).toBe(true);
  });

  it('cites an artifact from every item but education', async () => {
    const { content } = await generate();
    for (const section of content.sections) {
      for (const item of section.items) {
        if (section.kind === 'education') expect(item.sources).toEqual([]);
        else expect(item.sources.length > 0 && item.sources.every((s) => byId.has(s.artifactId))).toBe(true);
      }
    }
  });

  it('leads bullets with the outcomes and keeps their figures, in the job vocabulary', async () => {
    const { content } = await generate();
    const ledger = entries(content).find((i) => i.id === 'experience-art-ledger')!;
    expect(ledger.subtitle).toBe('Senior Backend Engineer · Northwind Pay');
    expect(ledger.dates).toEqual({ start: '2021-03', end: null });
    expect(ledger.bullets).toEqual([
      'Cut p99 ledger write latency from 180 ms to 45 ms',
      'Processed 2,400 transactions per second at peak with zero lost entries',
      'Reduced monthly reconciliation incidents by 60%',
    ]);
    // The job says Golang, Postgres and Apache Kafka; the artifact's Go, PostgreSQL and Kafka are the same skills.
    expect(ledger.skills).toEqual(['Golang', 'Postgres', 'Apache Kafka', 'Kubernetes', 'gRPC', 'AWS']);
    const streaming = entries(content).find((i) => i.id === 'experience-art-streaming')!;
    expect(streaming.bullets[0]).toBe(
      'Migrated 48 services to Apache Kafka in 5 months without a customer-facing outage',
    );
    expect(streaming.bullets[1]).toContain('$1.2M');
    const partitioning = entries(content).find((i) => i.id === 'experience-art-partitioning')!;
    expect(partitioning.skills).toEqual(['Golang', 'Postgres', 'SQL']);
  });

  it('passes the grounding check with no violation and reports nothing', async () => {
    const { content, reports } = await generate();
    expect(checkGrounding(content, portfolio.artifacts, taxonomy, portfolio.profile).violations).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('leaves broken evidence out unless asked', async () => {
    const fraud = ranked.find((r) => r.artifact.id === 'art-fraud-features')!;
    const fraudFirst = [{ ...fraud, score: 1 }, ...ranked.filter((r) => r !== fraud)];
    const hidden = await generate({ ranked: fraudFirst });
    const entry = entries(hidden.content).find((i) => i.id.endsWith('art-fraud-features'))!;
    expect(entry.links).toEqual([]);
    expect(entry.sources).toEqual([{ artifactId: 'art-fraud-features', evidenceIds: [] }]);
    const shown = await generate({ ranked: fraudFirst }, { showBrokenEvidence: true });
    expect(entries(shown.content).find((i) => i.id.endsWith('art-fraud-features'))!.links).toHaveLength(1);
  });

  it('scales with the length option and maxArtifacts', async () => {
    const size = (c: TDocumentContent) => [entries(c).length, entries(c).flatMap((i) => i.bullets).length];
    const short = await generate({ options: { tone: 'formal', length: 'short', maxArtifacts: 10 } });
    const long = await generate({ options: { tone: 'formal', length: 'long', maxArtifacts: 10 } });
    expect(size(short.content)).toEqual([4, 8]);
    expect(size(long.content)[0]).toBe(9);
    expect(size(long.content)[1]).toBeGreaterThan(18);
    expect(sectionOf(short.content, 'summary')!.items[0]!.text!.split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(2);
    const capped = await generate({ options: { tone: 'formal', length: 'long', maxArtifacts: 2 } });
    expect(entries(capped.content)).toHaveLength(2);
  });

  it('is deterministic: two runs give byte-identical output', async () => {
    const first = JSON.stringify((await generate()).content);
    const second = JSON.stringify((await generate()).content);
    expect(second).toBe(first);
  });

  it('keeps emoji and non-Latin names as written', async () => {
    const profile = { ...portfolio.profile, name: 'Zoë 李 🚀' };
    const { content } = await generate({ profile });
    expect(content.profile.name).toBe('Zoë 李 🚀');
    expect(JSON.parse(JSON.stringify(content)).profile.name).toBe('Zoë 李 🚀');
  });

  it('refuses an empty portfolio with EMPTY_PORTFOLIO', async () => {
    await expect(generate({ ranked: [] })).rejects.toMatchObject({
      code: 'EMPTY_PORTFOLIO',
      message: expect.stringContaining('empty portfolio'),
    });
    await expect(generate({ ranked: [] })).rejects.toBeInstanceOf(Error);
    await expect(generate({ kind: 'cover-letter' })).rejects.toMatchObject({ code: 'UNSUPPORTED_KIND' });
  });

  it('still writes a sensible CV for a job with no skills', async () => {
    const bare: TParsedJob = {
      ...job,
      skills: [],
      keywords: [],
      requirements: { mustHave: [], niceToHave: [] },
    };
    const { content } = await generate({ job: bare, ranked: await rank(portfolio.artifacts, bare) });
    const summary = sectionOf(content, 'summary')!.items[0]!.text!;
    expect(summary).toMatch(/^Senior Backend Engineer with 9 years of experience working with \w+/);
    expect(sectionOf(content, 'skills')!.items.flatMap((i) => i.skills).length).toBeGreaterThan(5);
    expect(entries(content).length).toBe(6);
    expect(checkGrounding(content, portfolio.artifacts, taxonomy, portfolio.profile).violations).toEqual([]);
  });

  it('states no years of experience when the dates cannot support any', async () => {
    const brief = ZPipelineArtifact.parse({
      id: 'short-gig',
      title: 'Billing API',
      role: 'Contract Backend Engineer',
      organization: 'Acme',
      startDate: '2025-06',
      endDate: '2025-09',
      technologies: ['Go'],
      outcomes: ['Cut invoice run time by 40%'],
    });
    const { content } = await generate({ ranked: await rank([brief]) });
    const summary = sectionOf(content, 'summary')!.items[0]!.text!;
    expect(summary).not.toMatch(/years/);
    expect(summary).toContain('Contract Backend Engineer experienced in Golang.');
  });

  // Speed targets are measured here and reported, not asserted (see DESIGN.md).
  it('measures a CV for a 1,000-artifact portfolio (target: under 50 ms)', async () => {
    const techs = [
      'Go',
      'PostgreSQL',
      'Kafka',
      'Python',
      'Kubernetes',
      'Terraform',
      'Redis',
      'AWS',
      'React',
      'Rust',
    ];
    const artifacts = Array.from({ length: 1000 }, (_, i) =>
      ZPipelineArtifact.parse({
        id: `syn-${i}`,
        title: `Synthetic service ${i}`,
        summary: `Built service ${i} for the platform team.`,
        role: i % 3 === 0 ? 'Backend Engineer' : 'Software Engineer',
        organization: i % 4 === 0 ? null : `Company ${i % 17}`,
        startDate: `${2010 + (i % 14)}-0${1 + (i % 9)}`,
        endDate: i % 10 === 0 ? null : `${2011 + (i % 14)}-0${1 + (i % 9)}`,
        technologies: [techs[i % 10]!, techs[(i * 3) % 10]!, techs[(i * 7) % 10]!],
        skills: [],
        outcomes: [`Cut latency by ${i % 90}%`, `Served ${1000 + i} requests per second`],
        evidence: [
          { id: `ev-${i}`, url: `https://example.com/${i}`, status: i % 5 === 0 ? 'broken' : 'valid' },
        ],
      }),
    );
    const big = artifacts.map((artifact, i) => ({
      artifact,
      score: 1 - i / 1000,
      reasons: [],
      matchedSkills: [],
      matchedKeywords: [],
    }));
    await generate({ ranked: big });
    const runs = 10;
    const started = performance.now();
    let content: TDocumentContent | undefined;
    for (let i = 0; i < runs; i++) content = (await generate({ ranked: big })).content;
    const perRun = (performance.now() - started) / runs;
    console.info(`template-cv: ${perRun.toFixed(1)} ms for a 1,000-artifact portfolio`);
    expect(entries(content!)).toHaveLength(6);
    expect(checkGrounding(content!, artifacts, taxonomy).violations).toEqual([]);
  });
});
