import type { TDocumentContent, TDocumentKind } from '../domain/document-content.js';
import { ZDocumentContent } from '../domain/document-content.js';
import type { TParsedJob } from '../domain/job-description.js';
import type { TPipelineArtifact, TProfile } from '../domain/pipeline-artifact.js';
import type { GroundingResult } from '../grounding/check-grounding.js';
import type { LlmUsage } from '../llm/llm-port.js';
import type { GenerateOptions, RankedArtifact } from '../plugins/contract.js';
import type { Taxonomy } from '../taxonomy/create-taxonomy.js';
import type { PluginRegistry, RegistryEntry } from './create-registry.js';
import type { RunState } from './create-run-state.js';
import { PipelineError } from './pipeline-error.js';
import { summarizeZodError, ZGenerateOutput } from './stage-schemas.js';

/**
 * Checks every claim of generated content against the artifacts it cites (`checkGrounding` by default) and
 * returns the content with violating claims dropped.
 */
export type GroundFn = (
  content: TDocumentContent,
  artifacts: readonly TPipelineArtifact[],
  taxonomy: Taxonomy,
  profile?: TProfile,
) => GroundingResult | Promise<GroundingResult>;

export interface GenerateStageResult {
  content: TDocumentContent;
  generator: string;
  fallbackReason: string | null;
  model: string | null;
  usage: LlmUsage;
}

const LLM_ERROR_LABELS: Record<string, string> = {
  timeout: 'LLM timeout',
  'rate-limited': 'rate limited',
  'server-error': 'provider server error',
  'bad-response': 'bad LLM response',
  'circuit-open': 'circuit open',
  budget: 'over token budget',
  config: 'LLM not configured',
  aborted: 'aborted',
};

/** The LlmError behind a failure, if any: generators often wrap it, so the cause chain is searched. */
function llmErrorKind(error: unknown): string | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error && e.name === 'LlmError' && typeof (e as { kind?: unknown }).kind === 'string') {
      return (e as unknown as { kind: string }).kind;
    }
    e = e instanceof Error ? e.cause : undefined;
  }
  return null;
}

