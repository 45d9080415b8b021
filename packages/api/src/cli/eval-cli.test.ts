import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PLUGINS } from '@dossier/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `dossier eval` as reviewers and CI run it: the built CLI under Node 24, the mini golden set, no keys.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/api/bin/dossier.js');
const MINI = path.join(ROOT, 'packages/api/src/eval/test-fixtures/golden-mini');
let tmp: string;

const dossier = (args: string[]) =>
  spawnSync(process.execPath, [BIN, 'eval', ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });

const writeConfig = (name: string, extra: Record<string, unknown>, cvOptions?: Record<string, unknown>) => {
  const file = path.join(tmp, name);
  writeFileSync(
    file,
    JSON.stringify({
      plugins: BUILTIN_PLUGINS.map((p) =>
        p.name === 'template-cv' && cvOptions ? { use: p.name, options: cvOptions } : { use: p.name },
      ),
      generators: { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'] },
      ...extra,
    }),
  );
  return file;
};

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'packages/api/dist/cli/main.js')))
    throw new Error('Build first: npm run build');
  tmp = mkdtempSync(path.join(tmpdir(), 'dossier-eval-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Each test spawns the CLI once to three times; under a full parallel test run that takes a while.
describe('dossier eval', { timeout: 180_000 }, () => {
  it('passes on the mini golden set and writes report.json and a self-contained report.html', () => {
    const report = path.join(tmp, 'report');
    const r = dossier(['--golden', MINI, '--json', '--report', report, '--concurrency', '2']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ cases: 4, passed: true, failures: [] });
    expect(out.metrics.keywordCoverage.mean).toBeGreaterThanOrEqual(0.9);
    expect(out.metrics.keywordCoverage).toHaveProperty('ci95');
    expect(out.metrics.atsPassRate).toBeGreaterThanOrEqual(0.95);
    expect(out.metrics.grounding.mean).toBe(1);
    expect(out.metrics.fabrications).toBe(0);
    expect(out.metrics.rougeL.n).toBe(4);
    expect(Object.keys(out.byField).sort()).toEqual(['data', 'software']);
    const json = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8'));
    expect(json.cases).toHaveLength(4);
    expect(json.cases[0].cv.latencyMs).toHaveProperty('generate');
    const html = readFileSync(path.join(report, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(?:link|img)\b|src=/);
  });

  it('gives the same results spread over worker threads', () => {
    const read = (dir: string) =>
      JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).cases.map(
        (c: { cv: { latencyMs?: unknown }; coverLetter: { latencyMs?: unknown } }) => {
          delete c.cv.latencyMs;
          delete c.coverLetter.latencyMs;
          return c;
        },
      );
    const one = path.join(tmp, 'one-thread');
    const two = path.join(tmp, 'two-threads');
    expect(dossier(['--golden', MINI, '--report', one]).status).toBe(0);
    const r = dossier(['--golden', MINI, '--report', two, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(read(two)).toEqual(read(one));
  });

  it('prints a summary table for people', () => {
    const r = dossier(['--golden', MINI, '--limit', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 cases · configuration template/);
    expect(r.stdout).toMatch(/keyword coverage \(CV\)\s+1\s/);
    expect(r.stdout).toMatch(/PASSED\n$/);
  });

  it('exits 1 for a deliberately failing case: uncovered keywords and a forbidden claim', () => {
    const dir = path.join(tmp, 'golden-failing');
    cpSync(MINI, dir, { recursive: true });
    const file = path.join(dir, 'cases/software-ana.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.cases[1].criticalKeywords.push('COBOL', 'Fortran', 'Haskell', 'Erlang', 'Salesforce', 'SAP');
    json.cases[1].mustNotClaim.push('Kubernetes');
    writeFileSync(file, JSON.stringify(json));
    const r = dossier(['--golden', dir, '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.passed).toBe(false);
    expect(out.failures).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^keyword coverage mean 87\.5% < 90\.0%/),
        expect.stringMatching(/fabrication/),
      ]),
    );
  });

  it('exits 1 when a configuration misses a gate (no ATS checkers, so no document passes the ATS check)', () => {
    const noAts = path.join(tmp, 'no-ats.json');
    writeFileSync(
      noAts,
      JSON.stringify({
        plugins: BUILTIN_PLUGINS.filter((p) => p.kind !== 'ats-checker').map((p) => ({ use: p.name })),
        generators: { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'] },
      }),
    );
    const r = dossier(['--golden', MINI, '--config', noAts, '--limit', '2']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED: ATS pass rate 0\.0% < 95\.0%/);
  });

  it('compares two configurations case by case', () => {
    const noLinks = writeConfig('no-links.json', {}, { maxLinksPerItem: 0 });
    const r = dossier(['--golden', MINI, '--compare', noLinks, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.compare.config.name).toBe('no-links.json');
    const evidence = out.compare.comparisons.find((c: { metric: string }) => c.metric === 'evidenceCoverage');
    expect(evidence).toMatchObject({ meanA: 1, meanB: 0, meanDelta: -1 });
    // Four cases, all worse by the same amount (tied ranks): z = −2, the smallest p for n = 4.
    expect(evidence.pValue).toBeCloseTo(0.0455, 4);
    const keywords = out.compare.comparisons.find((c: { metric: string }) => c.metric === 'keywordCoverage');
    expect(keywords.pValue).toBe(1);
  });

  it('writes a baseline and exits 1 when a later run regresses against it', () => {
    const baseline = path.join(tmp, 'baseline.json');
    const first = dossier(['--golden', MINI, '--baseline', baseline, '--update-baseline']);
    expect(first.status, first.stderr).toBe(0);
    const written = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(written).toMatchObject({
      version: 1,
      cases: 4,
      means: { keywordCoverage: 1, evidenceCoverage: 1 },
    });
    const same = dossier(['--golden', MINI, '--baseline', baseline, '--json']);
    expect(same.status, same.stdout).toBe(0);
    const noLinks = writeConfig('no-links-2.json', {}, { maxLinksPerItem: 0 });
    const worse = dossier(['--golden', MINI, '--baseline', baseline, '--config', noLinks, '--json']);
    expect(worse.status).toBe(1);
    const out = JSON.parse(worse.stdout);
    expect(out.failures).toEqual(['evidenceCoverage regressed: 1 → 0']);
    expect(
      out.baseline.deltas.find((d: { metric: string }) => d.metric === 'evidenceCoverage').regressed,
    ).toBe(true);
  });

  it('fails clearly on bad input', () => {
    const missing = dossier(['--golden', path.join(tmp, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/golden set .*nope does not exist/);
    const noBaseline = dossier(['--golden', MINI, '--baseline', path.join(tmp, 'none.json')]);
    expect(noBaseline.status).toBe(1);
    expect(noBaseline.stderr).toMatch(/baseline .*none\.json does not exist/);
    const badConcurrency = dossier(['--golden', MINI, '--concurrency', '0']);
    expect(badConcurrency.status).toBe(2);
    expect(badConcurrency.stderr).toMatch(/--concurrency must be a whole number/);
  });
});
