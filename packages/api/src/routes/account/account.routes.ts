import { z } from 'zod';
import { deleteAccount } from '../../commands/delete-account.js';
import { exportAccount } from '../../commands/export-account.js';
import { createApiKey, revokeApiKey } from '../../commands/manage-api-keys.js';
import { endOtherSessions, endSession, listSessions } from '../../commands/manage-sessions.js';
import { changePassword, updateAccount } from '../../commands/update-account.js';
import { ApiKey } from '../../db/entities/index.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentApiKey } from '../../presenters/present-api-key.js';
import { ZMe, ZSession } from '../auth/schema.js';
import {
  ZApiKeyParams,
  ZApiKeyView,
  ZChangePassword,
  ZCreateApiKey,
  ZDeleteAccount,
  ZSessionParams,
  ZSessionView,
  ZUpdateAccount,
} from './schema.js';

export const accountRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/account/export',
    tag: 'account',
    summary:
      'Download everything the account owns: portfolio, job descriptions, documents with every version, generations, exports, share links, imports, notifications, token usage, API keys (no secrets), sessions, audit trail',
    auth: 'user',
    async handler({ em, services, principal }) {
      const body = await exportAccount({ em, services, ownerId: principal.userId });
      return {
        body,
        headers: {
          'Content-Disposition': `attachment; filename="dossier-account-${body.exportedAt.slice(0, 10)}.json"`,
        },
      };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/account',
    tag: 'account',
    summary: 'Change the name and/or e-mail (a new e-mail needs the current password)',
    auth: 'user',
    body: ZUpdateAccount,
    response: { status: 200, schema: ZMe },
    async handler({ em, principal, input, requestId }) {
      const user = await updateAccount({ em, userId: principal.userId, input: input.body, requestId });
      return { body: { user } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/account/password',
    tag: 'account',
    summary:
      'Change the password (the current one is required); every session is ended, its access tokens included, and a new one returned',
    auth: 'user',
    body: ZChangePassword,
    response: { status: 200, schema: ZSession },
    async handler({ ctx, em, services, principal, input, requestId }) {
      return {
        body: await changePassword({
          em,
          services,
          userId: principal.userId,
          currentPassword: input.body.currentPassword,
          newPassword: input.body.newPassword,
          userAgent: ctx.get('user-agent'),
          requestId,
        }),
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/account',
    tag: 'account',
    summary: 'Delete the account and everything it owns (requires the password)',
    auth: 'user',
    body: ZDeleteAccount,
    response: { status: 204 },
    async handler({ em, services, principal, input, requestId }) {
      await deleteAccount({
        em,
        services,
        userId: principal.userId,
        password: input.body.password,
        requestId,
      });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/account/api-keys',
    tag: 'account',
    summary: 'List API keys (never their secrets)',
    auth: 'user',
    response: { status: 200, schema: z.object({ items: z.array(ZApiKeyView) }) },
    async handler({ em, principal }) {
      const keys = await em.find(ApiKey, { owner: principal.userId }, { orderBy: { createdAt: 'desc' } });
      return { body: { items: keys.map(presentApiKey) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/account/api-keys',
    tag: 'account',
    summary: 'Create an API key; the key is returned once',
    auth: 'user',
    body: ZCreateApiKey,
    response: { status: 201, schema: ZApiKeyView.extend({ key: z.string() }) },
    async handler({ em, principal, input, requestId }) {
      const key = await createApiKey({ em, ownerId: principal.userId, name: input.body.name, requestId });
      return { status: 201, body: { ...key, lastUsedAt: null } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/account/api-keys/:id',
    tag: 'account',
    summary: 'Revoke an API key',
    auth: 'user',
    params: ZApiKeyParams,
    ownedBy: 'api-key',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      await revokeApiKey({ em, ownerId: principal.userId, id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/account/sessions',
    tag: 'account',
    summary: 'List the active sessions (sign-ins) of the account; `current` marks the one asking',
    auth: 'user',
    response: { status: 200, schema: z.object({ items: z.array(ZSessionView) }) },
    async handler({ em, principal }) {
      const items = await listSessions({
        em,
        userId: principal.userId,
        ...(principal.sessionId ? { currentSessionId: principal.sessionId } : {}),
      });
      return { body: { items } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/account/sessions/end-others',
    tag: 'account',
    summary:
      'Sign out everywhere else: every session but the current one ends at once (all of them with an API key)',
    auth: 'user',
    response: { status: 200, schema: z.object({ ended: z.number().int() }) },
    async handler({ em, services, principal, requestId }) {
      const ended = await endOtherSessions({
        em,
        services,
        userId: principal.userId,
        currentSessionId: principal.sessionId,
        requestId,
      });
      return { body: { ended } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/account/sessions/:id',
    tag: 'account',
    summary: 'End one session: its refresh token is revoked and its access tokens refused at once',
    auth: 'user',
    params: ZSessionParams,
    ownedBy: 'session',
    response: { status: 204 },
    async handler({ em, services, principal, input, requestId }) {
      await endSession({ em, services, userId: principal.userId, sessionId: input.params.id, requestId });
      return { status: 204 };
    },
  }),
];
