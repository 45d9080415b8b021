import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TDocumentContent, ZDocumentContent } from '../domain/document-content.js';
import { ZPipelinePortfolio } from '../domain/pipeline-artifact.js';
import type {
  AnyPlugin,
  ArtifactScore,
  AtsCheckerHandler,
  GenerateInput,
  MatcherHandler,
  StageContext,
} from '../plugins/contract.js';
import { createPluginSamples } from '../testing/contract/create-plugin-samples.js';
import { createTestDeps, TEST_NOW } from '../testing/contract/create-test-deps.js';
import { createRegistry } from './create-registry.js';
import type { PipelineProgress } from './create-run-state.js';
import type { TPipelineConfigInput } from './pipeline-config.js';
import { PIPELINE_STAGES, PipelineError } from './pipeline-error.js';
import type { GroundFn } from './run-generate-stage.js';
import { type RunPipelineOptions, runPipeline } from './run-pipeline.js';

const { job } = createPluginSamples();

const portfolio = ZPipelinePortfolio.parse({
  profile: { name: 'Ada Lovelace' },
  artifacts: [
    { id: 'a1', title: 'Payments API', startDate: '2021-01' },
    { id: 'a2', title: 'ML platform', startDate: '2022-03' },
    { id: 'a3', title: 'Docs site', startDate: '2020-05' },
  ],
});

const plugin = <K extends AnyPlugin['kind']>(
  name: string,
  kind: K,
  create: AnyPlugin['create'],
): AnyPlugin => ({
  name,
  kind,
  version: '1.0.0',
  create,
});

const matcher = (name: string, scores: Record<string, number>, extra: Partial<MatcherHandler> = {}) =>
  plugin(name, 'matcher', () => ({
    async match(): Promise<ArtifactScore[]> {
      return Object.entries(scores).map(([artifactId, score]) => ({
        artifactId,
        score,
        reasons: [{ kind: 'skill', detail: `${name} likes ${artifactId}`, weight: 1 }],
        matchedSkills: [`${name}-skill`, 'shared-skill'],
        matchedKeywords: [],
      }));
    },
    ...extra,
  }));

export const makeContent = (input: GenerateInput, generator: string): TDocumentContent =>
  ZDocumentContent.parse({
    kind: input.kind,
    title: `${input.profile.name} — ${input.job.title}`,
    profile: { name: input.profile.name },
    sections: [
      {
        id: 'experience',
        kind: 'experience',
        heading: 'Experience',
        items: input.ranked.slice(0, input.options.maxArtifacts).map((r) => ({
          id: `item-${r.artifact.id}`,
          title: r.artifact.title,
          sources: [{ artifactId: r.artifact.id }],
        })),
      },
    ],
    meta: { generator, generatedAt: TEST_NOW },
  });

const generator = (name: string, onGenerate?: (input: GenerateInput, ctx: StageContext) => void) =>
  plugin(name, 'generator', () => ({
    kinds: ['cv', 'cover-letter'],
    async generate(input: GenerateInput, ctx: StageContext) {
      onGenerate?.(input, ctx);
      return {
        content: makeContent(input, name),
        usage: { inputTokens: 100, outputTokens: 50, costUsd: 0.01 },
      };
    },
  }));

const atsChecker = (name: string, score: number, weight: number, extra: Partial<AtsCheckerHandler> = {}) =>
  plugin(name, 'ats-checker', () => ({
    weight,
    async check() {
      return { score, passed: score >= 75, findings: [], details: {} };
    },
    ...extra,
  }));

const exportCalls: string[] = [];
const exporter = (format: string) =>
  plugin(`${format}-exporter`, 'exporter', () => ({
    format,
    async export({ content }: { content: TDocumentContent }) {
      exportCalls.push(format);
      return {
        bytes: new TextEncoder().encode(`${format}:${content.title}`),
        mediaType: 'text/plain',
        extension: format,
      };
    },
  }));

