import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TDocumentContent, ZDocumentContent } from '../domain/document-content.js';
import type { TParsedJob } from '../domain/job-description.js';
import { ZPipelinePortfolio } from '../domain/pipeline-artifact.js';
import { LlmError } from '../llm/llm-port.js';
import type { AnyPlugin, GenerateInput, GenerateOutput, StageContext } from '../plugins/contract.js';
import { createTestDeps, TEST_NOW } from '../testing/contract/create-test-deps.js';
import { createRegistry } from './create-registry.js';
import type { TPipelineConfigInput } from './pipeline-config.js';
import { PipelineError } from './pipeline-error.js';
import type { GroundFn } from './run-generate-stage.js';
import { type RunPipelineOptions, runPipeline } from './run-pipeline.js';

const job: TParsedJob = {
  title: 'Data Engineer',
  company: null,
  location: null,
  seniority: null,
  yearsOfExperience: null,
  education: [],
  requirements: { mustHave: [], niceToHave: [] },
  skills: [],
  keywords: [],
  responsibilities: [],
  language: 'en',
  text: 'Data Engineer',
};
const portfolio = ZPipelinePortfolio.parse({
  profile: { name: 'Grace Hopper' },
  artifacts: [
    { id: 'a1', title: 'Compiler', startDate: '2019-01' },
    { id: 'a2', title: 'Ledger', startDate: '2020-01' },
  ],
});

const content = (input: GenerateInput, generator: string): TDocumentContent =>
  ZDocumentContent.parse({
    kind: input.kind,
    title: generator,
    profile: { name: input.profile.name },
    sections: [
      {
        id: 'experience',
        kind: 'experience',
        heading: 'Experience',
        items: input.ranked.map((r) => ({
          id: `item-${r.artifact.id}`,
          sources: [{ artifactId: r.artifact.id }],
        })),
      },
    ],
    meta: { generator, generatedAt: TEST_NOW },
  });

type Behaviour = (input: GenerateInput, ctx: StageContext) => Promise<unknown>;
const generator = (
  name: string,
  behaviour?: Behaviour,
  kinds: Array<'cv' | 'cover-letter'> = ['cv', 'cover-letter'],
): AnyPlugin => ({
  name,
  kind: 'generator',
  version: '1.0.0',
  create: () => ({
    kinds,
    generate: (input: GenerateInput, ctx: StageContext) =>
      behaviour
        ? (behaviour(input, ctx) as Promise<GenerateOutput>)
        : Promise.resolve({ content: content(input, name) }),
  }),
});
const llmOutput = (input: GenerateInput): GenerateOutput => ({
  content: content(input, 'llm-cv'),
  usage: { inputTokens: 1200, outputTokens: 400, costUsd: 0.002 },
  model: 'fake-model',
});

const timers: Array<ReturnType<typeof setTimeout>> = [];
afterEach(() => timers.splice(0).forEach(clearTimeout));

function setup(plugins: AnyPlugin[], config: TPipelineConfigInput = { plugins: [] }) {
  const registry = createRegistry();
  for (const p of plugins) registry.register(p);
  const deps = createTestDeps();
  const chained: TPipelineConfigInput = { generators: { cv: ['llm-cv', 'template-cv'] }, ...config };
  return (overrides: Partial<RunPipelineOptions> = {}) =>
    runPipeline({
      registry,
      deps,
      config: chained,
      ground: (c) => ({ content: c, violations: [] }),
      input: { kind: 'cv', job, portfolio },
      ...overrides,
    });
}

