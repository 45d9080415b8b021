import type { IJobDescription } from '../db/entities/index.js';
import type { TJobDescriptionView } from '../routes/job-descriptions/schema.js';

export function presentJobDescription(row: IJobDescription): TJobDescriptionView {
  return {
    id: row.id,
    title: row.title,
    company: row.company ?? null,
    source: row.source,
    sourceUrl: row.sourceUrl ?? null,
    contentHash: row.contentHash,
    parsed: row.parsed,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
