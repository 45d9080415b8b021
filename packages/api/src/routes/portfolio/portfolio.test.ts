import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { datasetsDir } from '../../test-support/datasets.js';

let t: TestContext;
let u: Awaited<ReturnType<TestContext['signUp']>>;
beforeAll(async () => {
  t = await createTestContext();
  u = await t.signUp({ name: 'Jo Example' });
  for (const [i, techs] of [['TypeScript', 'node'], ['Python']].entries()) {
    const res = await t.request('POST', '/api/v1/artifacts', {
      token: u.token,
      body: {
        title: `Artifact ${i}`,
        summary: 'Summary',
        technologies: techs,
        outcomes: ['Did a thing 30% faster'],
        startDate: '2023-04',
        evidence: [{ url: `https://github.com/jo/p${i}` }],
      },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t.close());

describe('GET /portfolio/export', () => {
  it('exports Dossier JSON with every artifact, evidence URL decrypted', async () => {
    const res = await t.request('GET', '/api/v1/portfolio/export', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="dossier-portfolio-/);
    expect(res.body).toMatchObject({
      format: 'dossier-portfolio',
      version: 1,
      profile: { name: 'Jo Example', email: u.email },
    });
    expect(res.body.artifacts).toHaveLength(2);
    expect(res.body.artifacts[0].evidence[0].url).toMatch(/^https:\/\/github.com\/jo\/p/);
  });

  it('exports JSON Resume valid against the official schema', async () => {
    const res = await t.request('GET', '/api/v1/portfolio/export?format=json-resume', { token: u.token });
    expect(res.status).toBe(200);
    const schema = JSON.parse(
      readFileSync(path.join(datasetsDir(), 'resumes/jsonresume-schema/schema.json'), 'utf8'),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
    expect(res.body.basics.name).toBe('Jo Example');
    expect(res.body.projects).toHaveLength(2);
    expect(res.body.projects[0].startDate).toBe('2023-04-01');
  });

  it('rejects an unknown format', async () => {
    const res = await t.request('GET', '/api/v1/portfolio/export?format=xml', { token: u.token });
    expect(res.status).toBe(400);
  });
});
