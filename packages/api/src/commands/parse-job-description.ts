import {
  type ParserHandler,
  type StageContext,
  type TDiagnostic,
  type TParsedJob,
  ZParsedJob,
} from '@dossier/core';
import { PARSE_ERROR_CODES } from '@dossier/plugins';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';

export const JOB_PARSER_NAME = 'job-description';

/** The configured job-description parser, else the first parser that turns this media type into a job. */
async function findJobParser(services: Services, mediaType: string): Promise<ParserHandler | undefined> {
  const deps = services.pipeline.deps();
  const entries = services.pipeline.registry.byKind('parser');
  const fits = (h: ParserHandler) => h.produces === 'job' && h.accepts.includes(mediaType);
  const preferred = entries.find((e) => e.plugin.name === JOB_PARSER_NAME);
  if (preferred) {
    const handler = await preferred.handler(deps);
    if (fits(handler)) return handler;
  }
  for (const entry of entries) {
    const handler = await entry.handler(deps);
    if (fits(handler)) return handler;
  }
  return undefined;
}

const isParserFault = (err: unknown): err is Error & { code: string; details?: Record<string, unknown> } =>
  err instanceof Error && PARSE_ERROR_CODES.includes((err as { code?: unknown }).code as never);

/**
 * Parses a job description with the pipeline's parser. Bad input (empty, too large, unsupported) is 422
 * UNPROCESSABLE with the parser's code in `details.code`; a parser that crashes or returns something that is not
 * a parsed job is reported the same way (code PARSE_FAILED) rather than as a server error.
 */
export async function parseJobDescription({
  services,
  mediaType,
  text,
  signal = new AbortController().signal,
}: {
  services: Services;
  mediaType: string;
  text: string;
  signal?: AbortSignal;
}): Promise<{ job: TParsedJob; diagnostics: Omit<TDiagnostic, 'plugin' | 'stage'>[] }> {
  const handler = await findJobParser(services, mediaType);
  if (!handler) {
    throw new AppError('UNPROCESSABLE', `No parser reads job descriptions of type ${mediaType}`, {
      details: { code: 'UNSUPPORTED_MEDIA_TYPE', mediaType },
    });
  }
  const diagnostics: Omit<TDiagnostic, 'plugin' | 'stage'>[] = [];
  const ctx: StageContext = { signal, report: (d) => diagnostics.push(d), progress: () => {} };
  let output: Awaited<ReturnType<ParserHandler['parse']>>;
  try {
    output = await handler.parse({ mediaType, text }, ctx);
  } catch (err) {
    if (isParserFault(err)) {
      throw new AppError('UNPROCESSABLE', err.message, { details: { ...err.details, code: err.code } });
    }
    services.logger.warn({ err: (err as Error)?.message }, 'job description parser failed');
    throw new AppError('UNPROCESSABLE', 'The job description could not be parsed', {
      details: { code: 'PARSE_FAILED' },
    });
  }
  const job = output.type === 'job' ? ZParsedJob.safeParse(output.job) : undefined;
  if (!job?.success) {
    throw new AppError('UNPROCESSABLE', 'The parser did not return a job description', {
      details: { code: 'PARSE_FAILED' },
    });
  }
  return { job: job.data, diagnostics };
}
