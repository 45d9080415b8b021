import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RouteWalk,
  routeKey,
  SAMPLE_QUERIES,
  startRouteWalk,
  withDeletesLast,
} from '../test-support/route-fixture.js';
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

let walk: RouteWalk;
beforeAll(async () => {
  walk = await startRouteWalk();
});
afterAll(() => walk.t.close());

const auditCount = async () =>
  (
    await walk.t.services.orm.em
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int as n from audit_events')
  )[0]!.n;

/** Requests that change something only from a given state: that state first (the fixture's label is attached). */
const PREPARE: Record<string, (path: string) => Promise<unknown>> = {
  'put /labels/:id/artifacts/:artifactId': (path) =>
    walk.t.request('DELETE', `/api/v1${path}`, { token: walk.owner.token }),
  // The fixture's trashed artifact was restored earlier in the walk: delete it again, so there is one to purge.
  'delete /trash/:id': () =>
    walk.t.request('DELETE', `/api/v1/artifacts/${walk.fixture.trashId}`, { token: walk.owner.token }),
  'delete /trash/documents/:id': () =>
    walk.t.request('DELETE', `/api/v1/documents/${walk.fixture.trashedDocumentId}`, {
      token: walk.owner.token,
    }),
  'delete /trash': async () => {
    const binned = await walk.t.request('POST', '/api/v1/artifacts', {
      token: walk.owner.token,
      body: { title: 'Binned', summary: 'To purge', startDate: '2024-01-01' },
    });
    await walk.t.request('DELETE', `/api/v1/artifacts/${binned.body.id}`, { token: walk.owner.token });
  },
  // Another session to end (the password change before it ended every other one).
  'post /account/sessions/end-others': () =>
    walk.t.request('POST', '/api/v1/auth/login', {
      body: { email: walk.owner.email, password: walk.owner.password },
    }),
};
/**
 * Bodies that make the request a real change: a logout that ends a real session (the sample's token is no one's,
 * and logging it out changes nothing; nor is it the walk's own session, whose end would refuse every later
 * request), and so on.
 */
const BODIES: Record<string, () => unknown> = {
  'post /auth/logout': async () => {
    const other = await walk.t.request('POST', '/api/v1/auth/login', {
      body: { email: walk.owner.email, password: walk.owner.password },
    });
    return { refreshToken: other.body.refreshToken };
  },
  // The fixture's artifact has the fixture's label already: taking it off is the change.
  'post /labels/:id/artifacts': () => ({ remove: [walk.fixture.artifactId] }),
  'post /account/password': () => ({
    currentPassword: walk.owner.password,
    newPassword: 'another long password',
  }),
};

const mutations = withDeletesLast(
  ALL_ROUTES.filter((r) => r.method !== 'get' && routeKey(r) !== 'delete /account'),
);

describe('audit matrix: every successful mutation leaves an audit event', () => {
  const audited: string[] = [];
  for (const route of mutations) {
    const name = routeKey(route);
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const path = walk.path(route);
      await PREPARE[name]?.(path);
      const before = await auditCount();
      const res = await walk.t.request(
        route.method.toUpperCase(),
        `/api/v1${path}${SAMPLE_QUERIES[name] ?? ''}`,
        {
          token: walk.token(route),
          body: (await BODIES[name]?.()) ?? walk.bodies[name],
        },
      );
      if (res.status >= 300) return; // refused: nothing changed, nothing to audit
      // A password change ends every session, the walk's too: go on with the new one it answers.
      if (name === 'post /account/password') {
        walk.owner.token = res.body.accessToken;
        walk.owner.password = 'another long password';
      }
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
