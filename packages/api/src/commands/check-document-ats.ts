import {
  type ExportOutput,
  type TAtsReport,
  type TAtsResult,
  type TDocumentContent,
  type TParsedJob,
  type TPipelineArtifact,
  ZAtsCheckOutput,
  ZAtsReport,
} from '@dossier/core';
import type { Services } from '../services/create-services.js';
import { documentPluginDeps, quietStageContext, raceSignal, renderDocument } from './render-document.js';

/**
 * Runs every configured ATS checker on edited content and combines them the way the pipeline's ATS stage
 * does: a mean weighted by each checker's `weight` (a plain mean when every weight is 0), passing at the
 * configured score. Renders a checker asks for are shared between checkers. Null when no checker is configured.
 */
export async function checkDocumentAts({
  services,
  content,
  job,
  artifacts,
}: {
  services: Services;
  content: TDocumentContent;
  job: TParsedJob;
  artifacts: TPipelineArtifact[];
}): Promise<TAtsReport | null> {
  const { registry, config } = services.pipeline;
  const entries = registry.byKind('ats-checker');
  if (entries.length === 0) return null;
  const deps = documentPluginDeps(services);
  const signal = AbortSignal.timeout(config.timeouts.ats);
  const renders = new Map<string, Promise<ExportOutput>>();
  const render = (format: string) => {
    let pending = renders.get(format);
    if (!pending) {
      pending = renderDocument({ services, content, format, deps, signal });
      renders.set(format, pending);
    }
    return pending;
  };

  const results = await Promise.all(
    entries.map(async (entry) => {
      const handler = await entry.handler(deps);
      const raw = await raceSignal(signal, () =>
        handler.check({ content, job, artifacts, render }, quietStageContext(signal)),
      );
      const parsed = ZAtsCheckOutput.parse(raw);
      const result: TAtsResult = { checker: entry.plugin.name, ...parsed };
      return { result, weight: handler.weight };
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
    passed: rounded >= config.ats.passScore,
    results: results.map((r) => r.result),
  });
}
