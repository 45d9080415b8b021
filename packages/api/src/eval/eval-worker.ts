import { parentPort, workerData } from 'node:worker_threads';
import { createEvalPipeline } from './create-eval-pipeline.js';
import { evaluateCases, loadAtsEmulation } from './run-evaluation.js';
import type { EvalWorkerData, EvalWorkerMessage } from './run-in-workers.js';

// One evaluation worker thread: rebuilds the pipeline from the configuration and evaluates its share of the
// cases, posting each result as it is ready.
const data = workerData as EvalWorkerData;
const post = (message: EvalWorkerMessage) => parentPort?.postMessage(message);
try {
  const pipeline = await createEvalPipeline({
    pipelineConfig: data.pipelineConfig,
    configDir: data.configDir,
  });
  const emulate = data.atsEmulation ? await loadAtsEmulation() : null;
  const indices = data.indices ?? [];
  await evaluateCases({
    pipeline,
    set: data.set,
    cases: data.cases ?? [],
    emulate,
    thresholds: data.thresholds,
    concurrency: data.concurrency,
    onCase: (result, i) => post({ type: 'case', index: indices[i]!, result }),
  });
  post({ type: 'done' });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
