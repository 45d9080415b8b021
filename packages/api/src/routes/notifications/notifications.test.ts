import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotification } from '../../commands/create-notification.js';
import { AuditEvent, Notification } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

let t: TestContext;
type User = Awaited<ReturnType<TestContext['signUp']>>;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const fork = () => t.services.orm.em.fork() as EntityManager;

async function notify(user: User, n: number, prefix = 'Note') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await createNotification({
        em: fork(),
        ownerId: user.userId,
        type: 'generation.succeeded',
        title: `${prefix} ${i}`,
        body: i % 2 ? `Body ${i}` : null,
        link: `/documents/${i}`,
      }),
    );
    // Distinct creation times keep the newest-first order observable.
    await new Promise((r) => setTimeout(r, 3));
  }
  return ids;
}

const get = (path: string, user: User) => t.request('GET', `/api/v1${path}`, { token: user.token });
const post = (path: string, user: User) => t.request('POST', `/api/v1${path}`, { token: user.token });

describe('createNotification', () => {
  it('stores an unread notification and cuts over-long fields to the column sizes', async () => {
    const user = await t.signUp();
    const id = await createNotification({
      em: fork(),
      ownerId: user.userId,
      type: 'generation.failed',
      title: 'x'.repeat(400),
      link: '/tailor',
    });
    const row = await fork().findOneOrFail(Notification, id);
    expect(row.title).toHaveLength(300);
    expect(row.readAt).toBeNull();
    expect(row.body).toBeNull();
    expect(row.link).toBe('/tailor');
  });

  it('flushes pending work on the same entity manager in one go', async () => {
    const user = await t.signUp();
    const em = fork();
    em.create(AuditEvent, { actorId: user.userId, action: 'test.pending', entityType: 'test', data: {} });
    await createNotification({ em, ownerId: user.userId, type: 'x.y', title: 'With pending work' });
    expect(await fork().count(AuditEvent, { actorId: user.userId, action: 'test.pending' })).toBe(1);
  });
});

describe('GET /notifications', () => {
  it('lists newest first with whitelisted fields, the unread count and cursor pagination', async () => {
    const user = await t.signUp();
    await notify(user, 5);
    const first = await get('/notifications?limit=2', user);
    expect(first.status).toBe(200);
    expect(first.body.unreadCount).toBe(5);
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['Note 4', 'Note 3']);
    expect(Object.keys(first.body.items[0]).sort()).toEqual(
      ['body', 'createdAt', 'id', 'link', 'readAt', 'title', 'type'].sort(),
    );
    expect(first.body.items[0]).toMatchObject({
      type: 'generation.succeeded',
      body: null,
      link: '/documents/4',
      readAt: null,
    });
    expect(first.body.items[1].body).toBe('Body 3');
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { title: string }[]; nextCursor: string | null } } = await get(
        `/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        user,
      );
      titles.push(...page.body.items.map((n) => n.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['Note 4', 'Note 3', 'Note 2', 'Note 1', 'Note 0']);
  });

  it('filters to unread ones and never shows another user', async () => {
    const user = await t.signUp();
    const other = await t.signUp();
    const ids = await notify(user, 3);
    await notify(other, 2, 'Other');
    expect((await post(`/notifications/${ids[1]}/read`, user)).status).toBe(204);
    const unread = await get('/notifications?unread=true', user);
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[0]]);
    expect(unread.body.unreadCount).toBe(2);
    const all = await get('/notifications?unread=false', user);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items.every((n: { title: string }) => n.title.startsWith('Note'))).toBe(true);
  });

  it('rejects bad queries with 400', async () => {
    const user = await t.signUp();
    for (const q of ['unread=maybe', 'limit=0', 'limit=101', 'owner=x', 'cursor=not-a-cursor']) {
      const res = await get(`/notifications?${q}`, user);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('needs authentication', async () => {
    expect((await t.request('GET', '/api/v1/notifications')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/notifications/unread-count')).status).toBe(401);
    expect((await t.request('POST', '/api/v1/notifications/read-all')).status).toBe(401);
  });
});

describe('reading notifications', () => {
  it('marks one read (idempotently, keeping the first time) and counts the rest', async () => {
    const user = await t.signUp();
    const [a, b] = await notify(user, 2);
    expect((await get('/notifications/unread-count', user)).body).toEqual({ count: 2 });
    expect((await post(`/notifications/${a}/read`, user)).status).toBe(204);
    const readAt = (await fork().findOneOrFail(Notification, a!)).readAt;
    expect(readAt).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 5));
    expect((await post(`/notifications/${a}/read`, user)).status).toBe(204);
    expect((await fork().findOneOrFail(Notification, a!)).readAt).toEqual(readAt);
    expect((await get('/notifications/unread-count', user)).body).toEqual({ count: 1 });
    const listed = await get('/notifications', user);
    const item = listed.body.items.find((n: { id: string }) => n.id === a);
    expect(item.readAt).toBe(readAt!.toISOString());
    expect(listed.body.items.find((n: { id: string }) => n.id === b).readAt).toBeNull();
    const audits = await fork().count(AuditEvent, { actorId: user.userId, action: 'notification.read' });
    expect(audits).toBe(2);
  });

  it("answers 404 for another user's, an unknown or a malformed id, and leaves theirs unread", async () => {
    const user = await t.signUp();
    const other = await t.signUp();
    const [theirs] = await notify(other, 1);
    expect((await post(`/notifications/${theirs}/read`, user)).status).toBe(404);
    expect((await post('/notifications/00000000-0000-4000-8000-000000000000/read', user)).status).toBe(404);
    expect((await post('/notifications/not-a-uuid/read', user)).status).toBe(404);
    expect((await fork().findOneOrFail(Notification, theirs!)).readAt).toBeNull();
  });

  it('marks all read for this user only', async () => {
    const user = await t.signUp();
    const other = await t.signUp();
    await notify(user, 3);
    await notify(other, 2);
    const res = await post('/notifications/read-all', user);
    expect(res.status).toBe(204);
    expect((await get('/notifications/unread-count', user)).body.count).toBe(0);
    expect((await get('/notifications?unread=true', user)).body.items).toEqual([]);
    expect((await get('/notifications/unread-count', other)).body.count).toBe(2);
    expect((await post('/notifications/read-all', user)).status).toBe(204);
    const audit = await fork().findOne(AuditEvent, { actorId: user.userId, action: 'notification.read-all' });
    expect(audit?.data).toEqual({ updated: 3 });
  });

  it('answers a non-JSON body with 415', async () => {
    const user = await t.signUp();
    const res = await t.request('POST', '/api/v1/notifications/read-all', {
      token: user.token,
      rawBody: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });
});
