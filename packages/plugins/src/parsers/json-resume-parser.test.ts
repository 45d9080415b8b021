import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TPipelinePortfolio } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonResumeParser } from './json-resume-parser.js';
import { ParseError } from './parse-error.js';
import { createJsonResumeValidator } from './test-support/create-json-resume-validator.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';
import { datasetsDir } from './test-support/fixture-paths.js';

const resumes = () => path.join(datasetsDir(), 'resumes');
const readJson = (file: string): string => readFileSync(file, 'utf8');
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));

let harness: ParserHarness;
let isValidJsonResume: (document: unknown) => boolean;
beforeAll(async () => {
  harness = await createParserHarness(jsonResumeParser);
  isValidJsonResume = createJsonResumeValidator();
});

async function importJson(text: string, filename?: string): Promise<TPipelinePortfolio> {
  const output = await harness.parse({
    mediaType: 'application/json',
    text,
    ...(filename ? { filename } : {}),
  });
  if (output.type !== 'portfolio') throw new Error('expected a portfolio');
  return output.portfolio;
}

async function parseError(text: string, mediaType = 'application/json'): Promise<ParseError> {
  const error = await harness.parse({ mediaType, text }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('json-resume parser', () => {
  it('passes the plugin contract kit', async () => {
    const text = readJson(path.join(resumes(), 'jsonresume-schema/sample.resume.json'));
    await expectPluginToPass(jsonResumeParser, { sample: { mediaType: 'application/json', text } });
  });

  it('imports the official sample resume field by field', async () => {
    const text = readJson(path.join(resumes(), 'jsonresume-schema/sample.resume.json'));
    const document = JSON.parse(text);
    expect(isValidJsonResume(document)).toBe(true);
    const { profile, artifacts } = await importJson(text);
    expect(profile.name).toBe(document.basics.name);
    expect(profile.headline).toBe(document.basics.label);
    expect(profile.email).toBe(document.basics.email);
    expect(profile.links.map((l) => l.url)).toEqual(
      expect.arrayContaining(document.basics.profiles.map((p: { url: string }) => new URL(p.url).href)),
    );
    expect(profile.education[0]).toMatchObject({
      institution: document.education[0].institution,
      area: document.education[0].area,
      studyType: document.education[0].studyType,
    });
    const work = artifacts.find((a) => a.id === 'jr-work-0')!;
    const [job] = document.work;
    expect(work).toMatchObject({
      title: `${job.position} at ${job.name}`,
      role: job.position,
      organization: job.name,
      startDate: job.startDate,
      endDate: job.endDate,
      outcomes: job.highlights,
    });
    expect(work.evidence[0]).toMatchObject({
      id: 'jr-work-0-ev-0',
      url: new URL(job.url).href,
      status: 'unchecked',
    });
    const project = artifacts.find((a) => a.id === 'jr-project-0')!;
    expect(project.title).toBe(document.projects[0].name);
    expect(project.technologies).toEqual(expect.arrayContaining(document.projects[0].keywords));
    expect(artifacts.map((a) => a.id)).toEqual(
      expect.arrayContaining(['jr-volunteer-0', 'jr-publication-0', 'jr-award-0']),
    );
    for (const artifact of artifacts)
      expect(artifact.skills.length + artifact.technologies.length).toBeGreaterThanOrEqual(0);
  });

  it('imports every sample in jsonresume-samples, with stable ids and derived skills', async () => {
    const files = jsonFiles(path.join(resumes(), 'jsonresume-samples'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const document = JSON.parse(readJson(file));
      expect(isValidJsonResume(document), file).toBe(true);
      const { profile, artifacts } = await importJson(readJson(file));
      expect(profile.name, file).toBe(document.basics.name);
      const dated = (document.work ?? []).filter((w: { startDate?: string }) => w.startDate).length;
      expect(artifacts.filter((a) => a.id.startsWith('jr-work-')).length, file).toBe(dated);
      for (const artifact of artifacts) {
        expect(artifact.id).toMatch(/^jr-(work|project|volunteer|publication|award|certificate)-\d+$/);
        artifact.evidence.forEach((e, i) => {
          expect(e.id).toBe(`${artifact.id}-ev-${i}`);
        });
      }
      expect(
        artifacts.some((a) => a.skills.length > 0),
        file,
      ).toBe(true);
    }
  });

  it('agrees with the official schema on every validation fixture: valid ones import, invalid ones name the path', async () => {
    const dir = path.join(resumes(), 'jsonresume-schema/validation-fixtures');
    let valid = 0;
    let invalid = 0;
    for (const file of jsonFiles(dir)) {
      if (file.endsWith('dates.json')) continue; // bare date strings, not documents; see the date test below
      const fixtures = JSON.parse(readJson(file)) as Record<string, unknown>;
      for (const [name, document] of Object.entries(fixtures)) {
        const expectedValid = !/invalid/i.test(name);
        expect(isValidJsonResume(document), `${file} ${name} (ajv)`).toBe(expectedValid);
        if (expectedValid) {
          await expect(importJson(JSON.stringify(document)), `${file} ${name}`).resolves.toBeDefined();
          valid++;
        } else {
          const error = await parseError(JSON.stringify(document));
          expect(error.code, `${file} ${name}`).toBe('INVALID_JSON_RESUME');
          const section = Object.keys(document as object)[0]!;
          expect(error.message, `${file} ${name}`).toContain(section);
          invalid++;
        }
      }
    }
    expect(valid).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(50);
  });

  it('reads the fresh-test-resumes: JSON Resume files as the schema says, FRESH files converted, broken JSON as CORRUPT_FILE', async () => {
    const dir = path.join(resumes(), 'fresh-test-resumes');
    const outcomes: Record<string, string> = {};
    for (const file of jsonFiles(dir)) {
      const name = path.relative(dir, file);
      const text = readJson(file);
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        expect((await parseError(text)).code, name).toBe('CORRUPT_FILE');
        outcomes[name] = 'CORRUPT_FILE';
        continue;
      }
      const fresh = name.startsWith('fresh');
      const result = await importJson(text, path.basename(file)).then(
        (portfolio) => ({ portfolio, error: null }),
        (error: unknown) => ({ portfolio: null, error }),
      );
      if (result.error) {
        expect(result.error, name).toBeInstanceOf(ParseError);
        outcomes[name] = (result.error as ParseError).code;
      } else outcomes[name] = `imported ${result.portfolio!.artifacts.length} artifacts`;
      // JSON Resume files import exactly when the official schema accepts them; FRESH files always import.
      expect(result.error === null, name).toBe(fresh || isValidJsonResume(document));
    }
    console.info('fresh-test-resumes:', outcomes);
    expect(outcomes['fresh/johnny-trouble.broken.json']).toBe('CORRUPT_FILE');
    expect(outcomes['jrs/empty.json']).toBe('INVALID_JSON_RESUME');
    expect(outcomes['jrs/richard-hendriks.json']).toMatch(/^imported [1-9]/);
    expect(outcomes['fresh/jane-fullstacker.json']).toMatch(/^imported [1-9]/);
  });

  it('converts a FRESH resume and says so', async () => {
    const text = readJson(path.join(resumes(), 'fresh-test-resumes/fresh/jane-fullstacker.json'));
    harness.diagnostics.length = 0;
    const { profile, artifacts } = await importJson(text);
    expect(profile.name).toBe('Jane Q. Fullstacker');
    expect(profile.email).toBe('jdoe@onecoolstartup.io');
    expect(profile.headline).toBe('Senior Developer');
    const project = artifacts.find((a) => a.title === 'HackMyResume')!;
    expect(project.evidence.map((e) => e.url)).toEqual(
      expect.arrayContaining([
        'https://fluentdesk.com/hackmyresume',
        'https://github.com/hacksalot/hackmyresume',
      ]),
    );
    expect(project.evidence.find((e) => e.url.includes('github.com'))?.kind).toBe('repo');
    expect(harness.diagnostics.map((d) => d.ruleId)).toContain('json-resume/fresh-converted');
  });

  it('reads legacy v0 field names (company, website) and Markdown links in summaries', async () => {
    const text = readJson(path.join(resumes(), 'fresh-test-resumes/jrs/jane-fullstacker.json'));
    const { artifacts } = await importJson(text);
    const work = artifacts.find((a) => a.id === 'jr-work-0')!;
    expect(work.organization).toBe('Area 52');
    expect(work.title).toBe('Head Code Ninja at Area 52');
    expect(work.summary).toContain('Quantum Diorama');
    expect(work.summary).not.toContain('](');
    expect(work.evidence.map((e) => e.url)).toEqual(
      expect.arrayContaining(['https://area52.io/does-not-exist', 'https://en.wikipedia.org/wiki/Vaporware']),
    );
  });

  it('names the path and the problem of a bad date', async () => {
    const document = {
      basics: { name: 'A' },
      work: [
        { name: 'a', startDate: '2020-01' },
        { name: 'b', startDate: '2020' },
        { name: 'c', startDate: '2019/05' },
      ],
    };
    const error = await parseError(JSON.stringify(document));
    expect(error.code).toBe('INVALID_JSON_RESUME');
    expect(error.message).toContain('work[2].startDate: expected ISO date');
    expect(error.message).toContain('"2019/05"');
    expect(error.details?.problems).toHaveLength(1);
  });

  it('accepts the date forms of dates.json and rejects its invalid one', async () => {
    const dates = JSON.parse(
      readJson(path.join(resumes(), 'jsonresume-schema/validation-fixtures/dates.json')),
    );
    for (const [name, date] of Object.entries(dates)) {
      const text = JSON.stringify({ basics: { name: 'A' }, work: [{ name: 'w', startDate: date }] });
      if (name === 'invalid') expect((await parseError(text)).code).toBe('INVALID_JSON_RESUME');
      else expect((await importJson(text)).artifacts[0]!.startDate).toBe(date);
    }
  });

  it('gives clear codes for bad input', async () => {
    expect((await parseError('{"basics": {"name": "A"}')).code).toBe('CORRUPT_FILE');
    expect((await parseError('[1, 2]')).message).toContain('expected a JSON object, got an array');
    expect((await parseError('null')).code).toBe('INVALID_JSON_RESUME');
    expect((await parseError('  \n ')).code).toBe('EMPTY_INPUT');
    expect((await parseError('{}', 'application/pdf')).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const small = await createParserHarness(jsonResumeParser, { maxBytes: 100 });
    const big = JSON.stringify({ basics: { name: 'x'.repeat(200) } });
    await expect(small.parse({ mediaType: 'application/json', text: big })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    await expect(
      harness.parse({
        mediaType: 'application/vnd.jsonresume+json; charset=utf-8',
        bytes: new TextEncoder().encode('{}'),
      }),
    ).resolves.toMatchObject({ type: 'portfolio' });
  });

  it('keeps emoji and non-Latin names, and attaches listed skills to the artifacts that mention them', async () => {
    const document = {
      basics: { name: 'Zoë 李 🚀', label: 'Ingénieure 🚀' },
      work: [
        {
          name: 'Acme',
          position: 'Engineer',
          startDate: '2021-02',
          highlights: ['Moved billing to PostgreSQL'],
        },
      ],
      skills: [{ name: 'Databases', keywords: ['PostgreSQL', 'Cobol'] }],
    };
    harness.diagnostics.length = 0;
    const { profile, artifacts } = await importJson(JSON.stringify(document));
    expect(profile.name).toBe('Zoë 李 🚀');
    expect(profile.headline).toBe('Ingénieure 🚀');
    expect(artifacts[0]!.technologies).toContain('PostgreSQL');
    expect(artifacts[0]!.skills).toContain('postgresql');
    const unattached = harness.diagnostics.find((d) => d.ruleId === 'json-resume/unattached-skills');
    expect(unattached?.message).toContain('Cobol');
  });

  it('skips undated entries with a warning that names the artifact id', async () => {
    harness.diagnostics.length = 0;
    const { artifacts } = await importJson(
      JSON.stringify({ basics: { name: 'A' }, work: [{ name: 'No dates' }] }),
    );
    expect(artifacts).toEqual([]);
    expect(harness.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: 'json-resume/undated-entry', ref: { artifactId: 'jr-work-0' } }),
    );
  });

  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      harness.parse({ mediaType: 'application/json', text: '{}' }, controller.signal),
    ).rejects.toThrow('stop');
  });

  it('never throws anything but ParseError on arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const outcome = await harness
          .parse({ mediaType: 'application/json', text: JSON.stringify(value) ?? 'null' })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(outcome === null || outcome instanceof ParseError).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
