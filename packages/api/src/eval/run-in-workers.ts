import { Worker } from 'node:worker_threads';
import type { CaseResult, GoldenCase, GoldenSet, MetricThresholds } from './types.js';

/** What one evaluation worker thread receives: plain data only (structured-cloned). */
export interface EvalWorkerData {
  set: GoldenSet;
  pipelineConfig: unknown;
  configDir: string;
  thresholds: MetricThresholds;
  atsEmulation: boolean;
  concurrency: number;
  /** This worker's cases and their positions in the whole run. */
  cases?: GoldenCase[];
  indices?: number[];
}

export type EvalWorkerMessage =
  | { type: 'case'; index: number; result: CaseResult }
  | { type: 'done' }
  | { type: 'error'; message: string };

/**
 * Spreads cases over worker threads (case i goes to worker i mod n, which balances fields and personas), each
 * building its own pipeline, and collects the results in the cases' order. Aborting terminates the workers.
 */
export async function runInWorkers({
  workers,
  data,
  cases,
  signal,
  onCase,
}: {
  workers: number;
  data: EvalWorkerData;
  cases: GoldenCase[];
  signal?: AbortSignal;
  onCase?: (result: CaseResult) => void;
}): Promise<CaseResult[]> {
  signal?.throwIfAborted();
  const results = new Array<CaseResult>(cases.length);
  const threads: Worker[] = [];
  const stopAll = () => {
    for (const t of threads) void t.terminate();
  };
  try {
    await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const indices = cases.map((_, i) => i).filter((i) => i % workers === w);
        const thread = new Worker(new URL('./eval-worker.js', import.meta.url), {
          workerData: { ...data, cases: indices.map((i) => cases[i]!), indices } satisfies EvalWorkerData,
        });
        threads.push(thread);
        return new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(signal?.reason ?? new Error('aborted'));
          signal?.addEventListener('abort', onAbort, { once: true });
          thread.on('message', (message: EvalWorkerMessage) => {
            if (message.type === 'case') {
              results[message.index] = message.result;
              onCase?.(message.result);
            } else if (message.type === 'done') resolve();
            else reject(new Error(message.message));
          });
          thread.on('error', reject);
          thread.on('exit', (code) => {
            signal?.removeEventListener('abort', onAbort);
            if (code !== 0) reject(new Error(`an evaluation worker exited with code ${code}`));
            else resolve();
          });
        });
      }),
    );
  } finally {
    stopAll();
  }
  return results;
}
