import { createNotification } from '../commands/create-notification.js';
import { issueSession } from '../commands/issue-session.js';
import { Generation, User } from '../db/entities/index.js';
import type { AnyRoute } from '../http/define-route.js';
import { createTestContext, type TestContext } from './create-test-context.js';
import { createTestDocument } from './create-test-document.js';
import { signUpAdmin } from './sign-up-admin.js';

// One resource of every kind, owned by one user, and a valid body per route: what the walks over every registered
// route (the authorization and audit matrices, the hostile-input and response-contract walks) call them with.

/** A valid body per route, so that validation passes and authorization is what decides. */
export const SAMPLE_BODIES: Readonly<Record<string, unknown>> = {
  'post /auth/logout': { refreshToken: 'dsr_0000000000000000' },
  'post /artifacts': { title: 'x', summary: 'y', startDate: '2024-01-01' },
  'patch /artifacts/:id': { title: 'stolen' },
  'post /artifacts/:id/evidence': { url: 'https://example.test/x' },
  'patch /artifacts/:id/evidence/:evidenceId': { title: 'stolen' },
  'post /labels': { name: 'x' },
  'patch /labels/:id': { name: 'stolen' },
  // Completed with the owner's artifact by createRouteFixture.
  'post /labels/:id/artifacts': { add: ['00000000-0000-4000-8000-00000000a001'] },
  // Completed with the owner's artifact by createRouteFixture: moved to the trash, then restored.
  'post /trash': { ids: ['00000000-0000-4000-8000-00000000a001'] },
  'post /trash/restore': { ids: ['00000000-0000-4000-8000-00000000a001'] },
  'delete /account': { password: 'wrong password' },
  'patch /account': { name: 'Renamed' },
  'post /account/password': { currentPassword: 'wrong password', newPassword: 'another long password' },
  'post /account/api-keys': { name: 'x' },
  'post /job-descriptions': { text: 'Senior Backend Engineer\nRequirements\n- 5+ years of Go' },
  'post /generate/cv': { jobDescriptionText: 'Senior Backend Engineer\nRequirements\n- Go' },
  'post /generate/cover-letter': { jobDescriptionText: 'Senior Backend Engineer\nRequirements\n- Go' },
  'post /artifacts/import': { markdown: '# Mine\n\n## Projects\n\n### X (2020)\n- y' },
  'post /imports/:id/commit': { artifacts: 'all' },
  'post /export/:documentId': { format: 'md' },
  'post /documents/:id/shares': {},
  'post /eval/runs': {},
};

/** Query strings routes need to pass validation. */
export const SAMPLE_QUERIES: Record<string, string> = {
  'get /documents/:id/diff': '?from=1&to=1',
};

export interface RouteFixture {
  artifactId: string;
  evidenceId: string;
  labelId: string;
  apiKeyId: string;
  /** A second session of the owner (not the one the walk's token belongs to). */
  sessionId: string;
  /** An artifact of the owner's in the trash. */
  trashId: string;
  /** A document of the owner's in the trash. */
  trashedDocumentId: string;
  /** A label of the owner's in the trash. */
  trashedLabelId: string;
  jobDescriptionId: string;
  notificationId: string;
  documentId: string;
  shareId: string;
  importId: string;
  generationId: string;
}

/** Administrator routes are not per-owner: any well-formed id reaches the role check. */
export const ADMIN_ID = '00000000-0000-4000-8000-0000000000ad';

export function pathFor(route: AnyRoute, f: RouteFixture): string {
  const ids: Record<string, string> = {};
  if (route.auth === 'admin') return route.path.replace(/:([A-Za-z]+)/g, () => ADMIN_ID);
  switch (route.ownedBy) {
    case 'artifact':
      ids.id = f.artifactId;
      break;
    case 'evidence':
      ids.id = f.artifactId;
      ids.evidenceId = f.evidenceId;
      break;
    case 'evidence-link':
      ids.id = f.evidenceId;
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
    case 'session':
      ids.id = f.sessionId;
      break;
    case 'trash':
      ids.id = f.trashId;
      break;
    case 'trash-document':
      ids.id = f.trashedDocumentId;
      break;
    case 'trash-label':
      ids.id = f.trashedLabelId;
      break;
    case 'job-description':
      ids.id = f.jobDescriptionId;
      break;
    case 'notification':
      ids.id = f.notificationId;
      break;
    case 'document':
      ids.id = f.documentId;
      ids.documentId = f.documentId;
      ids.n = '1';
      break;
    case 'share':
      ids.id = f.documentId;
      ids.shareId = f.shareId;
      break;
    case 'import':
      ids.id = f.importId;
      break;
    case 'generation':
      ids.id = f.generationId;
      break;
  }
  return route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = ids[name];
    if (!v)
      throw new Error(`${route.method.toUpperCase()} ${route.path}: no fixture id for :${name}; set ownedBy`);
    return v;
  });
}

