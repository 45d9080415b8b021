import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportJob } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import { PARSE_IMPORT_JOB } from '../queue/jobs/parse-import.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

const MAX_FILENAME = 300;

/** The name as shown back to the user: no directories (old browsers send `C:\fakepath\…`), no control characters. */
export function cleanFilename(raw: string, fallback: string): string {
  const base = [...path.win32.basename(raw)]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!base) return fallback;
  if (base.length <= MAX_FILENAME) return base;
  const ext = path.extname(base).slice(0, 20);
  return base.slice(0, MAX_FILENAME - ext.length) + ext;
}

/**
 * Stores an uploaded file as an import (status queued, the bytes kept until parsed) and queues its parse
 * with the import's id as the job id. The row exists before the job, so a queue that forgets it loses
 * nothing; a queue that refuses it marks the import failed and answers 503.
 */
export async function createImport({
  em,
  services,
  ownerId,
  file,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  file: { filename: string; mediaType: string; bytes: Uint8Array };
  requestId?: string;
}): Promise<{ id: string; status: 'queued' }> {
  const job = em.create(ImportJob, {
    owner: ownerId,
    status: 'queued',
    filename: file.filename,
    mediaType: file.mediaType,
    size: file.bytes.byteLength,
    payload: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
  });
  recordAudit({
    em,
    actorId: ownerId,
    action: 'import.create',
    entityType: 'import',
    entityId: job.id,
    requestId,
    data: { mediaType: file.mediaType, size: file.bytes.byteLength },
  });
  await em.flush();
  try {
    await services.queue.enqueue(PARSE_IMPORT_JOB, { importId: job.id }, { jobId: job.id });
  } catch (err) {
    services.logger.error({ importId: job.id, err: (err as Error).message }, 'import could not be queued');
    await em.nativeUpdate(
      ImportJob,
      { id: job.id },
      {
        status: 'failed',
        payload: null,
        error: { code: 'UNAVAILABLE', message: 'The parse queue is unavailable; upload the file again' },
        updatedAt: new Date(),
      },
    );
    throw new AppError('UNAVAILABLE', 'The import queue is unavailable; try again shortly', { cause: err });
  }
  return { id: job.id, status: 'queued' };
}
