import { type TAtsReport, type TAtsResult, ZAtsReport } from '../domain/ats-report.js';
import type { TDocumentContent } from '../domain/document-content.js';
import type { TParsedJob } from '../domain/job-description.js';
import type { TPipelineArtifact } from '../domain/pipeline-artifact.js';
import type { ExportRenderer } from './create-export-renderer.js';
import type { PluginRegistry } from './create-registry.js';
import type { RunState } from './create-run-state.js';
import { PipelineError } from './pipeline-error.js';
import { summarizeZodError, ZAtsCheckOutput } from './stage-schemas.js';

/**
 * Runs every ATS checker on the final content, in parallel, and combines their scores as a mean weighted by
 * each checker's `weight` (a plain mean when every weight is 0). Null when no checker is registered.
 */
export async function runAtsStage(props: {
  state: RunState;
  registry: PluginRegistry;
  renderer: ExportRenderer;
  content: TDocumentContent;
  job: TParsedJob;
  artifacts: TPipelineArtifact[];
}): Promise<TAtsReport | null> {
  const { state, registry, renderer } = props;
  const entries = registry.byKind('ats-checker');
  if (entries.length === 0) return null;
  const signal = state.stageSignal('ats');
  let done = 0;

  const results = await Promise.all(
    entries.map(async (entry) => {
      const name = entry.plugin.name;
      const handler = await state.handler('ats', entry, signal);
      const input = {
        content: props.content,
        job: props.job,
        artifacts: props.artifacts,
        render: (format: string) => renderer.render('ats', format, signal),
      };
      const ctx = state.context('ats', name, signal);
      const raw = await state.race('ats', name, signal, () => handler.check(input, ctx));
      const parsed = ZAtsCheckOutput.safeParse(raw);
      if (!parsed.success) {
        throw new PipelineError(
          'INVALID_OUTPUT',
          `ats: plugin "${name}" returned an invalid result: ${summarizeZodError(parsed.error)}`,
          { stage: 'ats', plugin: name },
        );
      }
      done += 1;
      state.progress('ats', (done / entries.length) * 100, `ats: ${name} done`);
      return { result: { checker: name, ...parsed.data } satisfies TAtsResult, weight: handler.weight };
    }),
  );

  const totalWeight = results.reduce((sum, r) => sum + r.weight, 0);
  const score =
    totalWeight > 0
      ? results.reduce((sum, r) => sum + r.result.score * r.weight, 0) / totalWeight
      : results.reduce((sum, r) => sum + r.result.score, 0) / results.length;
  const rounded = Math.round(score * 100) / 100;
  return ZAtsReport.parse({
    score: rounded,
    passed: rounded >= state.config.ats.passScore,
    results: results.map((r) => r.result),
  });
}
