import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../http/define-route.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { ALL_ROUTES } from './index.js';

// Walks every registered route. Per-resource routes are called by a second user with the first user's ids and
// must answer 404 (never 200/403, which would leak existence); every non-public route refuses anonymous
// callers. A new route with a path parameter and no `ownedBy`, or a body route with no sample below, fails.

/** A valid body per route, so that validation passes and authorization is what decides. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'post /auth/logout': { refreshToken: 'dsr_0000000000000000' },
  'post /artifacts': { title: 'x', summary: 'y', startDate: '2024-01-01' },
  'patch /artifacts/:id': { title: 'stolen' },
  'post /artifacts/:id/evidence': { url: 'https://example.test/x' },
  'patch /artifacts/:id/evidence/:evidenceId': { title: 'stolen' },
  'post /labels': { name: 'x' },
  'patch /labels/:id': { name: 'stolen' },
  'delete /account': { password: 'wrong password' },
  'post /account/api-keys': { name: 'x' },
};

interface Fixture {
  artifactId: string;
  evidenceId: string;
  labelId: string;
  apiKeyId: string;
}

function pathFor(route: AnyRoute, f: Fixture): string {
  const ids: Record<string, string> = {};
  switch (route.ownedBy) {
    case 'artifact':
      ids.id = f.artifactId;
      break;
    case 'evidence':
      ids.id = f.artifactId;
      ids.evidenceId = f.evidenceId;
      break;
    case 'label':
      ids.id = f.labelId;
      break;
    case 'label-artifact':
      ids.id = f.labelId;
      ids.artifactId = f.artifactId;
      break;
    case 'api-key':
      ids.id = f.apiKeyId;
      break;
  }
  return route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = ids[name];
    if (!v)
      throw new Error(`${route.method.toUpperCase()} ${route.path}: no fixture id for :${name}; set ownedBy`);
    return v;
  });
}

let t: TestContext;
let owner: Awaited<ReturnType<TestContext['signUp']>>;
let intruder: Awaited<ReturnType<TestContext['signUp']>>;
let fixture: Fixture;

beforeAll(async () => {
  t = await createTestContext();
  owner = await t.signUp();
  intruder = await t.signUp();
  const label = await t.request('POST', '/api/v1/labels', { token: owner.token, body: { name: 'Owned' } });
  const artifact = await t.request('POST', '/api/v1/artifacts', {
    token: owner.token,
    body: {
      title: 'Mine',
      summary: 'Mine',
      startDate: '2024-01-01',
      evidence: [{ url: 'https://example.test/a' }],
      labelIds: label.status === 201 ? [label.body.id] : [],
    },
  });
  const key = await t.request('POST', '/api/v1/account/api-keys', {
    token: owner.token,
    body: { name: 'k' },
  });
  if (artifact.status !== 201) throw new Error(JSON.stringify(artifact.body) + JSON.stringify(label.body));
  fixture = {
    artifactId: artifact.body.id,
    evidenceId: artifact.body.evidence[0].id,
    labelId: label.body?.id ?? '00000000-0000-4000-8000-000000000000',
    apiKeyId: key.body.id,
  };
});
afterAll(() => t.close());

const key = (r: AnyRoute) => `${r.method} ${r.path}`;

describe('authorization matrix', () => {
  it('covers every route with a path parameter', () => {
    const uncovered = ALL_ROUTES.filter((r) => r.path.includes(':') && !r.ownedBy).map(key);
    expect(uncovered).toEqual([]);
    const noSample = ALL_ROUTES.filter(
      (r) => r.body && r.auth !== 'public' && !(key(r) in SAMPLE_BODIES),
    ).map(key);
    expect(noSample).toEqual([]);
  });

  for (const route of ALL_ROUTES.filter((r) => r.ownedBy)) {
    it(`${route.method.toUpperCase()} ${route.path} as another user → 404`, async () => {
      const res = await t.request(route.method.toUpperCase(), `/api/v1${pathFor(route, fixture)}`, {
        token: intruder.token,
        body: SAMPLE_BODIES[key(route)],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    });
  }

  for (const route of ALL_ROUTES.filter((r) => r.auth !== 'public')) {
    it(`${route.method.toUpperCase()} ${route.path} without credentials → 401`, async () => {
      const path = route.ownedBy ? pathFor(route, fixture) : route.path;
      const res = await t.request(route.method.toUpperCase(), `/api/v1${path}`, {
        body: SAMPLE_BODIES[key(route)],
      });
      expect(res.status).toBe(401);
    });
  }

  it("leaves the owner's resources intact after the intruder's attempts", async () => {
    const res = await t.request('GET', `/api/v1/artifacts/${fixture.artifactId}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Mine');
    expect(res.body.evidence).toHaveLength(1);
    const me = await t.request('GET', '/api/v1/auth/me', { token: owner.token });
    expect(me.status).toBe(200);
  });
});
