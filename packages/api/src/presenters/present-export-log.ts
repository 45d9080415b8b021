import type { IExportLog } from '../db/entities/index.js';

export function presentExportLog(e: IExportLog) {
  return {
    id: e.id,
    format: e.format,
    version: e.version,
    evidenceIds: e.evidenceIds,
    createdAt: e.createdAt.toISOString(),
  };
}