/** Every kind of resource, owned by `owner`, and the sample bodies completed with what needs a real resource. */
export async function createRouteFixture(
  t: TestContext,
  owner: { token: string; userId: string },
): Promise<{ fixture: RouteFixture; bodies: Record<string, unknown> }> {
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
  const trashed = await t.request('POST', '/api/v1/artifacts', {
    token: owner.token,
    body: { title: 'Binned', summary: 'Deleted', startDate: '2023-01-01' },
  });
  await t.request('DELETE', `/api/v1/artifacts/${trashed.body.id}`, { token: owner.token });
  const binnedLabel = await t.request('POST', '/api/v1/labels', {
    token: owner.token,
    body: { name: 'Binned' },
  });
  await t.request('DELETE', `/api/v1/labels/${binnedLabel.body.id}`, { token: owner.token });
  const key = await t.request('POST', '/api/v1/account/api-keys', {
    token: owner.token,
    body: { name: 'k' },
  });
  if (artifact.status !== 201) throw new Error(JSON.stringify(artifact.body) + JSON.stringify(label.body));
  const doc = await createTestDocument(t, owner);
  const binnedDoc = await createTestDocument(t, owner, { title: 'Binned CV' });
  await t.request('DELETE', `/api/v1/documents/${binnedDoc.id}`, { token: owner.token });
  // Any valid content will do: ownership is decided before the content is looked at.
  const bodies: Record<string, unknown> = {
    ...SAMPLE_BODIES,
    'patch /documents/:id': { content: doc.content },
    'post /labels/:id/artifacts': { add: [artifact.body.id] },
    'post /trash': { ids: [artifact.body.id] },
    'post /trash/restore': { ids: [artifact.body.id] },
  };
  const share = await t.request('POST', `/api/v1/documents/${doc.id}/shares`, {
    token: owner.token,
    body: {},
  });
  const upload = await t.request('POST', '/api/v1/artifacts/import', {
    token: owner.token,
    body: bodies['post /artifacts/import'],
  });
  const em = t.services.orm.em.fork();
  const note = await createNotification({ em, ownerId: owner.userId, type: 'test', title: 'x' });
  const generation = em.create(Generation, {
    owner: owner.userId,
    kind: 'cv',
    jobDescription: doc.jobDescriptionId!,
    inputs: {
      labelIds: [],
      include: [],
      exclude: [],
      generator: 'template',
      tone: 'formal',
      length: 'standard',
      force: false,
    },
    requestHash: 'f'.repeat(64),
    status: 'failed',
  });
  await em.flush();
  for (const [name, res] of [
    ['share', share],
    ['upload', upload],
  ] as const) {
    if (res.status >= 300) throw new Error(`${name} fixture: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const fixture: RouteFixture = {
    artifactId: artifact.body.id,
    evidenceId: artifact.body.evidence[0].id,
    labelId: label.body?.id ?? '00000000-0000-4000-8000-000000000000',
    apiKeyId: key.body.id,
    sessionId: await secondSession(t, owner.userId),
    trashId: trashed.body.id,
    trashedDocumentId: binnedDoc.id,
    trashedLabelId: binnedLabel.body.id,
    jobDescriptionId: doc.jobDescriptionId!,
    notificationId: note,
    documentId: doc.id,
    shareId: share.body.id,
    importId: upload.body.id,
    generationId: generation.id,
  };
  return { fixture, bodies };
}

/** Signs the owner in once more (a session of its own) and returns that session's id. */
async function secondSession(t: TestContext, userId: string): Promise<string> {
  const em = t.services.orm.em.fork();
  const user = await em.findOneOrFail(User, { id: userId });
  const session = await issueSession({ em, services: t.services, user, userAgent: 'route fixture' });
  const claims = await t.services.signer.verify(session.accessToken);
  return claims.sid!;
}

export const routeKey = (route: AnyRoute) => `${route.method} ${route.path}`;

/** Every route, deleting ones last, so a walk's earlier calls still find the fixture's resources. */
export const withDeletesLast = (routes: readonly AnyRoute[]) =>
  [...routes].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));

/** What a walk over every route calls it with: the owner's fixture, and an administrator for admin routes. */
export interface RouteWalk {
  t: TestContext;
  owner: Awaited<ReturnType<TestContext['signUp']>>;
  fixture: RouteFixture;
  bodies: Record<string, unknown>;
  /** The route's path with the fixture's ids (the path itself when it has none). */
  path(route: AnyRoute): string;
  /** The owner's token, or an administrator's for an administrator route. */
  token(route: AnyRoute): string;
}

/** A test API with one user owning one of everything, and an administrator; the walk's rate limit is lifted. */
export async function startRouteWalk(): Promise<RouteWalk> {
  const t = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '10000000' });
  const owner = await t.signUp();
  const { fixture, bodies } = await createRouteFixture(t, owner);
  const adminToken = await signUpAdmin(t);
  return {
    t,
    owner,
    fixture,
    bodies,
    path: (route) => (route.ownedBy || route.auth === 'admin' ? pathFor(route, fixture) : route.path),
    token: (route) => (route.auth === 'admin' ? adminToken : owner.token),
  };
}
