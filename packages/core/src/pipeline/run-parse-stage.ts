import type { TParsedJob } from '../domain/job-description.js';
import type { PluginRegistry } from './create-registry.js';
import type { RunState } from './create-run-state.js';
import { PipelineError } from './pipeline-error.js';
import { summarizeZodError, ZParserOutput } from './stage-schemas.js';

const essence = (mediaType: string): string => mediaType.split(';')[0]!.trim().toLowerCase();

/** Whether a parser's `accepts` list covers a media type: exact, `type/*` or `*\/*`; parameters ignored. */
export function acceptsMediaType(accepts: readonly string[], mediaType: string): boolean {
  const wanted = essence(mediaType);
  const [type] = wanted.split('/');
  return accepts.some((pattern) => {
    const p = essence(pattern);
    return p === wanted || p === '*/*' || p === `${type}/*`;
  });
}

/** A parsed job is passed through; raw text goes to the first job parser (lowest order) accepting its type. */
export async function runParseStage(
  state: RunState,
  registry: PluginRegistry,
  job: TParsedJob | { text: string; mediaType?: string | undefined },
): Promise<TParsedJob> {
  if ('title' in job) return job;
  const mediaType = job.mediaType ?? 'text/plain';
  const signal = state.stageSignal('parse');
  for (const entry of registry.byKind('parser')) {
    const name = entry.plugin.name;
    const handler = await state.handler('parse', entry, signal);
    if (handler.produces !== 'job' || !acceptsMediaType(handler.accepts, mediaType)) continue;
    const ctx = state.context('parse', name, signal);
    const input = { mediaType, text: job.text };
    const raw = await state.race('parse', name, signal, () => handler.parse(input, ctx));
    const parsed = ZParserOutput.safeParse(raw);
    if (!parsed.success || parsed.data.type !== 'job') {
      const why = parsed.success
        ? `produced a ${parsed.data.type}, not a job`
        : summarizeZodError(parsed.error);
      throw new PipelineError('INVALID_OUTPUT', `parse: plugin "${name}" returned invalid output: ${why}`, {
        stage: 'parse',
        plugin: name,
      });
    }
    return parsed.data.job;
  }
  throw new PipelineError('NO_PARSER', `no job parser accepts ${mediaType}`, { stage: 'parse' });
}
