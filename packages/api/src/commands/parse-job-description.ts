import {
  type ParserHandler,
  type StageContext,
  type TDiagnostic,
  type TParsedJob,
  ZParsedJob,
} from '@dossier/core';
import { PARSE_ERROR_CODES } from '@dossier/plugins';
import { sha256 } from '../crypto/tokens.js';
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

type ParsedJobDescription = { job: TParsedJob; diagnostics: Omit<TDiagnostic, 'plugin' | 'stage'>[] };

/** Recent parses kept per process (a parse is a pure function of media type and text). */
const RECENT_PARSES = 64;
const parses = new WeakMap<Services, Map<string, Promise<ParsedJobDescription>>>();

/**
 * Parses a job description with the pipeline's parser. Bad input (empty, too large, unsupported) is 422
 * UNPROCESSABLE with the parser's code in `details.code`; a parser that crashes or returns something that is not
 * a parsed job is reported the same way (code PARSE_FAILED) rather than as a server error.
 *
 * The same text is parsed once: a CV and a cover letter asked for at the same moment from one pasted posting
 * (what the tailor page does), or a posting many users paste, share one parse in flight and the recent results
 * (failures are not kept). Each caller gets its own copy.
 */
export async function parseJobDescription(props: {
  services: Services;
  mediaType: string;
  text: string;
  signal?: AbortSignal;
}): Promise<ParsedJobDescription> {
  let recent = parses.get(props.services);
  if (!recent) {
    recent = new Map();
    parses.set(props.services, recent);
  }
  const key = sha256(`${props.mediaType}\0${props.text}`);
  let pending = recent.get(key);
  if (pending) {
    // Most recently used last, so the oldest is the one dropped.
    recent.delete(key);
  } else {
    pending = parseUncached(props);
    const own = pending;
    own.catch(() => {
      if (recent.get(key) === own) recent.delete(key);
    });
    if (recent.size >= RECENT_PARSES) recent.delete(recent.keys().next().value!);
  }
  recent.set(key, pending);
  return structuredClone(await pending);
}

async function parseUncached({
  services,
  mediaType,
  text,
  signal = new AbortController().signal,
}: {
  services: Services;
  mediaType: string;
  text: string;
  signal?: AbortSignal;
}): Promise<ParsedJobDescription> {
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
