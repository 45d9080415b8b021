import { ZPipelinePortfolio } from '@dossier/core';
import { z } from 'zod';
import { ImportJob } from '../../db/entities/index.js';
import { withoutNul } from '../../db/without-nul.js';
import { NoParserError, parseWithPlugins } from '../../pipeline/parse-with-plugins.js';
import type { Services } from '../../services/create-services.js';
import type { JobSpec } from '../create-queue.js';
import { defineJob } from '../define-job.js';

export const ZParseImportPayload = z.object({ importId: z.string().uuid() });

/** What a producer needs to enqueue the job (the id is the import's id). */
export const PARSE_IMPORT_JOB: JobSpec = {
  id: 'imports.parse',
  retries: 2,
  backoffMs: 2_000,
  timeoutMs: 2 * 60_000,
};

interface ImportFailure {
  code: string;
  message: string;
}

/** A parser's own error for bad input (ParseError from @dossier/plugins, or a third party's lookalike). */
function parseFailure(err: unknown): ImportFailure | null {
  if (err instanceof NoParserError) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: err.message };
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  if (e && e.name === 'ParseError' && typeof e.code === 'string' && typeof e.message === 'string') {
    return { code: e.code, message: e.message };
  }
  return null;
}

/**
 * Parses an uploaded file into a proposed portfolio with the first parser plugin that reads its media type
 * into a portfolio. The import row carries the state, so the job is idempotent: a finished import (ready,
 * failed, committed, discarded) is left alone, and every write is conditional on the row still being in
 * progress, so a discard that lands mid-parse wins. Bad input is a terminal `failed` with the parser's code;
 * an unexpected error is retried, and recorded as failed on the last attempt. The file is cleared once parsed.
 */
export function createParseImportJob(services: Services) {
  return defineJob({
    ...PARSE_IMPORT_JOB,
    version: 1,
    payload: ZParseImportPayload,
    async handler({ importId }, ctx) {
      const em = services.orm.em.fork();
      const job = await em.findOne(ImportJob, { id: importId });
      if (!job || (job.status !== 'queued' && job.status !== 'parsing')) return;
      const finish = (fields: { status: 'ready' | 'failed' } & Record<string, unknown>) =>
        em.nativeUpdate(
          ImportJob,
          { id: importId, status: { $in: ['queued', 'parsing'] } },
          { ...fields, payload: null, updatedAt: new Date() },
        );
      if (!job.payload) {
        await finish({
          status: 'failed',
          error: {
            code: 'CORRUPT_FILE',
            message: 'The uploaded file is no longer available; upload it again',
          },
        });
        return;
      }
      await em.nativeUpdate(
        ImportJob,
        { id: importId, status: { $in: ['queued', 'parsing'] } },
        { status: 'parsing', updatedAt: new Date() },
      );
      try {
        const { output, parser, diagnostics } = await parseWithPlugins({
          registry: services.pipeline.registry,
          deps: services.pipeline.deps(),
          file: { filename: job.filename, mediaType: job.mediaType, bytes: new Uint8Array(job.payload) },
          produces: 'portfolio',
          signal: ctx.signal,
        });
        const checked = output.type === 'portfolio' ? ZPipelinePortfolio.safeParse(output.portfolio) : null;
        if (!checked?.success) {
          await finish({
            status: 'failed',
            error: { code: 'CORRUPT_FILE', message: `The ${parser} parser returned no usable portfolio` },
          });
          return;
        }
        // A parsed file's text may carry NUL characters, which PostgreSQL cannot store.
        await finish({ status: 'ready', proposal: withoutNul(checked.data), error: null });
        services.logger.info(
          {
            job: 'imports.parse',
            importId,
            parser,
            artifacts: checked.data.artifacts.length,
            diagnostics: diagnostics.length,
          },
          'import parsed',
        );
      } catch (err) {
        const failure = parseFailure(err);
        if (failure) {
          await finish({ status: 'failed', error: failure });
          return;
        }
        if (ctx.attempt <= PARSE_IMPORT_JOB.retries) throw err;
        services.logger.error(
          { job: 'imports.parse', importId, err: (err as Error).message },
          'import failed',
        );
        await finish({
          status: 'failed',
          error: {
            code: 'INTERNAL',
            message: 'The file could not be parsed; try again or upload another format',
          },
        });
      }
    },
  });
}
