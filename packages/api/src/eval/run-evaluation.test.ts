import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCircuitBreakerRegistry } from '@dossier/core';
import { startFakeLlmServer } from '@dossier/core/testing';
import { BUILTIN_PLUGINS, buildLlmPortFromConfig } from '@dossier/plugins';
import { afterAll, describe, expect, it } from 'vitest';
import { type AtsEmulationInput, runEvaluation, runPool } from './run-evaluation.js';
import type { EvalProgress } from './types.js';

const MINI = path.join(import.meta.dirname, 'test-fixtures/golden-mini');
const tmp = mkdtempSync(path.join(tmpdir(), 'run-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('runEvaluation', { timeout: 120_000 }, () => {
  it('runs the CV and the letter of every case, exports PDF and DOCX, and reports progress', async () => {
    const seen: AtsEmulationInput[] = [];
    const progress: EvalProgress[] = [];
    const report = await runEvaluation({
      goldenDir: MINI,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
      runAtsEmulation: async (input) => {
        seen.push(input);
        // Half the profiles pass for letters, all for CVs: the pass rate must come from here.
        return { results: [], passRate: input.content.kind === 'cv' ? 1 : 0.5 };
      },
    });
    expect(report.cases).toHaveLength(4);
    expect(report.summary.passed).toBe(true);
    expect(report.config).toEqual({ name: 'template', generator: 'template-cv, template-cover-letter' });
    expect(report.notes ?? []).toEqual([]);
    expect(seen).toHaveLength(8);
    for (const input of seen) {
      expect(Buffer.from(input.pdf!.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(Buffer.from(input.docx!.subarray(0, 2)).toString('latin1')).toBe('PK');
      expect(input.job.title).toBeTruthy();
    }
    const c = report.cases.find((x) => x.caseId === 'software-ana--software-backend-payments')!;
    expect(c.cv.atsEmulationPassRate).toBe(1);
    expect(c.coverLetter.atsEmulationPassRate).toBe(0.5);
    expect(c.cv.latencyMs).toHaveProperty('atsEmulation');
    expect(c.cv.rougeL).toBeGreaterThan(0.2);
    expect(c.cv.tokens).toBe(0);
    expect(c.cv.mustFeatureRecall).toBe(1);
    expect(progress[0]).toEqual({ done: 0, total: 4, caseId: null });
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4 });
  });

  it('falls back to the built-in ATS pass, with a note, when the emulated suite is missing', async () => {
    const report = await runEvaluation({ goldenDir: MINI, limit: 1, runAtsEmulation: null });
    expect(report.cases).toHaveLength(1);
    expect(report.cases[0]!.cv.atsEmulationPassRate).toBe(report.cases[0]!.cv.atsPassed ? 1 : 0);
    expect(report.notes).toEqual([expect.stringMatching(/emulated ATS suite is not available/)]);
  });

  it('stays in one thread, with a note, when worker threads cannot be used', async () => {
    // From the TypeScript sources (as here) or with an injected ATS suite, nothing can cross to a thread.
    const report = await runEvaluation({ goldenDir: MINI, limit: 2, workers: 2, runAtsEmulation: null });
    expect(report.cases.map((c) => c.error)).toEqual([null, null]);
    expect(report.notes).toContain(
      'worker threads need the compiled build, no LLM port factory and the default ATS suite: ran in one thread',
    );
  });

  it('adds corpus cases paired with the personas by field', async () => {
    const corpus = path.join(tmp, 'postings.jsonl');
    writeFileSync(
      corpus,
      `${JSON.stringify({
        id: 'sre-1',
        source: 'test',
        title: 'Site Reliability Engineer',
        company: 'Example Cloud',
        description:
          'Operate Kubernetes clusters with Terraform on AWS. Monitoring with Prometheus and Grafana. Requirements: Kubernetes, Terraform, AWS, Prometheus, Grafana, Ansible.',
      })}\n`,
    );
    const report = await runEvaluation({ goldenDir: MINI, corpus, runAtsEmulation: null });
    const added = report.cases.filter((c) => c.job === 'corpus-sre-1');
    expect(added.map((c) => c.caseId)).toEqual(['software-ana--corpus-sre-1']);
    expect(added[0]!.error).toBeNull();
    expect(added[0]!.cv.keywordCoverage).toBeGreaterThanOrEqual(0.8);
    expect(report.golden.corpus).toBe(corpus);
    expect(report.notes?.join('\n')).toMatch(/corpus postings\.jsonl: 1 cases from 1 postings/);
  });

  it('records a case that fails to run and stops when aborted', async () => {
    const report = await runEvaluation({
      goldenDir: MINI,
      limit: 1,
      runAtsEmulation: async () => {
        throw new Error('extractor crashed');
      },
    });
    expect(report.cases[0]!.error).toBe('extractor crashed');
    expect(report.summary.passed).toBe(false);
    expect(report.summary.failures).toContain('1 case failed to run');
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(
      runEvaluation({ goldenDir: MINI, signal: controller.signal, runAtsEmulation: null }),
    ).rejects.toThrow(/stopped/);
  });
});

