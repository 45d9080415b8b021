import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDefaultTaxonomy, type TParsedJob } from '@dossier/core';
import { jobDescriptionParser } from '@dossier/plugins';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyField } from './classify-field.js';
import { loadCorpus } from './load-corpus.js';
import { loadGolden } from './load-golden.js';

const MINI = path.join(import.meta.dirname, 'test-fixtures/golden-mini');
const dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parser() {
  const deps = {
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    clock: () => new Date(),
    taxonomy: getDefaultTaxonomy(),
  };
  const handler = (await jobDescriptionParser.create({}, deps)) as {
    parse: (
      input: { mediaType: string; text: string },
      ctx: unknown,
    ) => Promise<{ type: string; job?: TParsedJob }>;
  };
  const ctx = { signal: new AbortController().signal, report() {}, progress() {} };
  return async (text: string) => {
    const out = await handler.parse({ mediaType: 'text/markdown', text }, ctx);
    if (!out.job) throw new Error('the parser produced no job');
    return out.job;
  };
}

describe('classifyField', () => {
  it('classifies postings by title first, then description', () => {
    expect(classifyField('Senior Backend Engineer', 'Go and PostgreSQL')).toBe('software');
    expect(classifyField('Analytics Engineer', 'dbt models on Snowflake, SQL, data warehouse and ETL')).toBe(
      'data',
    );
    expect(classifyField('Senior UI/UX Designer', 'Figma prototypes')).toBe('design');
    expect(classifyField('Staff Nurse', 'patient care on a hospital ward')).toBe('healthcare');
    expect(classifyField('Gardener', 'mow the lawn')).toBeNull();
  });
});

describe('loadCorpus', { timeout: 60_000 }, () => {
  it('pairs postings with personas of their field, keeping keywords the persona supports', async () => {
    const file = path.join(dir, 'jobs.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'p1',
          source: 'test',
          title: 'Backend Engineer',
          company: 'Acme',
          description:
            'We build payment services in Go with PostgreSQL and Kafka, deployed on Kubernetes with Terraform. Requirements: Go, PostgreSQL, Kafka, Kubernetes, Scala, Elixir.',
        }),
        'not json',
        JSON.stringify({ id: 'p2', title: 'Gardener', description: 'Mow lawns and trim hedges.' }),
        JSON.stringify({ id: 'p3', title: 'Missing description' }),
      ].join('\n'),
    );
    const golden = await loadGolden(MINI);
    const corpus = await loadCorpus({ file, personas: golden.personas.values(), parseJob: await parser() });
    expect(corpus.jobs.map((j) => j.id)).toEqual(['corpus-p1']);
    expect(corpus.cases).toHaveLength(1);
    const c = corpus.cases[0]!;
    expect(c).toMatchObject({
      id: 'software-ana--corpus-p1',
      persona: 'software-ana',
      field: 'software',
      source: 'corpus:jobs.jsonl',
    });
    expect(c.criticalKeywords).toEqual(
      expect.arrayContaining(['Go', 'PostgreSQL', 'Kubernetes', 'Apache Kafka']),
    );
    expect(c.criticalKeywords).not.toContain('Scala');
    expect(c.mustNotClaim).toEqual(expect.arrayContaining(['Scala', 'Elixir']));
    expect(c.mustNotClaim).not.toContain('Apache Kafka');
    expect(c.mustFeature[0]).toBe('sw-a1');
    expect(corpus.skipped.join('\n')).toMatch(/jobs\.jsonl:2: not valid JSON/);
    expect(corpus.skipped.join('\n')).toMatch(/p2: no field matches/);
    expect(corpus.skipped.join('\n')).toMatch(/jobs\.jsonl:4: needs string id, title and description/);
  });

  it('fails clearly on a missing file', async () => {
    await expect(
      loadCorpus({ file: path.join(dir, 'nope.jsonl'), personas: [], parseJob: async () => ({}) as never }),
    ).rejects.toThrow(/corpus .*nope\.jsonl cannot be read/);
  });
});
