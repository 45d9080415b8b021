import type { Services } from '../services/create-services.js';
import type { JobDefinition } from './define-job.js';
import { createRederiveSkillsJob } from './jobs/rederive-skills.js';

/** Every job a worker can run, bound to the process's services. Later capabilities register theirs here. */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous job list
export function createJobs(services: Services): JobDefinition<any>[] {
  return [createRederiveSkillsJob(services)];
}