describe('runPipeline generator fallback', () => {
  it('falls back when the first generator throws, saying why', async () => {
    const run = setup([
      generator('llm-cv', async () => {
        throw new Error('wrapped', { cause: new LlmError('circuit-open', 'openai circuit open') });
      }),
      generator('template-cv'),
    ]);
    const result = await run();
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toBe('llm-cv: circuit open');
    expect(result.content.meta.generator).toBe('template-cv');
    expect(result.diagnostics).toContainEqual({
      ruleId: 'pipeline/generator-fallback',
      severity: 'warning',
      message: 'llm-cv: circuit open',
      plugin: 'llm-cv',
      stage: 'generate',
    });

    const plain = setup([
      generator('llm-cv', async () => {
        throw new Error('socket hang up');
      }),
      generator('template-cv'),
    ]);
    expect((await plain()).fallbackReason).toBe('llm-cv: failed: socket hang up');
  });

  it('falls back when a generator times out, whether or not it honours its signal', async () => {
    const waitsOnSignal: Behaviour = (_input, ctx) =>
      new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      );
    const ignoresSignal: Behaviour = () => new Promise((resolve) => timers.push(setTimeout(resolve, 10_000)));
    for (const behaviour of [waitsOnSignal, ignoresSignal]) {
      const run = setup([generator('llm-cv', behaviour), generator('template-cv')], {
        plugins: [],
        timeouts: { generate: 80 },
      });
      const started = performance.now();
      const result = await run();
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result.generator).toBe('template-cv');
      expect(result.fallbackReason).toBe('llm-cv: timeout after 80 ms');
    }
  });

  it('falls back on invalid output', async () => {
    const run = setup([
      generator('llm-cv', async () => ({ content: { kind: 'cv', sections: 'lots' } })),
      generator('template-cv'),
    ]);
    const result = await run();
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toMatch(/^llm-cv: invalid output \(content\.title: /);

    const wrongKind = setup([
      generator('llm-cv', async (input) => ({
        content: content({ ...input, kind: 'cover-letter' }, 'llm-cv'),
      })),
      generator('template-cv'),
    ]);
    expect((await wrongKind()).fallbackReason).toBe(
      'llm-cv: invalid output (content.kind is cover-letter, expected cv)',
    );
  });

  it('falls back on grounding violations and still counts the tokens spent', async () => {
    const flag = (c: TDocumentContent) => ({
      content: c,
      violations:
        c.meta.generator === 'llm-cv'
          ? ['number', 'employer', 'uncited'].map((kind) => ({
              itemId: 'item-a1',
              sectionId: 'experience',
              kind: kind as 'number',
              detail: `made-up ${kind}`,
            }))
          : [],
    });
    const ground: GroundFn = (c) => flag(c);
    const run = setup([generator('llm-cv', async (input) => llmOutput(input)), generator('template-cv')]);
    const result = await run({ ground });
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toBe('llm-cv: grounding failed (3 violations)');
    expect(result.usage).toEqual({ inputTokens: 1200, outputTokens: 400, costUsd: 0.002 });
    expect(result.model).toBeNull();
    expect(result.diagnostics.filter((d) => d.stage === 'ground')).toEqual([]);

    // Allowing three violations keeps the LLM's content, with the violating claims dropped and reported.
    const lenient = setup(
      [generator('llm-cv', async (input) => llmOutput(input)), generator('template-cv')],
      {
        plugins: [],
        generators: { cv: ['llm-cv', 'template-cv'], maxViolations: 3 },
      },
    );
    const kept = await lenient({
      ground: (c) => ({ ...flag(c), content: { ...c, sections: [] } }),
    });
    expect(kept.generator).toBe('llm-cv');
    expect(kept.fallbackReason).toBeNull();
    expect(kept.model).toBe('fake-model');
    expect(kept.content.sections).toEqual([]);
    expect(kept.diagnostics.filter((d) => d.stage === 'ground').map((d) => d.ruleId)).toEqual([
      'grounding/number',
      'grounding/employer',
      'grounding/uncited',
    ]);
  });

  it('keeps the last generator of the chain even with violations, dropping them', async () => {
    const run = setup([
      generator('llm-cv', async () => Promise.reject(new Error('down'))),
      generator('template-cv'),
    ]);
    const ground: GroundFn = (c) => ({
      content: { ...c, sections: c.sections.map((s) => ({ ...s, items: s.items.slice(1) })) },
      violations: [{ itemId: 'item-a1', sectionId: 'experience', kind: 'date', detail: 'wrong year' }],
    });
    const result = await run({ ground });
    expect(result.generator).toBe('template-cv');
    expect(result.content.sections[0]!.items.map((i) => i.id)).toEqual(['item-a2']);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: 'grounding/date', plugin: 'template-cv', stage: 'ground' }),
    );
  });

  it('skips generators that do not produce the kind, and fails with NO_GENERATOR when none succeeds', async () => {
    const run = setup(
      [
        generator('llm-cv', async () => Promise.reject(new LlmError('budget', 'no tokens left'))),
        generator('template-cv', undefined, ['cv']),
      ],
      { plugins: [], generators: { 'cover-letter': ['llm-cv', 'template-cv', 'missing'] } },
    );
    const error = (await run({ input: { kind: 'cover-letter', job, portfolio } }).catch(
      (e) => e,
    )) as PipelineError;
    expect(error).toBeInstanceOf(PipelineError);
    expect(error.code).toBe('NO_GENERATOR');
    expect(error.reasons).toEqual([
      'llm-cv: over token budget',
      'template-cv: does not generate cover-letter',
      'missing: not a registered generator',
    ]);
    expect(error.message).toBe(`no generator produced a cover-letter: ${error.reasons.join('; ')}`);
  });

  it('does not fall back when the caller cancels during generation', async () => {
    const controller = new AbortController();
    const template = vi.fn(async (input: GenerateInput) => ({ content: content(input, 'template-cv') }));
    const run = setup([
      generator('llm-cv', (_input, ctx) => {
        timers.push(setTimeout(() => controller.abort(), 20));
        return new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      }),
      generator('template-cv', template),
    ]);
    const error = (await run({ signal: controller.signal }).catch((e) => e)) as PipelineError;
    expect(error).toBeInstanceOf(PipelineError);
    expect(error.code).toBe('CANCELLED');
    expect(error.stage).toBe('generate');
    expect(template).not.toHaveBeenCalled();
  });
});
