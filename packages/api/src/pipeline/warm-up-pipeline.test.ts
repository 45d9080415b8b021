import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../services/create-logger.js';
import { createPipelineHost } from './create-pipeline-host.js';
import { warmUpPipeline } from './warm-up-pipeline.js';

const logger = createLogger('silent');

async function host(env: Record<string, string> = {}) {
  const appConfig = loadConfig({ NODE_ENV: 'test', DOSSIER_JWT_SECRET: 'x'.repeat(32), ...env });
  const pipeline = await createPipelineHost({ appConfig, logger });
  const runs: string[] = [];
  const preload = pipeline.preloadModelSdk;
  pipeline.preloadModelSdk = async () => {
    runs.push('preload');
    await preload();
  };
  const run = pipeline.run;
  pipeline.run = async (input, opts) => {
    const result = await run(input, opts);
    runs.push(
      `${input.kind}:${result.generator}${result.fallbackReason ? ` (${result.fallbackReason})` : ''}`,
    );
    return result;
  };
  return { pipeline, runs };
}

describe('warmUpPipeline', () => {
  it('runs the template pipeline on the fixture portfolio, alternating CV and letter', async () => {
    const { pipeline, runs } = await host();
    const result = await warmUpPipeline({ pipeline, runs: 3, logger });
    expect(result).toMatchObject({ runs: 3 });
    expect(result.skipped).toBeUndefined();
    expect(runs).toEqual([
      'preload',
      'cv:template-cv',
      'cover-letter:template-cover-letter',
      'cv:template-cv',
    ]);
  });

  it('never calls a configured model: it loads the SDK, then only the template generators run', async () => {
    const { pipeline, runs } = await host({ OPENAI_API_KEY: 'sk-never-used' });
    expect(pipeline.config.generators.cv[0]).toBe('llm-cv');
    expect(await warmUpPipeline({ pipeline, runs: 2, logger })).toMatchObject({ runs: 2 });
    expect(runs).toEqual(['preload', 'cv:template-cv', 'cover-letter:template-cover-letter']);
  });

  it('skips, without failing, when asked for no runs or when the fixture is missing', async () => {
    const { pipeline, runs } = await host();
    expect(await warmUpPipeline({ pipeline, runs: 0, logger })).toMatchObject({ runs: 0 });
    expect(
      await warmUpPipeline({ pipeline, runs: 2, logger, portfolioPath: '/nonexistent/portfolio.json' }),
    ).toMatchObject({ runs: 0, skipped: 'fixture not found' });
    expect(runs).toEqual([]);
  });
});
