import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZPipelinePortfolio } from '@dossier/core';
import { type FakeLlmServer, startFakeLlmServer } from '@dossier/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../services/create-logger.js';
import { createPipelineHost } from './create-pipeline-host.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const portfolio = ZPipelinePortfolio.parse(
  JSON.parse(readFileSync(path.join(ROOT, 'fixtures/pipeline/portfolio.json'), 'utf8')),
);
const jobText = readFileSync(path.join(ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt'), 'utf8');
const logger = createLogger('silent');

function writeConfig(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-config-'));
  const file = path.join(dir, 'dossier.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('pipeline host', () => {
  it('runs the built-in template path end to end with the default configuration', async () => {
    const host = await createPipelineHost({ appConfig: loadConfig({}), logger });
    const result = await host.run({
      kind: 'cv',
      job: { text: jobText, mediaType: 'text/plain' },
      portfolio,
      exportFormats: ['pdf', 'docx', 'md'],
    });
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toBeNull();
    expect(result.ats?.passed).toBe(true);
    expect(Buffer.from(result.exports.pdf!.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(new TextDecoder().decode(result.exports.md!.bytes)).toContain(portfolio.profile.name);
    for (const stage of ['parse', 'match', 'generate', 'ground', 'ats', 'export'] as const) {
      expect(result.timings[stage]).toBeGreaterThanOrEqual(0);
    }
  });

  it('loads a third-party plugin package by path from dossier.config.json', async () => {
    const exampleDir = path.join(ROOT, 'fixtures/plugins/dossier-plugin-example');
    const file = writeConfig({
      plugins: [
        { use: 'job-description' },
        { use: 'skill-overlap-matcher' },
        { use: exampleDir, options: { 'title-words-matcher': { minWordLength: 4 } } },
      ],
      matchers: { weights: { 'skill-overlap-matcher': 0.5, 'title-words-matcher': 0.5 } },
    });
    const host = await createPipelineHost({ appConfig: loadConfig({}), logger, configPath: file });
    const names = host.registry.list().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['title-words-matcher', 'csv-exporter']));
    const result = await host.run({ kind: 'cv', job: { text: jobText }, portfolio, exportFormats: ['csv'] });
    const csv = new TextDecoder().decode(result.exports.csv!.bytes);
    expect(csv.split('\r\n')[0]).toBe('"section","title","text","sources"');
    expect(csv).toContain(portfolio.artifacts[0]!.id.slice(0, 4));
    const reasons = result.ranked.flatMap((r) => r.reasons.map((x) => x.kind));
    expect(reasons).toContain('title-words');
  });

  it('names the plugin and option when configuration is wrong', async () => {
    const file = writeConfig({ plugins: [{ use: 'bm25-matcher', options: { k1: 'high' } }] });
    await expect(createPipelineHost({ appConfig: loadConfig({}), logger, configPath: file })).rejects.toThrow(
      /bm25-matcher.*k1/,
    );
    const missing = writeConfig({ plugins: [{ use: './no-such-plugin' }] });
    await expect(
      createPipelineHost({ appConfig: loadConfig({}), logger, configPath: missing }),
    ).rejects.toThrow(/no-such-plugin/);
  });
});

describe('LLM fallback through the host', () => {
  let llm: FakeLlmServer;
  beforeAll(async () => {
    llm = await startFakeLlmServer({ defaultReply: () => ({ status: 500 }) });
  });
  afterAll(() => llm.close());

  const hostWith = async (options: Record<string, unknown>, allowList = '127.0.0.1/32') => {
    const file = writeConfig({
      plugins: [
        { use: 'job-description' },
        { use: 'skill-overlap-matcher' },
        { use: 'llm-cv', options },
        { use: 'md-exporter' },
      ],
      generators: { cv: ['llm-cv', 'template-cv'] },
    });
    const appConfig = loadConfig({
      DOSSIER_LLM_BASE_URL: `${llm.url}/v1`,
      DOSSIER_LLM_MODEL: 'fake-model',
      DOSSIER_OUTBOUND_ALLOWLIST: allowList,
    });
    return createPipelineHost({ appConfig, logger, configPath: file });
  };

  it('falls back to the template when the LLM answers 500, and says so', async () => {
    const host = await hostWith({ timeoutMs: 2_000, maxAttempts: 2 });
    const before = llm.requests.length;
    const result = await host.run({ kind: 'cv', job: { text: jobText }, portfolio, exportFormats: ['md'] });
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toMatch(/llm-cv/);
    expect(llm.requests.length - before).toBeGreaterThanOrEqual(1);
  });

  it('never reaches a loopback LLM server that is not allow-listed (the SSRF guard), and falls back', async () => {
    const host = await hostWith({ timeoutMs: 2_000, maxAttempts: 1 }, '');
    const before = llm.requests.length;
    const result = await host.run({ kind: 'cv', job: { text: jobText }, portfolio, exportFormats: ['md'] });
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toMatch(/llm-cv/);
    expect(llm.requests.length).toBe(before);
  });

  it('falls back within the time limit when the LLM hangs', async () => {
    llm.enqueue({ hang: true }, { hang: true });
    const host = await hostWith({ timeoutMs: 1_000, maxAttempts: 1 });
    const started = performance.now();
    const result = await host.run({ kind: 'cv', job: { text: jobText }, portfolio, exportFormats: ['md'] });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.generator).toBe('template-cv');
    expect(result.fallbackReason).toMatch(/llm-cv.*(timeout|timed out)/i);
  });
});
