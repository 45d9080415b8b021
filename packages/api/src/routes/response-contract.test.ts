import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RouteWalk,
  routeKey,
  SAMPLE_QUERIES,
  startRouteWalk,
  withDeletesLast,
} from '../test-support/route-fixture.js';
import { ALL_ROUTES } from './index.js';

// The OpenAPI document is built from each route's response schema; this holds the routes to it. Every route is
// called as its resources' owner with a valid request, and an answer with the documented status must match the
// documented schema (what a generated client would rely on).

let walk: RouteWalk;
beforeAll(async () => {
  walk = await startRouteWalk();
});
afterAll(() => walk.t.close());

const ordered = withDeletesLast(ALL_ROUTES);
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
    const name = routeKey(route);
    if (!route.response?.schema || NOT_JSON.has(name) || SKIPPED.has(name)) continue;
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const res = await walk.t.request(
        route.method.toUpperCase(),
        `/api/v1${walk.path(route)}${SAMPLE_QUERIES[name] ?? ''}`,
        { token: walk.token(route), body: walk.bodies[name] },
      );
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
