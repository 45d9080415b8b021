import type { TDocumentContent } from '../domain/document-content.js';
import type { ExporterHandler, ExportOutput } from '../plugins/contract.js';
import type { PluginRegistry } from './create-registry.js';
import type { RunState } from './create-run-state.js';
import { PipelineError, type PipelineStage } from './pipeline-error.js';
import { summarizeZodError, ZExportOutput } from './stage-schemas.js';

interface Exporter {
  name: string;
  handler: ExporterHandler;
}

export interface ExportRenderer {
  /** Throws `INVALID_INPUT` naming a format no exporter provides. */
  requireFormats(formats: readonly string[], signal: AbortSignal): Promise<void>;
  /**
   * Renders the run's final content in a format. Results are cached per format, so an ATS checker's
   * round-trip render and the export stage share one rendering.
   */
  render(stage: PipelineStage, format: string, signal: AbortSignal): Promise<ExportOutput>;
  setContent(content: TDocumentContent): void;
}

export function createExportRenderer(state: RunState, registry: PluginRegistry): ExportRenderer {
  let byFormat: Promise<Map<string, Exporter>> | undefined;
  let content: TDocumentContent | undefined;
  const cache = new Map<string, Promise<ExportOutput>>();

  const exporters = (stage: PipelineStage, signal: AbortSignal) => {
    byFormat ??= (async () => {
      const map = new Map<string, Exporter>();
      // Lowest order wins when two exporters claim one format.
      for (const entry of registry.byKind('exporter')) {
        const handler = await state.handler(stage, entry, signal);
        if (!map.has(handler.format)) map.set(handler.format, { name: entry.plugin.name, handler });
      }
      return map;
    })();
    byFormat.catch(() => {
      byFormat = undefined;
    });
    return byFormat;
  };

  const renderOnce = async (stage: PipelineStage, format: string, signal: AbortSignal) => {
    if (!content) throw new Error('export renderer used before content was generated');
    const exporter = (await exporters(stage, signal)).get(format);
    if (!exporter) {
      throw new PipelineError('INVALID_INPUT', `no exporter for format "${format}"`, { stage });
    }
    const input = { content };
    const ctx = state.context(stage, exporter.name, signal);
    const raw = await state.race(stage, exporter.name, signal, () => exporter.handler.export(input, ctx));
    const parsed = ZExportOutput.safeParse(raw);
    if (!parsed.success) {
      throw new PipelineError(
        'INVALID_OUTPUT',
        `${stage}: plugin "${exporter.name}" returned invalid ${format} output: ${summarizeZodError(parsed.error)}`,
        { stage, plugin: exporter.name },
      );
    }
    return parsed.data;
  };

  return {
    async requireFormats(formats, signal) {
      if (formats.length === 0) return;
      const available = await exporters('export', signal);
      const missing = formats.filter((format) => !available.has(format));
      if (missing.length > 0) {
        const list = [...available.keys()].join(', ') || 'none';
        throw new PipelineError(
          'INVALID_INPUT',
          `no exporter for format ${missing.map((f) => `"${f}"`).join(', ')} (available: ${list})`,
          { stage: 'export' },
        );
      }
    },
    render(stage, format, signal) {
      let pending = cache.get(format);
      if (!pending) {
        pending = renderOnce(stage, format, signal);
        cache.set(format, pending);
        // A render that failed (say, the ATS stage timed out) is retried by the export stage.
        pending.catch(() => cache.delete(format));
      }
      return pending;
    },
    setContent(next) {
      content = next;
      cache.clear();
    },
  };
}
