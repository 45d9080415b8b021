import { ATS_PASS_SCORE, type TDocumentContent, ZAtsResult } from '@dossier/core';
import type { AtsCheckerHandler } from '@dossier/core/plugins';
import { describe, expect, it } from 'vitest';
import {
  buildBadCv,
  buildSampleArtifacts,
  buildSampleCv,
  buildSampleJob,
  createTestContext,
  createTestDeps,
  createTestRenderer,
} from '../test-support/sample-content.js';
import { atsCheckerPlugins } from './index.js';

/** Runs every built-in checker and combines them by weight, as the pipeline's ATS stage does. */
async function report(content: TDocumentContent) {
  const { render } = await createTestRenderer(content);
  const input = { content, job: buildSampleJob(), artifacts: buildSampleArtifacts(), render };
  const results = await Promise.all(
    atsCheckerPlugins.map(async (plugin) => {
      const handler = (await plugin.create({}, createTestDeps())) as AtsCheckerHandler;
      const result = ZAtsResult.parse({
        checker: plugin.name,
        ...(await handler.check(input, createTestContext())),
      });
      return { result, weight: handler.weight };
    }),
  );
  const total = results.reduce((sum, r) => sum + r.weight, 0);
  const score = results.reduce((sum, r) => sum + r.result.score * r.weight, 0) / total;
  return { score, passed: score >= ATS_PASS_SCORE, results: results.map((r) => r.result) };
}

describe('built-in ATS checkers', () => {
  it('are weighted 0.45 / 0.35 / 0.20', async () => {
    const weights = await Promise.all(
      atsCheckerPlugins.map(async (p) => [
        p.name,
        ((await p.create({}, createTestDeps())) as AtsCheckerHandler).weight,
      ]),
    );
    expect(Object.fromEntries(weights)).toEqual({
      'keyword-coverage': 0.45,
      parseability: 0.35,
      structure: 0.2,
    });
  });

  it('pass a good CV', async () => {
    const result = await report(buildSampleCv());
    expect(result.passed).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(ATS_PASS_SCORE);
    for (const r of result.results) expect(r.passed, r.checker).toBe(true);
  });

  it('fail a CV with missing headings and no keywords, with specific findings that each carry a fix', async () => {
    const result = await report(buildBadCv());
    expect(result.passed).toBe(false);
    expect(result.score).toBeLessThan(ATS_PASS_SCORE);
    const byChecker = Object.fromEntries(result.results.map((r) => [r.checker, r]));
    expect(byChecker['keyword-coverage']!.passed).toBe(false);
    expect(byChecker.structure!.passed).toBe(false);
    const rules = result.results.flatMap((r) => r.findings.map((f) => f.ruleId));
    expect(rules).toEqual(
      expect.arrayContaining([
        'keyword-coverage/missing-required',
        'structure/missing-heading',
        'structure/non-standard-heading',
        'structure/missing-email',
      ]),
    );
    for (const finding of result.results.flatMap((r) => r.findings)) {
      expect(finding.fix.trim().length, finding.ruleId).toBeGreaterThan(10);
    }
  });
});
