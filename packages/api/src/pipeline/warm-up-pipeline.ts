import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TPipelineConfig } from '@dossier/core';
import type { Logger } from 'pino';
import { type PipelineHost, type PipelineInput, templateChain } from './create-pipeline-host.js';

const FIXTURES = new URL('../../../../fixtures/pipeline/', import.meta.url);
const DEFAULT_PORTFOLIO = fileURLToPath(new URL('portfolio.json', FIXTURES));
const DEFAULT_JOB = fileURLToPath(new URL('jobs/backend-engineer.txt', FIXTURES));

export interface WarmUpResult {
  runs: number;
  ms: number;
  /** Why nothing ran, when nothing did. */
  skipped?: string;
}

/**
 * Runs the template pipeline a few times on the fixture portfolio before a worker takes jobs. A fresh process
 * loads the PDF and DOCX libraries on its first run and runs unoptimised code for the next dozen or so; measured
 * on the 2-core reference machine a generation then costs about twice the CPU time of a warmed-up one, and the
 * first users after a deploy would pay for it. Only the template generators run (no model is called), and
 * nothing is stored; the configured model provider's SDK is imported too, without a call. A missing fixture or a
 * failing run is logged and skipped: warming up never stops a worker.
 */
export async function warmUpPipeline({
  pipeline,
  runs,
  logger,
  portfolioPath = DEFAULT_PORTFOLIO,
  jobPath = DEFAULT_JOB,
}: {
  pipeline: PipelineHost;
  runs: number;
  logger: Logger;
  portfolioPath?: string;
  jobPath?: string;
}): Promise<WarmUpResult> {
  if (runs <= 0) return { runs: 0, ms: 0, skipped: 'no runs asked for' };
  if (!existsSync(portfolioPath) || !existsSync(jobPath)) {
    logger.warn({ portfolioPath, jobPath }, 'pipeline warm-up skipped: fixture not found');
    return { runs: 0, ms: 0, skipped: 'fixture not found' };
  }
  const portfolio = JSON.parse(readFileSync(portfolioPath, 'utf8')) as PipelineInput['portfolio'];
  const job: PipelineInput['job'] = { text: readFileSync(jobPath, 'utf8'), mediaType: 'text/plain' };
  const templateOnly: Partial<TPipelineConfig> = {
    generators: {
      ...pipeline.config.generators,
      cv: templateChain(pipeline.config, 'cv'),
      'cover-letter': templateChain(pipeline.config, 'cover-letter'),
    },
  };
  const started = performance.now();
  let done = 0;
  try {
    await pipeline.preloadModelSdk();
    for (; done < runs; done++) {
      await pipeline.run(
        { kind: done % 2 === 0 ? 'cv' : 'cover-letter', job, portfolio, exportFormats: [] },
        { configOverride: templateOnly },
      );
    }
  } catch (err) {
    logger.warn({ err: (err as Error).message, runs: done }, 'pipeline warm-up stopped early');
    return { runs: done, ms: performance.now() - started, skipped: 'a run failed' };
  }
  return { runs: done, ms: performance.now() - started };
}
