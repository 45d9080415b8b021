import { createShareLink } from '../../commands/create-share-link.js';
import { findDocument } from '../../commands/query-documents.js';
import { revokeShareLink } from '../../commands/revoke-share-link.js';
import { ShareLink } from '../../db/entities/index.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentShareLink } from '../../presenters/present-share-link.js';
import { ZDocumentParams } from '../documents/schema.js';
import { ZShareCreate, ZShareCreated, ZShareList, ZShareParams } from './schema.js';

export const shareRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/documents/:id/shares',
    tag: 'shares',
    summary: 'Create a public read-only link (the token is shown once)',
    auth: 'user',
    params: ZDocumentParams,
    body: ZShareCreate,
    ownedBy: 'document',
    response: { status: 201, schema: ZShareCreated },
    async handler(rc) {
      const { expiresInDays, version } = rc.input.body;
      const link = await createShareLink({
        ...rc,
        ownerId: rc.principal.userId,
        documentId: rc.input.params.id,
        version,
        expiresInDays,
      });
      return {
        status: 201,
        body: {
          id: link.id,
          url: `/s/${link.token}`,
          token: link.token,
          expiresAt: link.expiresAt.toISOString(),
        },
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id/shares',
    tag: 'shares',
    summary: "List a document's share links, newest first (tokens are never shown again)",
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZShareList },
    async handler({ em, principal, input }) {
      await findDocument(em, principal.userId, input.params.id);
      const links = await em.find(
        ShareLink,
        { document: input.params.id, owner: principal.userId },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      return { body: { items: links.map(presentShareLink) } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/documents/:id/shares/:shareId',
    tag: 'shares',
    summary: 'Revoke a share link',
    auth: 'user',
    params: ZShareParams,
    ownedBy: 'share',
    response: { status: 204 },
    async handler(rc) {
      await revokeShareLink({
        ...rc,
        ownerId: rc.principal.userId,
        documentId: rc.input.params.id,
        shareId: rc.input.params.shareId,
      });
      return { status: 204 };
    },
  }),
];
