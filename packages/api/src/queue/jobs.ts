import type { Services } from '../services/create-services.js';
import type { JobDefinition } from './define-job.js';
import { createCheckEvidenceBatchJob } from './jobs/check-evidence-batch.js';
import { createParseImportJob } from './jobs/parse-import.js';
import { createPurgeExpiredDocumentsJob } from './jobs/purge-expired-documents.js';
import { createPurgeExpiredSessionsJob } from './jobs/purge-expired-sessions.js';
import { createPurgeExpiredTrashJob } from './jobs/purge-expired-trash.js';
import { createReconcileGenerationsJob } from './jobs/reconcile-generations.js';
import { createRederiveSkillsJob } from './jobs/rederive-skills.js';
import { createRunEvalJob } from './jobs/run-eval.js';
import { createRunGenerationJob } from './jobs/run-generation.js';

/** Every job a worker can run, bound to the process's services. Later capabilities register theirs here. */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous job list
export function createJobs(services: Services): JobDefinition<any>[] {
  return [
    createRederiveSkillsJob(services),
    createRunGenerationJob(services),
    createReconcileGenerationsJob(services),
    createParseImportJob(services),
    createPurgeExpiredDocumentsJob(services),
    createPurgeExpiredTrashJob(services),
    createPurgeExpiredSessionsJob(services),
    createRunEvalJob(services),
    createCheckEvidenceBatchJob(services),
  ];
}
