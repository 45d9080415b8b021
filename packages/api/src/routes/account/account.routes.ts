import { z } from 'zod';
import { deleteAccount } from '../../commands/delete-account.js';
import { exportPortfolio } from '../../commands/export-portfolio.js';
import { createApiKey, revokeApiKey } from '../../commands/manage-api-keys.js';
import { ApiKey, AuditEvent, RefreshToken } from '../../db/entities/index.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentApiKey } from '../../presenters/present-api-key.js';
import { ZApiKeyParams, ZApiKeyView, ZCreateApiKey, ZDeleteAccount } from './schema.js';

export const accountRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/account/export',
    tag: 'account',
    summary:
      'Download everything the account owns (portfolio, API keys without secrets, sessions, audit trail)',
    auth: 'user',
    async handler({ em, services, principal }) {
      const portfolio = await exportPortfolio({ em, services, ownerId: principal.userId });
      const [keys, audit, sessions] = await Promise.all([
        em.find(ApiKey, { owner: principal.userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(AuditEvent, { actorId: principal.userId }, { orderBy: { createdAt: 'asc' } }),
        em.count(RefreshToken, { owner: principal.userId, revokedAt: null, rotatedAt: null }),
      ]);
      return {
        body: {
          format: 'dossier-account-export',
          version: 1,
          exportedAt: portfolio.exportedAt,
          account: portfolio.profile,
          portfolio,
          apiKeys: keys.map(presentApiKey),
          activeSessions: sessions,
          auditEvents: audit.map((a) => ({
            action: a.action,
            entityType: a.entityType,
            entityId: a.entityId ?? null,
            at: a.createdAt.toISOString(),
          })),
        },
        headers: {
          'Content-Disposition': `attachment; filename="dossier-account-${portfolio.exportedAt.slice(0, 10)}.json"`,
        },
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
    async handler({ em, principal, input, requestId }) {
      await deleteAccount({ em, userId: principal.userId, password: input.body.password, requestId });
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
];
