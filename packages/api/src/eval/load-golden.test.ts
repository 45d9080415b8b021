import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GoldenSetError, lintGolden, loadGolden, parseJobHeading } from './load-golden.js';

const MINI = path.join(import.meta.dirname, 'test-fixtures/golden-mini');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyMini(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-'));
  temps.push(dir);
  cpSync(MINI, dir, { recursive: true });
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests edit persona and case files loosely
const editJson = (file: string, edit: (json: any) => void) => {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
};

describe('loadGolden', () => {
  it('loads the mini golden set', async () => {
    const set = await loadGolden(MINI);
    expect([...set.personas.keys()].sort()).toEqual(['data-ben', 'software-ana']);
    expect(set.jobs.size).toBe(4);
    expect(set.jobs.get('data-ml-platform')?.field).toBe('data');
    expect(set.cases).toHaveLength(4);
    expect(set.cases.every((c) => c.source === 'golden')).toBe(true);
    expect(set.references.size).toBe(4);
    expect(lintGolden(set)).toEqual([]);
  });

  it('names the file and path of every referential problem', async () => {
    const dir = copyMini();
    editJson(path.join(dir, 'cases/software-ana.json'), (json) => {
      json.cases[0].mustFeature.push('sw-a99');
      json.cases[0].reference.cv = 'references/nope/cv.md';
      json.cases[1].field = 'data';
      json.cases[1].id = json.cases[0].id;
    });
    editJson(path.join(dir, 'cases/data-ben.json'), (json) => {
      json.cases[0].persona = 'ghost';
      json.cases[1].job = 'no-such-job';
    });
    const err = await loadGolden(dir).catch((e) => e);
    expect(err).toBeInstanceOf(GoldenSetError);
    const problems = (err as GoldenSetError).problems.join('\n');
    expect(problems).toMatch(
      /cases\/software-ana\.json: \/cases\/0\/mustFeature\/3 "sw-a99" is not an artifact/,
    );
    expect(problems).toMatch(
      /cases\/software-ana\.json: \/cases\/0\/reference\/cv "references\/nope\/cv\.md" does not exist/,
    );
    expect(problems).toMatch(
      /cases\/software-ana\.json: \/cases\/1\/field "data" differs from the job's folder "software"/,
    );
    expect(problems).toMatch(/\/cases\/1\/id .* is used twice/);
    expect(problems).toMatch(/cases\/data-ben\.json: \/cases\/0\/persona "ghost"/);
    expect(problems).toMatch(/cases\/data-ben\.json: \/cases\/1\/job "no-such-job"/);
  });

  it('validates with the JSON Schemas in schema/ when they are there', async () => {
    const dir = copyMini();
    cpSync(path.join(dir, 'personas/data-ben.json'), path.join(dir, 'personas/bad.json'));
    editJson(path.join(dir, 'personas/bad.json'), (json) => {
      json.id = 'bad';
      json.stage = 'guru';
    });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'schema'));
    writeFileSync(
      path.join(dir, 'schema/persona.schema.json'),
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['id', 'field', 'stage', 'portfolio'],
        properties: { stage: { enum: ['entry', 'mid', 'senior', 'lead', 'career-change'] } },
      }),
    );
    const err = (await loadGolden(dir).catch((e) => e)) as GoldenSetError;
    expect(err.problems).toEqual([
      expect.stringMatching(/^personas\/bad\.json: \/stage must be equal to one of the allowed values/),
    ]);
  });

  it('reports bad JSON, a persona id that is not its file name, and a bad job heading', async () => {
    const dir = copyMini();
    writeFileSync(path.join(dir, 'cases/broken.json'), '{ "cases": [');
    editJson(path.join(dir, 'personas/data-ben.json'), (json) => {
      json.id = 'data-benjamin';
    });
    writeFileSync(path.join(dir, 'jobs/data/data-extra.md'), 'no heading here\n');
    const err = (await loadGolden(dir).catch((e) => e)) as GoldenSetError;
    const text = err.problems.join('\n');
    expect(text).toMatch(/cases\/broken\.json: not valid JSON/);
    expect(text).toMatch(/personas\/data-ben\.json: \/id must equal the file name/);
    expect(text).toMatch(/jobs\/data\/data-extra\.md: the first line must be/);
  });

  it('refuses a folder without personas', async () => {
    await expect(loadGolden(path.join(MINI, 'jobs'))).rejects.toThrow(/has no personas\/ folder/);
    await expect(loadGolden('/nonexistent/golden')).rejects.toThrow(/does not exist/);
  });

  it('warns about keywords the portfolio does not support', async () => {
    const dir = copyMini();
    editJson(path.join(dir, 'cases/data-ben.json'), (json) => {
      json.cases[0].criticalKeywords.push('COBOL');
      json.cases[0].mustNotClaim.push('Snowflake');
    });
    editJson(path.join(dir, 'cases/software-ana.json'), (json) => {
      // "ARR" is not in "transactions a day": whole words only.
      json.cases[0].mustNotClaim.push('ARR', 'actions');
    });
    const warnings = lintGolden(await loadGolden(dir));
    expect(warnings).toEqual([
      expect.stringMatching(/critical keyword "COBOL" is not in data-ben's portfolio/),
      expect.stringMatching(/must-not-claim "Snowflake" appears in data-ben's portfolio/),
    ]);
    expect(warnings.join('\n')).not.toMatch(/"ARR"|"actions"/);
  });
});

describe('parseJobHeading', () => {
  it('reads "# Title — Company"', () => {
    expect(parseJobHeading('# Analytics Engineer — Lumen Health\n\ntext')).toEqual({
      title: 'Analytics Engineer',
      company: 'Lumen Health',
    });
    expect(parseJobHeading('\n# Data Scientist\n')).toEqual({ title: 'Data Scientist', company: null });
    expect(parseJobHeading('Data Scientist')).toBeNull();
  });
});