/** Why an attempt was passed over, for `fallbackReason`: `llm-cv: timeout after 60000 ms`. */
function reasonFor(name: string, error: unknown, timeoutMs: number): string {
  if (error instanceof PipelineError && error.code === 'STAGE_TIMEOUT') {
    return `${name}: timeout after ${timeoutMs} ms`;
  }
  const kind = llmErrorKind(error);
  if (kind) return `${name}: ${LLM_ERROR_LABELS[kind] ?? kind}`;
  const cause = error instanceof PipelineError && error.cause instanceof Error ? error.cause : error;
  const message = (cause instanceof Error ? cause.message : String(cause)).replace(`plugin "${name}": `, '');
  return `${name}: failed: ${message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Tries the kind's fallback chain in order. An attempt is passed over when its generator is missing, throws,
 * times out (the generate timeout applies per attempt), returns invalid content, or — unless it is the last
 * in the chain — has more grounding violations than `generators.maxViolations`. The content kept has its
 * violations dropped and reported as diagnostics.
 */
export async function runGenerateStage(props: {
  state: RunState;
  registry: PluginRegistry;
  ground: GroundFn;
  kind: TDocumentKind;
  job: TParsedJob;
  profile: TProfile;
  artifacts: TPipelineArtifact[];
  ranked: RankedArtifact[];
  options: GenerateOptions;
}): Promise<GenerateStageResult> {
  const { state, registry, ground, kind } = props;
  const chain = state.config.generators[kind];
  const timeoutMs = state.config.timeouts.generate;
  const usage: LlmUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const reasons: string[] = [];
  const input = {
    kind,
    job: props.job,
    profile: props.profile,
    ranked: props.ranked,
    options: props.options,
  };

  const passOver = (name: string, reason: string, message = reason) => {
    reasons.push(reason);
    state.report({
      ruleId: 'pipeline/generator-fallback',
      severity: 'warning',
      message,
      plugin: name,
      stage: 'generate',
    });
  };

  for (const [index, name] of chain.entries()) {
    const isLast = index === chain.length - 1;
    state.throwIfCancelled('generate');
    state.progress('generate', (index / chain.length) * 100, `generate: trying ${name}`);
    const entry = registry.get(name);
    if (entry?.plugin.kind !== 'generator') {
      passOver(name, `${name}: not a registered generator`);
      continue;
    }
    const generatorEntry = entry as RegistryEntry<'generator'>;
    const signal = state.stageSignal('generate');
    const started = performance.now();
    let output: ReturnType<typeof ZGenerateOutput.parse>;
    try {
      const handler = await state.handler('generate', generatorEntry, signal);
      if (!handler.kinds.includes(kind)) {
        passOver(name, `${name}: does not generate ${kind}`);
        continue;
      }
      const ctx = state.context('generate', name, signal);
      const raw = await state.race('generate', name, signal, () => handler.generate(input, ctx));
      const parsed = ZGenerateOutput.safeParse(raw);
      if (!parsed.success) {
        passOver(name, `${name}: invalid output (${summarizeZodError(parsed.error, 2)})`);
        continue;
      }
      output = parsed.data;
    } catch (error) {
      if (error instanceof PipelineError && error.code === 'CANCELLED') throw error;
      passOver(name, reasonFor(name, error, timeoutMs));
      continue;
    } finally {
      state.time('generate', started);
    }
    if (output.usage) {
      usage.inputTokens += output.usage.inputTokens;
      usage.outputTokens += output.usage.outputTokens;
      usage.costUsd += output.usage.costUsd;
    }
    if (output.content.kind !== kind) {
      passOver(name, `${name}: invalid output (content.kind is ${output.content.kind}, expected ${kind})`);
      continue;
    }

    const grounded = await runGround(state, ground, output.content, props.artifacts, props.profile);
    const { violations } = grounded;
    if (!isLast && violations.length > state.config.generators.maxViolations) {
      const sample = violations
        .slice(0, 3)
        .map((v) => `${v.kind} in ${v.itemId}: ${v.detail}`)
        .join('; ');
      const reason = `${name}: grounding failed (${plural(violations.length, 'violation')})`;
      passOver(name, reason, `${reason}: ${sample}`);
      continue;
    }
    for (const violation of violations) {
      state.report({
        ruleId: `grounding/${violation.kind}`,
        severity: 'warning',
        message: violation.detail || `${violation.kind} claim dropped`,
        plugin: name,
        stage: 'ground',
        ref: { sectionId: violation.sectionId, itemId: violation.itemId },
      });
    }
    state.progress('generate', 100, `generate: ${name} done`);
    return {
      content: grounded.content,
      generator: name,
      fallbackReason: reasons.length > 0 ? reasons.join('; ') : null,
      model: output.model ?? null,
      usage,
    };
  }
  throw new PipelineError('NO_GENERATOR', `no generator produced a ${kind}: ${reasons.join('; ')}`, {
    stage: 'generate',
    reasons,
  });
}

async function runGround(
  state: RunState,
  ground: GroundFn,
  content: TDocumentContent,
  artifacts: TPipelineArtifact[],
  profile: TProfile,
): Promise<GroundingResult> {
  const started = performance.now();
  let result: GroundingResult;
  try {
    result = await state.race('ground', undefined, state.stageSignal('ground'), async () =>
      ground(content, artifacts, state.deps.taxonomy, profile),
    );
  } finally {
    state.time('ground', started);
  }
  const parsed = ZDocumentContent.safeParse(result.content);
  if (!parsed.success || !Array.isArray(result.violations)) {
    const why = parsed.success ? 'violations must be an array' : summarizeZodError(parsed.error);
    throw new PipelineError('INVALID_OUTPUT', `ground: grounding returned invalid content: ${why}`, {
      stage: 'ground',
    });
  }
  return { content: parsed.data, violations: result.violations };
}
