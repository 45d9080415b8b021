import type {
  ExporterHandler,
  ExportInput,
  ExportOutput,
  PluginDeps,
  StageContext,
  TDocumentContent,
} from '@dossier/core';
import { ZExportOutput } from '@dossier/core';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';

/** A stage context for calls made outside a pipeline run: findings are dropped, progress is not reported. */
export function quietStageContext(signal: AbortSignal): StageContext {
  return { signal, report: () => {}, progress: () => {} };
}

/** Resolves with the work's result, or rejects as soon as the signal aborts, even if the plugin ignores it. */
export function raceSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const renderDeps = new WeakMap<Services, PluginDeps>();

/**
 * One plugin-deps object per process for rendering and ATS checks. Handlers are cached per deps object, and
 * `pipeline.deps()` hands out a fresh one per call when an LLM is configured (a per-generation token budget),
 * which would rebuild every exporter (fonts and all) on each request; exporters and checkers use no LLM.
 */
export function documentPluginDeps(services: Services): PluginDeps {
  let deps = renderDeps.get(services);
  if (!deps) {
    deps = services.pipeline.deps();
    renderDeps.set(services, deps);
  }
  return deps;
}

/** The exporter handler for a format; the lowest `order` wins when two claim one, as in the pipeline runner. */
export async function findExporter(
  services: Services,
  format: string,
  deps: PluginDeps,
): Promise<ExporterHandler | undefined> {
  for (const entry of services.pipeline.registry.byKind('exporter')) {
    const handler = await entry.handler(deps);
    if (handler.format === format) return handler;
  }
  return undefined;
}

/**
 * Renders structured content with the configured exporter for `format`, under the pipeline's export timeout.
 * No exporter for the format is 404; an exporter that cannot render the content is 422 (user-edited content
 * can be unusable for a format, such as a cover letter as JSON Resume).
 */
export async function renderDocument({
  services,
  content,
  format,
  options,
  deps = documentPluginDeps(services),
  signal,
}: {
  services: Services;
  content: TDocumentContent;
  format: string;
  options?: ExportInput['options'];
  deps?: PluginDeps;
  signal?: AbortSignal;
}): Promise<ExportOutput> {
  const exporter = await findExporter(services, format, deps);
  if (!exporter) throw new AppError('NOT_FOUND', `No exporter for format "${format}"`);
  const timeout = AbortSignal.timeout(services.pipeline.config.timeouts.export);
  const stageSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let raw: unknown;
  try {
    raw = await raceSignal(stageSignal, () =>
      exporter.export(options ? { content, options } : { content }, quietStageContext(stageSignal)),
    );
  } catch (error) {
    if (timeout.aborted) {
      throw new AppError('UNAVAILABLE', `Rendering ${format} timed out`, { retryAfter: 5, cause: error });
    }
    services.logger.warn({ err: (error as Error)?.message, format }, 'exporter failed');
    throw new AppError('UNPROCESSABLE', `The document could not be rendered as ${format}`, {
      details: { format, reason: (error as Error)?.message ?? String(error) },
      cause: error,
    });
  }
  const parsed = ZExportOutput.safeParse(raw);
  if (!parsed.success) {
    services.logger.error({ format }, 'exporter returned invalid output');
    throw new AppError('INTERNAL', `The ${format} exporter returned invalid output`);
  }
  return parsed.data;
}
