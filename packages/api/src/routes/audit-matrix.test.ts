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

// "An audit event for every mutation": every route that changes something (POST, PUT, PATCH, DELETE) is called
// with a valid request, and a successful answer must have left at least one new audit event. Routes that change
// nothing a user owns are listed below with the reason.

const NOT_MUTATIONS: Record<string, string> = {
  'post /auth/login':
    'a sign-in, not a change (audited as user.login all the same; the walk is signed in already)',
  'post /auth/refresh': 'exchanges a refresh token; the walk has none to spend',
  'post /export/:documentId': 'a download; recorded in the export log instead',
  'post /notifications/:id/read': 'marks one notification read: a view state, not a change to owned data',
  'post /notifications/read-all': 'marks notifications read: a view state, not a change to owned data',
};

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
const auditCount = async () =>
  (
    await t.services.orm.em
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int as n from audit_events')
  )[0]!.n;

/** Requests that change something only from a given state: that state first (the fixture's label is attached). */
const PREPARE: Record<string, (path: string) => Promise<unknown>> = {
  'put /labels/:id/artifacts/:artifactId': (path) =>
    t.request('DELETE', `/api/v1${path}`, { token: owner.token }),
};
/** A logout that ends a real session (the sample's token is no one's, and logging it out changes nothing). */
const BODIES: Record<string, () => unknown> = {
  'post /auth/logout': () => ({ refreshToken: owner.refreshToken }),
};

const mutations = ALL_ROUTES.filter((r) => r.method !== 'get' && key(r) !== 'delete /account').sort(
  (a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'),
);

describe('audit matrix: every successful mutation leaves an audit event', () => {
  const audited: string[] = [];
  for (const route of mutations) {
    const name = key(route);
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const path = route.ownedBy || route.auth === 'admin' ? pathFor(route, fixture) : route.path;
      await PREPARE[name]?.(path);
      const before = await auditCount();
      const res = await t.request(route.method.toUpperCase(), `/api/v1${path}${SAMPLE_QUERIES[name] ?? ''}`, {
        token: route.auth === 'admin' ? adminToken : owner.token,
        body: BODIES[name]?.() ?? bodies[name],
      });
      if (res.status >= 300) return; // refused: nothing changed, nothing to audit
      const added = (await auditCount()) - before;
      if (name in NOT_MUTATIONS) return;
      expect(added, `${name} answered ${res.status} and wrote no audit event`).toBeGreaterThan(0);
      audited.push(name);
    });
  }

  it('checked most of them (a walk whose requests all fail proves nothing)', () => {
    expect(audited.length).toBeGreaterThan(mutations.length / 2);
  });
});
