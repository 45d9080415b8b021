import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../http/define-route.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import {
  createRouteFixture,
  pathFor,
  type RouteFixture,
  SAMPLE_QUERIES,
} from '../test-support/route-fixture.js';
import { ALL_ROUTES } from './index.js';

// Walks every registered route. Per-resource routes are called by a second user with the first user's ids and
// must answer 404 (never 200/403, which would leak existence); administrator routes refuse members with 403;
// every non-public route refuses anonymous callers. A new user route with a path parameter and no `ownedBy`,
// or a body route with no sample in test-support/route-fixture.ts, fails.

let t: TestContext;
let owner: Awaited<ReturnType<TestContext['signUp']>>;
let intruder: Awaited<ReturnType<TestContext['signUp']>>;
let fixture: RouteFixture;
let SAMPLE_BODIES: Record<string, unknown>;

beforeAll(async () => {
  t = await createTestContext();
  owner = await t.signUp();
  intruder = await t.signUp();
  ({ fixture, bodies: SAMPLE_BODIES } = await createRouteFixture(t, owner));
});
afterAll(() => t.close());

const key = (r: AnyRoute) => `${r.method} ${r.path}`;

describe('authorization matrix', () => {
  it('covers every route with a path parameter', () => {
    const uncovered = ALL_ROUTES.filter((r) => r.path.includes(':') && !r.ownedBy && r.auth !== 'admin').map(
      key,
    );
    expect(uncovered).toEqual([]);
    const noSample = ALL_ROUTES.filter(
      (r) => r.body && r.auth !== 'public' && !(key(r) in SAMPLE_BODIES),
    ).map(key);
    expect(noSample).toEqual([]);
  });

  for (const route of ALL_ROUTES.filter((r) => r.ownedBy)) {
    it(`${route.method.toUpperCase()} ${route.path} as another user → 404`, async () => {
      const res = await t.request(
        route.method.toUpperCase(),
        `/api/v1${pathFor(route, fixture)}${SAMPLE_QUERIES[key(route)] ?? ''}`,
        {
          token: intruder.token,
          body: SAMPLE_BODIES[key(route)],
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    });
  }

  for (const route of ALL_ROUTES.filter((r) => r.auth === 'admin')) {
    it(`${route.method.toUpperCase()} ${route.path} as a member → 403`, async () => {
      const res = await t.request(route.method.toUpperCase(), `/api/v1${pathFor(route, fixture)}`, {
        token: intruder.token,
        body: SAMPLE_BODIES[key(route)],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });
  }

  for (const route of ALL_ROUTES.filter((r) => r.auth !== 'public')) {
    it(`${route.method.toUpperCase()} ${route.path} without credentials → 401`, async () => {
      const path = route.ownedBy || route.auth === 'admin' ? pathFor(route, fixture) : route.path;
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
    // The intruder's "check now" and "apply redirect" reached nothing.
    expect(res.body.evidence[0]).toMatchObject({
      status: 'unchecked',
      lastCheckedAt: null,
      url: 'https://example.test/a',
    });
    const me = await t.request('GET', '/api/v1/auth/me', { token: owner.token });
    expect(me.status).toBe(200);
  });
});
