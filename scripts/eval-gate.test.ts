import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { gateChecks, runEvalGate } from './eval-gate.mjs';

const summary = (over: Record<string, unknown> = {}) => ({
  cases: 120,
  failures: [],
  metrics: {
    keywordCoverage: { mean: 0.93 },
    atsPassRate: 0.97,
    grounding: { mean: 1 },
    fabrications: 0,
    ...over,
  },
});

describe('evaluation gate', () => {
  it('passes every check when the thresholds hold', () => {
    const checks = gateChecks(summary());
    expect(checks).toHaveLength(5);
    expect(checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('fails the check of each metric below its threshold', () => {
    const failed = gateChecks(
      summary({
        keywordCoverage: { mean: 0.89 },
        atsPassRate: 0.9,
        grounding: { mean: 0.99 },
        fabrications: 1,
      }),
    )
      .filter((c: { ok: boolean }) => !c.ok)
      .map((c: { name: string }) => c.name);
    expect(failed).toEqual([
      'keyword coverage mean ≥ 0.9',
      'ATS pass rate ≥ 0.95',
      'grounding mean ≥ 1',
      'fabrications ≤ 0',
    ]);
    expect(gateChecks({ ...summary(), failures: ['2 cases failed to run'] })[0].ok).toBe(false);
    expect(gateChecks({})[0]).toMatchObject({ ok: false });
  });

  it('runs the built CLI on golden/ and counts each check', () => {
    const repo = path.resolve(import.meta.dirname, '..');
    const dist = path.join(repo, 'packages/api/dist');
    if (!existsSync(path.join(dist, 'cli/main.js'))) throw new Error('Build first: npm run build');
    const root = mkdtempSync(path.join(tmpdir(), 'gate-'));
    try {
      mkdirSync(path.join(root, 'packages/api'), { recursive: true });
      symlinkSync(dist, path.join(root, 'packages/api/dist'));
      cpSync(path.join(repo, 'packages/api/src/eval/test-fixtures/golden-mini'), path.join(root, 'golden'), {
        recursive: true,
      });
      expect(runEvalGate(root)).toEqual({ passed: 5, failed: 0, skipped: 0 });
      // A forbidden claim the portfolio backs: the template CV names it, so the fabrication check fails.
      const file = path.join(root, 'golden/cases/data-ben.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.cases[0].mustNotClaim.push('Snowflake');
      writeFileSync(file, JSON.stringify(json));
      expect(runEvalGate(root)).toEqual({ passed: 4, failed: 1, skipped: 0 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);

  it('skips, saying why, when there is no golden set', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gate-'));
    try {
      expect(runEvalGate(root)).toEqual({ passed: 0, failed: 0, skipped: 1 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
