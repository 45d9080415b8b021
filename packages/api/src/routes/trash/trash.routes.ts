import { z } from 'zod';
import {
  listTrash,
  moveArtifactsToTrash,
  purgeTrash,
  restoreArtifacts,
} from '../../commands/trash-artifacts.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { loadArtifactView } from '../artifacts/artifacts.routes.js';
import { ZArtifactView } from '../artifacts/schema.js';
import { ZDeletedArtifactView, ZTrashIds, ZTrashParams } from './schema.js';

export const trashRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/trash',
    tag: 'trash',
    summary:
      'Deleted artifacts that can still be restored (at most 500), most recently deleted first, with their evidence links and the labels they carried',
    auth: 'user',
    response: { status: 200, schema: z.object({ items: z.array(ZDeletedArtifactView) }) },
    async handler({ em, services, principal }) {
      return { body: { items: await listTrash({ em, services, ownerId: principal.userId }) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/trash',
    tag: 'trash',
    summary:
      'Move several artifacts to the trash at once (all of them, or none when one is not yours) → {moved}',
    auth: 'user',
    body: ZTrashIds,
    response: { status: 200, schema: z.object({ moved: z.number().int() }) },
    async handler({ em, services, principal, input, requestId }) {
      const moved = await moveArtifactsToTrash({
        em,
        services,
        ownerId: principal.userId,
        ids: input.body.ids,
        requestId,
      });
      return { body: { moved } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/trash/restore',
    tag: 'trash',
    summary:
      'Restore several trashed artifacts at once (all of them, or none when one is not in your trash) → {restored}',
    auth: 'user',
    body: ZTrashIds,
    response: { status: 200, schema: z.object({ restored: z.number().int() }) },
    async handler({ em, services, principal, input, requestId }) {
      const restored = await restoreArtifacts({
        em,
        services,
        ownerId: principal.userId,
        ids: input.body.ids,
        requestId,
      });
      return { body: { restored } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/trash/:id/restore',
    tag: 'trash',
    summary:
      'Restore a deleted artifact with the same id, its evidence links (and their check history) and the labels that still exist',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash',
    response: { status: 200, schema: ZArtifactView },
    async handler(rc) {
      const { em, services, principal, input, requestId } = rc;
      await restoreArtifacts({ em, services, ownerId: principal.userId, ids: [input.params.id], requestId });
      return { body: await loadArtifactView(rc, principal.userId, input.params.id) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash/:id',
    tag: 'trash',
    summary: 'Delete one trashed artifact for good',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      await purgeTrash({ em, ownerId: principal.userId, id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash',
    tag: 'trash',
    summary: 'Empty the trash: every trashed artifact is deleted for good',
    auth: 'user',
    response: { status: 200, schema: z.object({ purged: z.number().int() }) },
    async handler({ em, principal, requestId }) {
      return { body: { purged: await purgeTrash({ em, ownerId: principal.userId, requestId }) } };
    },
  }),
];
