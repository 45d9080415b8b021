import type { TDiagnostic } from '../domain/diagnostic.js';
import type { HandlerByKind, PluginDeps, PluginKind, StageContext } from '../plugins/contract.js';
import type { RegistryEntry } from './create-registry.js';
import type { TPipelineConfig } from './pipeline-config.js';
import { PIPELINE_STAGES, PipelineError, type PipelineStage } from './pipeline-error.js';
import { ZReportedDiagnostic } from './stage-schemas.js';

export interface PipelineProgress {
  stage: PipelineStage;
  /** 0–100 over the whole run; never decreases. */
  percent: number;
  message: string;
}

// Each stage's share of the overall percentage, roughly by how long it usually takes.
const STAGE_SHARE: Record<PipelineStage, number> = {
  parse: 5,
  match: 15,
  generate: 50,
  ground: 5,
  ats: 15,
  export: 10,
};

/** Shared by every stage of one run: signals, timeouts, diagnostics, timings and progress. */
export interface RunState {
  readonly deps: PluginDeps;
  readonly config: TPipelineConfig;
  readonly diagnostics: TDiagnostic[];
  readonly timings: Record<PipelineStage, number>;
  /** A fresh signal for one stage (or one generator attempt): the caller's signal plus the stage timeout. */
  stageSignal(stage: PipelineStage): AbortSignal;
  throwIfCancelled(stage?: PipelineStage): void;
  /** Resolves with the work's result, or rejects as soon as the signal aborts, even if the plugin ignores it. */
  race<T>(
    stage: PipelineStage,
    plugin: string | undefined,
    signal: AbortSignal,
    work: () => Promise<T>,
  ): Promise<T>;
  /** The plugin's handler, created once; failures become `PLUGIN_FAILED` naming the plugin. */
  handler<K extends PluginKind>(
    stage: PipelineStage,
    entry: RegistryEntry<K>,
    signal: AbortSignal,
  ): Promise<HandlerByKind[K]>;
  context(stage: PipelineStage, plugin: string, signal: AbortSignal): StageContext;
  report(diagnostic: TDiagnostic): void;
  /** Adds the time since `start` to the stage's timing. */
  time(stage: PipelineStage, start: number): void;
  progress(stage: PipelineStage, withinPercent: number, message: string): void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createRunState(props: {
  deps: PluginDeps;
  config: TPipelineConfig;
  signal: AbortSignal | undefined;
  onProgress: ((event: PipelineProgress) => void) | undefined;
}): RunState {
  const { deps, config, onProgress } = props;
  const caller = props.signal ?? new AbortController().signal;
  const diagnostics: TDiagnostic[] = [];
  const timings = Object.fromEntries(PIPELINE_STAGES.map((stage) => [stage, 0])) as Record<
    PipelineStage,
    number
  >;
  let lastPercent = 0;

  const base = (stage: PipelineStage): number => {
    let sum = 0;
    for (const s of PIPELINE_STAGES) {
      if (s === stage) break;
      sum += STAGE_SHARE[s];
    }
    return sum;
  };

  const cancelled = (stage?: PipelineStage): PipelineError =>
    new PipelineError('CANCELLED', stage ? `pipeline cancelled during ${stage}` : 'pipeline cancelled', {
      ...(stage ? { stage } : {}),
    });

  const state: RunState = {
    deps,
    config,
    diagnostics,
    timings,
    stageSignal: (stage) => AbortSignal.any([caller, AbortSignal.timeout(config.timeouts[stage])]),
    throwIfCancelled(stage) {
      if (caller.aborted) throw cancelled(stage);
    },
    async race<T>(
      stage: PipelineStage,
      plugin: string | undefined,
      signal: AbortSignal,
      work: () => Promise<T>,
    ) {
      try {
        if (signal.aborted) throw signal.reason;
        return await new Promise<T>((resolve, reject) => {
          const onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
          Promise.resolve()
            .then(work)
            .then(resolve, reject)
            .finally(() => signal.removeEventListener('abort', onAbort));
        });
      } catch (error) {
        if (caller.aborted) throw cancelled(stage);
        const who = plugin ? `plugin "${plugin}"` : stage;
        const details = { stage, ...(plugin ? { plugin } : {}) };
        if (signal.aborted) {
          const ms = config.timeouts[stage];
          throw new PipelineError('STAGE_TIMEOUT', `${stage}: ${who} timed out after ${ms} ms`, details, {
            cause: error,
          });
        }
        if (error instanceof PipelineError) throw error;
        // Errors from the registry already name the plugin; don't name it twice.
        const text = messageOf(error);
        const message = plugin && text.startsWith(`plugin "${plugin}"`) ? text : `${who} failed: ${text}`;
        throw new PipelineError('PLUGIN_FAILED', `${stage}: ${message}`, details, {
          cause: error,
        });
      }
    },
    handler(stage, entry, signal) {
      return state.race(stage, entry.plugin.name, signal, () => entry.handler(deps));
    },
    context(stage, plugin, signal) {
      return {
        signal,
        report(diagnostic) {
          const parsed = ZReportedDiagnostic.safeParse(diagnostic);
          if (parsed.success) {
            diagnostics.push({ ...parsed.data, plugin, stage });
            return;
          }
          diagnostics.push({
            ruleId: 'pipeline/invalid-diagnostic',
            severity: 'warning',
            message: `plugin "${plugin}" reported a malformed diagnostic`,
            plugin,
            stage,
          });
        },
        progress(percent, message) {
          state.progress(stage, percent, message ?? `${stage}: ${plugin}`);
        },
      };
    },
    report(diagnostic) {
      diagnostics.push(diagnostic);
    },
    time(stage, start) {
      timings[stage] += performance.now() - start;
    },
    progress(stage, withinPercent, message) {
      if (!onProgress) return;
      const within = Math.min(100, Math.max(0, Number.isFinite(withinPercent) ? withinPercent : 0));
      const overall = base(stage) + (STAGE_SHARE[stage] * within) / 100;
      lastPercent = Math.max(lastPercent, Math.round(overall * 10) / 10);
      try {
        onProgress({ stage, percent: lastPercent, message });
      } catch {
        // A failing progress listener must not fail the generation it reports on.
      }
    },
  };
  return state;
}