const replyItem = (partial: Record<string, unknown>) => ({
  title: null,
  subtitle: null,
  dates: null,
  text: null,
  bullets: [],
  skills: [],
  sources: [],
  ...partial,
});

/** A grounded CV for data-ben, as a model would send it. */
const benCv = {
  sections: [
    {
      id: 'summary',
      kind: 'summary',
      heading: 'Summary',
      items: [
        replyItem({
          id: 'summary',
          text: 'Analytics engineer who rebuilt the subscription revenue model in dbt on Snowflake.',
          sources: [{ artifactId: 'da-a1', evidenceIds: [] }],
        }),
      ],
    },
    {
      id: 'experience',
      kind: 'experience',
      heading: 'Experience',
      items: [
        replyItem({
          id: 'exp-1',
          title: 'Subscription revenue model',
          subtitle: 'Analytics engineer',
          bullets: ['Replaced 60 ad-hoc queries with 14 tested models in dbt and SQL on Snowflake.'],
          skills: ['dbt', 'SQL', 'Snowflake'],
          sources: [{ artifactId: 'da-a1', evidenceIds: ['da-a1-e1'] }],
        }),
      ],
    },
  ],
};

describe('runEvaluation with an LLM generator', { timeout: 120_000 }, () => {
  it('gives every generation a fresh LLM port and counts its tokens', async () => {
    const llm = await startFakeLlmServer({
      defaultReply: () => ({ json: benCv, usage: { inputTokens: 1_000, outputTokens: 200 } }),
    });
    try {
      let ports = 0;
      const report = await runEvaluation({
        goldenDir: MINI,
        limit: 1,
        runAtsEmulation: null,
        configName: 'llm',
        pipelineConfig: {
          plugins: BUILTIN_PLUGINS.map((p) => ({ use: p.name })),
          generators: { cv: ['llm-cv', 'template-cv'], 'cover-letter': ['template-cover-letter'] },
        },
        llm: () => {
          ports++;
          return buildLlmPortFromConfig({
            providers: [
              { name: 'fake', type: 'openai', model: 'fake-model', apiKey: 'k', baseUrl: `${llm.url}/v1` },
            ],
            budgetTokens: 50_000,
            breakers: createCircuitBreakerRegistry(),
            retry: { sleep: async () => {} },
          });
        },
      });
      expect(report.config).toEqual({ name: 'llm', generator: 'llm-cv, template-cv, template-cover-letter' });
      // One port per document: the CV and the letter.
      expect(ports).toBe(2);
      const c = report.cases[0]!;
      expect(c.caseId).toBe('data-ben--data-analytics-engineer');
      expect(c.error).toBeNull();
      expect(c.cv.tokens).toBe(1_200);
      expect(c.cv.grounding).toBe(1);
      expect(c.cv.fabrications).toBe(0);
      expect(c.coverLetter.tokens).toBe(0);
      expect(report.summary.metrics.tokens).toBe(1_200);
      // The short model CV lacks Looker, Airflow and Python: the coverage gate catches it.
      expect(c.cv.keywordCoverage).toBe(0.5);
      expect(report.summary.passed).toBe(false);
    } finally {
      await llm.close();
    }
  });
});

describe('runPool', () => {
  it('keeps order and never runs more than the concurrency at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await runPool([5, 1, 3, 2], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20]);
    expect(peak).toBe(2);
  });
});
