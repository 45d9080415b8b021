import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExporterHandler } from '@dossier/core/plugins';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  buildSampleCv,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
  datasetsDir,
} from '../test-support/sample-content.js';
import { splitRoleAndOrganisation } from './build-json-resume.js';
import { jsonResumeExporter } from './json-resume-exporter.js';

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
type Json = any;

const exportResume = async (content = buildSampleCv(), options = {}): Promise<Json> => {
  const exporter = (await jsonResumeExporter.create({}, createTestDeps())) as ExporterHandler;
  const output = await exporter.export({ content, options }, createTestContext());
  expect(output.mediaType).toBe('application/json');
  return JSON.parse(new TextDecoder().decode(output.bytes));
};

function validator() {
  const schema = JSON.parse(
    readFileSync(path.join(datasetsDir(), 'resumes/jsonresume-schema/schema.json'), 'utf8'),
  );
  // ajv-formats is not installed here: formats are ignored by ajv and checked by hand below.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  return ajv.compile(schema);
}

/** Every value under a key the schema declares `format: uri` / `format: email`. */
function collect(value: Json, keys: string[], out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collect(v, keys, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.includes(k) && typeof v === 'string') out.push(v);
      else collect(v, keys, out);
    }
  }
  return out;
}

describe('json-resume-exporter', () => {
  it('is valid against the official JSON Resume schema, formats included', async () => {
    const resume = await exportResume();
    const validate = validator();
    expect(validate(resume), JSON.stringify(validate.errors)).toBe(true);
    for (const uri of collect(resume, ['url', '$schema'])) expect(() => new URL(uri), uri).not.toThrow();
    for (const email of collect(resume, ['email'])) expect(email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  });

  it('maps basics, work with organisations, projects, skills and education', async () => {
    const resume = await exportResume();
    expect(resume.basics).toMatchObject({
      name: 'Zoë 李',
      label: 'Senior Backend Engineer',
      email: 'zoe.li@example.com',
      phone: '+44 20 7946 0958',
      url: 'https://zoe.example.dev/',
      location: { city: 'London', region: 'UK' },
      profiles: [{ network: 'GitHub', username: 'zoe-li-example', url: 'https://github.com/zoe-li-example' }],
    });
    expect(resume.basics.summary).toMatch(/^Backend engineer with seven years/);
    expect(resume.work).toHaveLength(2);
    expect(resume.work[0]).toMatchObject({
      name: 'Northwind Bank',
      position: 'Senior Backend Engineer',
      startDate: '2021-03',
      summary: 'Payments ledger service',
    });
    expect(resume.work[0].endDate).toBeUndefined();
    expect(resume.work[0].highlights).toHaveLength(2);
    expect(resume.projects).toEqual([
      expect.objectContaining({
        name: 'On-call assistant bot',
        roles: ['Creator'],
        url: 'https://github.com/zoe-li-example/oncall-bot',
        keywords: ['Python', 'Prometheus'],
        startDate: '2022-06',
        endDate: '2022-12',
      }),
    ]);
    expect(resume.skills).toEqual([
      { name: 'Languages', keywords: ['TypeScript', 'Python'] },
      expect.objectContaining({ name: 'Platforms' }),
    ]);
    expect(resume.education).toEqual([
      {
        institution: 'University of Leeds',
        studyType: 'BSc',
        area: 'Computer Science',
        startDate: '2012-09',
        endDate: '2015-06',
      },
    ]);
    expect(resume.meta).toEqual({ version: 'v1.0.0', lastModified: '2026-01-15T09:30:00.000Z' });
  });

  it('never uses a broken link as a project URL', async () => {
    const cv = buildSampleCv();
    cv.sections[2]!.items[0]!.links[0]!.status = 'broken';
    const resume = await exportResume(cv);
    expect(resume.projects[0].url).toBeUndefined();
    expect(validator()(resume)).toBe(true);
  });

  it('refuses a cover letter', async () => {
    await expect(exportResume(buildSampleLetter())).rejects.toThrow(/CVs only/);
  });

  it('splits "Role, Organisation" subtitles', () => {
    expect(splitRoleAndOrganisation('Staff Engineer, Platform, Acme')).toEqual({
      position: 'Staff Engineer, Platform',
      organisation: 'Acme',
    });
    expect(splitRoleAndOrganisation('Engineer at Acme')).toEqual({
      position: 'Engineer',
      organisation: 'Acme',
    });
    expect(splitRoleAndOrganisation('Creator')).toEqual({ position: 'Creator' });
  });
});
