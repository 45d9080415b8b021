import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetsDir } from '../test-support/datasets.js';

// The tailoring commands as a user runs them: no database, no keys, the built CLI under Node 24.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/api/bin/dossier.js');
const JOB = path.join(ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt');
const PORTFOLIO = path.join(ROOT, 'fixtures/pipeline/portfolio.json');
let out: string;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'packages/api/dist/cli/main.js')))
    throw new Error('Build first: npm run build');
  out = mkdtempSync(path.join(tmpdir(), 'dossier-cli-'));
});

const dossier = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });

describe('dossier jd parse', () => {
  it('parses a file and standard input, as JSON and for people', () => {
    const json = dossier(['jd', 'parse', JOB, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const job = JSON.parse(json.stdout);
    expect(job.title).toMatch(/Backend Engineer/);
    expect(job.skills.length).toBeGreaterThan(3);
    const human = dossier(['jd', 'parse', '-'], readFileSync(JOB, 'utf8'));
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/skill\s+weight\s+required/);
  });

  it('fails clearly on an empty job description', () => {
    const r = dossier(['jd', 'parse', '-'], '   ');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty/i);
  });
});

describe('dossier import', () => {
  it('imports every JSON Resume sample', () => {
    const dir = path.join(datasetsDir(), 'resumes/jsonresume-samples');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const r = dossier(['import', path.join(dir, name), '--json']);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      const portfolio = JSON.parse(r.stdout);
      expect(portfolio.profile.name).toBeTruthy();
      expect(portfolio.artifacts.length).toBeGreaterThan(0);
    }
  });

  it('refuses binary garbage posing as a PDF with a clear error', () => {
    const file = path.join(out, 'garbage.pdf');
    writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0xaa)]));
    const r = dossier(['import', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dossier: /);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('dossier tailor and ats', () => {
  for (const format of ['pdf', 'docx', 'md', 'html', 'txt', 'json-resume']) {
    it(`writes a ${format} CV and reports the generator and ATS result`, () => {
      const file = path.join(out, `cv.${format}`);
      const r = dossier([
        'tailor',
        '--portfolio',
        PORTFOLIO,
        '--job',
        JOB,
        '--kind',
        'cv',
        '--format',
        format,
        '--out',
        file,
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ generator: 'template-cv', fallbackReason: null, format });
      expect(summary.ats.passed).toBe(true);
      expect(readFileSync(file).length).toBeGreaterThan(200);
    });
  }

  it('writes a cover letter in a chosen tone', () => {
    const file = path.join(out, 'letter.md');
    const r = dossier([
      'tailor',
      '--portfolio',
      PORTFOLIO,
      '--job',
      JOB,
      '--kind',
      'cover-letter',
      '--tone',
      'concise',
      '--format',
      'md',
      '--out',
      file,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/with template-cover-letter/);
    expect(readFileSync(file, 'utf8')).toMatch(/Dear|Hello|Hi/);
  });

  it('checks an existing PDF resume', () => {
    const pdf = path.join(out, 'cv.pdf');
    if (!existsSync(pdf)) {
      dossier(['tailor', '--portfolio', PORTFOLIO, '--job', JOB, '--format', 'pdf', '--out', pdf]);
    }
    const r = dossier(['ats', '--job', JOB, pdf, '--json']);
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout);
    expect(report.score).toBeGreaterThan(0);
    expect(report.results.map((x: { checker: string }) => x.checker)).toContain('keyword-coverage');
  });

  it('exits 2 on a usage error', () => {
    expect(dossier(['tailor', '--portfolio', PORTFOLIO]).status).toBe(2);
    expect(
      dossier(['tailor', '--portfolio', PORTFOLIO, '--job', JOB, '--out', 'x', '--format', 'rtf']).status,
    ).toBe(2);
  });
});

describe('dossier plugins list', () => {
  it('lists name, kind and version of every built-in', () => {
    const r = dossier(['plugins', 'list', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ name: string; kind: string; version: string }>;
    const kinds = new Set(list.map((p) => p.kind));
    for (const k of ['parser', 'matcher', 'generator', 'ats-checker', 'exporter']) expect(kinds).toContain(k);
    for (const p of list) expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
