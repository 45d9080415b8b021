import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../http/define-route.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import {
  createRouteFixture,
  pathFor,
  type RouteFixture,
  SAMPLE_QUERIES,
} from '../test-support/route-fixture.js';
import { signUpAdmin } from '../test-support/sign-up-admin.js';
import { ALL_ROUTES } from './index.js';

// The OpenAPI document is built from each route's response schema; this holds the routes to it. Every route is
// called as its resources' owner with a valid request, and an answer with the documented status must match the
// documented schema (what a generated client would rely on).

let t: TestContext;
let owner: Awaited<ReturnType<TestContext['signUp']>>;
let adminToken: string;
let fixture: RouteFixture;
let bodies: Record<string, unknown>;

beforeAll(async () => {
  t = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '100000' });
  owner = await t.signUp();
  ({ fixture, bodies } = await createRouteFixture(t, owner));
  adminToken = await signUpAdmin(t);
});
afterAll(() => t.close());

const key = (r: AnyRoute) => `${r.method} ${r.path}`;
// Deleting routes go last, so the others still find the fixture's resources.
const ordered = [...ALL_ROUTES].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
// These answer with something other than JSON (a stream, a file, a page) or end the session the walk uses.
const NOT_JSON = new Set([
  'get /generations/:id/events',
  'post /export/:documentId',
  'get /eval/runs/:id/report.html',
]);
const SKIPPED = new Set(['delete /account', 'post /auth/logout']);

describe('responses match their documented schemas', () => {
  const checked: string[] = [];
  for (const route of ordered) {
    const name = key(route);
    if (!route.response?.schema || NOT_JSON.has(name) || SKIPPED.has(name)) continue;
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const path = route.ownedBy || route.auth === 'admin' ? pathFor(route, fixture) : route.path;
      const res = await t.request(route.method.toUpperCase(), `/api/v1${path}${SAMPLE_QUERIES[name] ?? ''}`, {
        token: route.auth === 'admin' ? adminToken : owner.token,
        body: bodies[name],
      });
      if (res.status !== route.response!.status) return; // refused (a sample that is not valid here): no contract
      const parsed = route.response!.schema!.safeParse(res.body);
      expect(
        parsed.success,
        `${name}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))}`,
      ).toBe(true);
      checked.push(name);
    });
  }

  it('checked most routes (a walk that checks nothing proves nothing)', () => {
    expect(checked.length).toBeGreaterThan(25);
  });
});
