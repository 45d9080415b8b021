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
import type { TPipelineConfigInput } from './pipeline-config.js';
import { PipelineError } from './pipeline-error.js';
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

const noGround: GroundFn = (content) => ({ content, violations: [] });
const timers: Array<ReturnType<typeof setTimeout>> = [];
const sleep = (ms: number) => new Promise<void>((resolve) => timers.push(setTimeout(resolve, ms)));
afterEach(() => {
  timers.splice(0).forEach(clearTimeout);
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

describe('runPipeline failures', () => {
  it('throws STAGE_TIMEOUT naming the stage and plugin when a matcher is too slow', async () => {
    const { run } = setup(
      [matcher('slow', {}, { match: () => new Promise(() => {}) }), generator('template-cv')],
      { plugins: [], timeouts: { match: 50 } },
    );
    const started = performance.now();
    const error = await pipelineError(run());
    expect(error.code).toBe('STAGE_TIMEOUT');
    expect(error.stage).toBe('match');
    expect(error.plugin).toBe('slow');
    expect(error.message).toBe('match: plugin "slow" timed out after 50 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops with CANCELLED soon after the caller aborts during a slow matcher', async () => {
    let seen: AbortSignal | undefined;
    const { run } = setup([
      matcher(
        'slow',
        {},
        {
          async match(_input, ctx) {
            seen = ctx.signal;
            await sleep(5000); // ignores its signal: the runner must not wait for it
            return [];
          },
        },
      ),
      generator('template-cv'),
    ]);
    const controller = new AbortController();
    const pending = pipelineError(run({ signal: controller.signal }));
    await sleep(50);
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect(performance.now() - abortedAt).toBeLessThan(200);
    expect(error.code).toBe('CANCELLED');
    expect(error.stage).toBe('match');
    expect(seen?.aborted).toBe(true);
  });

  it('rejects a run whose signal is already aborted, and invalid input', async () => {
    const { run } = setup([generator('template-cv')]);
    expect((await pipelineError(run({ signal: AbortSignal.abort() }))).code).toBe('CANCELLED');
    const bad = await pipelineError(
      run({ input: { kind: 'cv', job, portfolio: { artifacts: [] } as never } }),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toMatch(/^invalid pipeline input: portfolio\.profile/);
    const badConfig = await pipelineError(run({ config: { plugins: [], timeouts: { match: -1 } } }));
    expect(badConfig.code).toBe('INVALID_INPUT');
    expect(badConfig.message).toMatch(/timeouts\.match/);
  });

  it('names the plugin whose output is invalid', async () => {
    const { run } = setup([
      matcher('sloppy', {}, { match: async () => [{ artifactId: 'a1', score: 7 }] as never }),
      generator('template-cv'),
    ]);
    const error = await pipelineError(run());
    expect(error.code).toBe('INVALID_OUTPUT');
    expect(error.plugin).toBe('sloppy');
    expect(error.message).toMatch(/^match: plugin "sloppy" returned invalid scores: 0\.score: /);
  });

  it('wraps a thrown plugin error as PLUGIN_FAILED', async () => {
    const { run } = setup([
      generator('template-cv'),
      atsChecker('crashy', 0, 1, {
        check: async () => {
          throw new Error('kaput');
        },
      }),
    ]);
    const error = await pipelineError(run());
    expect(error).toMatchObject({ code: 'PLUGIN_FAILED', stage: 'ats', plugin: 'crashy' });
    expect(error.message).toBe('ats: plugin "crashy" failed: kaput');
  });

  it('rejects an unknown export format before generating anything', async () => {
    const onGenerate = vi.fn();
    const { run } = setup([generator('template-cv', onGenerate), exporter('md')]);
    const error = await pipelineError(run({ input: { kind: 'cv', job, portfolio, exportFormats: ['pdf'] } }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('no exporter for format "pdf" (available: md)');
    expect(onGenerate).not.toHaveBeenCalled();
  });

  it('creates each handler once across runs that share deps', async () => {
    const create = vi.fn(() => ({ match: async () => [] }));
    const { run } = setup([plugin('m1', 'matcher', create), generator('template-cv')]);
    await run();
    await run();
    expect(create).toHaveBeenCalledTimes(1);
  });
});
