import type { JobDefinition } from './define-job.js';

/** Every job a worker can run. Later capabilities (generations, evidence checks) register theirs here. */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous job list
export const JOBS: JobDefinition<any>[] = [];