const textParser = plugin('text-job-parser', 'parser', () => ({
  accepts: ['text/plain', 'text/markdown'],
  produces: 'job',
  async parse(input: { text?: string }) {
    const text = input.text ?? '';
    return { type: 'job', job: { ...job, title: text.split('\n')[0]!.replace(/^#\s*/, ''), text } };
  },
}));

const noGround: GroundFn = (content) => ({ content, violations: [] });
afterEach(() => {
  exportCalls.length = 0;
});

function setup(plugins: AnyPlugin[], config: TPipelineConfigInput = { plugins: [] }) {
  const registry = createRegistry();
  for (const p of plugins) registry.register(p);
  const deps = createTestDeps();
  const run = (overrides: Partial<RunPipelineOptions> = {}) =>
    runPipeline({
      registry,
      deps,
      config,
      ground: noGround,
      input: { kind: 'cv', job, portfolio },
      ...overrides,
    });
  return { registry, deps, run };
}

async function pipelineError(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineError);
  return error as PipelineError;
}

describe('runPipeline', () => {
  it('parses, ranks with normalised weights, generates, checks ATS and exports', async () => {
    const checkerRenders: number[] = [];
    const { run } = setup(
      [
        textParser,
        matcher('m1', { a1: 0.2, a2: 0.8, a3: 0 }),
        matcher('m2', { a1: 1, a3: 0.5 }),
        generator('template-cv'),
        atsChecker('keywords', 90, 3, {
          async check({ render }) {
            checkerRenders.push((await render('md')).bytes.byteLength);
            return { score: 90, passed: true, findings: [], details: {} };
          },
        }),
        atsChecker('layout', 50, 1),
        exporter('md'),
        exporter('txt'),
      ],
      { plugins: [], matchers: { weights: { m1: 3 } } },
    );
    const result = await run({
      input: {
        kind: 'cv',
        job: { text: '# Platform Engineer\nWe need Go.', mediaType: 'text/markdown; charset=utf-8' },
        portfolio,
        options: { maxArtifacts: 2 },
        exportFormats: ['md', 'txt'],
      },
    });

    expect(result.job.title).toBe('Platform Engineer');
    // m1 weighs 3 and m2 1 (no weight given), normalised to 0.75 / 0.25; m2 gave a2 nothing.
    expect(result.ranked.map((r) => [r.artifact.id, Number(r.score.toFixed(4))])).toEqual([
      ['a2', 0.6],
      ['a1', 0.4],
      ['a3', 0.125],
    ]);
    const a1 = result.ranked[1]!;
    expect(a1.reasons).toEqual([
      { kind: 'skill', detail: 'm1 likes a1', weight: 0.75 },
      { kind: 'skill', detail: 'm2 likes a1', weight: 0.25 },
    ]);
    expect(a1.matchedSkills).toEqual(['m1-skill', 'shared-skill', 'm2-skill']);

    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toBeNull();
    expect(result.content.sections[0]!.items.map((i) => i.id)).toEqual(['item-a2', 'item-a1']);
    expect(result.usage).toEqual({ inputTokens: 100, outputTokens: 50, costUsd: 0.01 });

    expect(result.ats?.score).toBe(80);
    expect(result.ats?.passed).toBe(true);
    expect(result.ats?.results.map((r) => r.checker)).toEqual(['keywords', 'layout']);
    expect(new TextDecoder().decode(result.exports.md!.bytes)).toBe('md:Ada Lovelace — Platform Engineer');
    expect(Object.keys(result.exports)).toEqual(['md', 'txt']);
    // The checker's round-trip render and the export share one rendering.
    expect(checkerRenders).toHaveLength(1);
    expect(exportCalls).toEqual(['md', 'txt']);
  });

  it('passes a parsed job through without parsing and scores 0 with no matcher', async () => {
    const parse = vi.fn();
    const { run } = setup([
      { ...textParser, create: () => ({ accepts: ['*/*'], produces: 'job', parse }) },
      generator('template-cv'),
    ]);
    const result = await run();
    expect(parse).not.toHaveBeenCalled();
    expect(result.job).toEqual(job);
    expect(result.ranked.map((r) => [r.artifact.id, r.score])).toEqual([
      ['a1', 0],
      ['a2', 0],
      ['a3', 0],
    ]);
    expect(result.ats).toBeNull();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: 'pipeline/no-matcher', stage: 'match' }),
    );
  });

  it('fails with NO_PARSER when no job parser accepts the media type', async () => {
    const { run } = setup([textParser, generator('template-cv')]);
    const error = await pipelineError(
      run({ input: { kind: 'cv', job: { text: '<p>x</p>', mediaType: 'text/html' }, portfolio } }),
    );
    expect(error.code).toBe('NO_PARSER');
    expect(error.message).toBe('no job parser accepts text/html');
  });

  it('reports progress that never decreases and ends at 100, and times every stage', async () => {
    const events: PipelineProgress[] = [];
    const { run } = setup([
      textParser,
      matcher(
        'm1',
        { a1: 1 },
        {
          async match(_input, ctx) {
            ctx.progress(50, 'halfway');
            return [];
          },
        },
      ),
      generator('template-cv'),
      atsChecker('layout', 80, 1),
      exporter('md'),
    ]);
    const result = await run({
      input: { kind: 'cv', job: { text: 'Engineer' }, portfolio, exportFormats: ['md'] },
      onProgress: (event) => events.push(event),
    });
    const percents = events.map((e) => e.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(events).toContainEqual({ stage: 'match', percent: 12.5, message: 'halfway' });
    expect([...new Set(events.map((e) => e.stage))]).toEqual([...PIPELINE_STAGES]);
    expect(Object.keys(result.timings).sort()).toEqual([...PIPELINE_STAGES].sort());
    for (const ms of Object.values(result.timings)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(result.timings.parse).toBeGreaterThan(0);
    expect(result.timings.generate).toBeGreaterThan(0);
  });

  it('collects diagnostics with the plugin and stage filled in', async () => {
    const { run } = setup([
      matcher('m1', { a1: 1, ghost: 0.5 }, {}),
      matcher(
        'm2',
        {},
        {
          async match(_input, ctx) {
            ctx.report({ ruleId: 'm2/thin-portfolio', severity: 'info', message: 'only three artifacts' });
            return [];
          },
        },
      ),
      generator('template-cv', (_input, ctx) =>
        ctx.report({
          ruleId: 'template/short',
          severity: 'warning',
          message: 'short summary',
          ref: { sectionId: 's' },
        }),
      ),
    ]);
    const ground: GroundFn = (content) => ({
      content,
      violations: [
        { itemId: 'item-a1', sectionId: 'experience', kind: 'skill', detail: 'Rust is not in a1' },
      ],
    });
    const { diagnostics } = await run({ ground });
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        {
          ruleId: 'm2/thin-portfolio',
          severity: 'info',
          message: 'only three artifacts',
          plugin: 'm2',
          stage: 'match',
        },
        expect.objectContaining({ ruleId: 'pipeline/unknown-artifact-score', plugin: 'm1', stage: 'match' }),
        {
          ruleId: 'template/short',
          severity: 'warning',
          message: 'short summary',
          ref: { sectionId: 's' },
          plugin: 'template-cv',
          stage: 'generate',
        },
        {
          ruleId: 'grounding/skill',
          severity: 'warning',
          message: 'Rust is not in a1',
          plugin: 'template-cv',
          stage: 'ground',
          ref: { sectionId: 'experience', itemId: 'item-a1' },
        },
      ]),
    );
  });

  it('grounds content with checkGrounding by default, dropping unsupported claims', async () => {
    const samples = createPluginSamples();
    const overclaiming = plugin('template-cv', 'generator', () => ({
      kinds: ['cv'],
      async generate() {
        const content = structuredClone(samples.content);
        content.sections[0]!.items[0]!.bullets.push('Cut cloud spend by 73% in one quarter.');
        return { content };
      },
    }));
    const registry = createRegistry();
    registry.register(overclaiming);
    const result = await runPipeline({
      registry,
      deps: createTestDeps(),
      config: { plugins: [] },
      input: { kind: 'cv', job: samples.job, portfolio: samples.portfolio },
    });
    expect(result.content).toEqual(samples.content);
    expect(result.diagnostics.filter((d) => d.stage === 'ground')).toEqual([
      expect.objectContaining({
        ruleId: 'grounding/number',
        plugin: 'template-cv',
        stage: 'ground',
        ref: { sectionId: 'experience', itemId: 'item-art-ledger' },
      }),
    ]);
  });
});
