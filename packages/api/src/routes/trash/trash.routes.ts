import { z } from 'zod';
import { emptyTrash, purgeTrashed } from '../../commands/manage-trash.js';
import { listTrash, moveArtifactsToTrash, restoreArtifacts } from '../../commands/trash-artifacts.js';
import { listDocumentTrash, restoreDocument } from '../../commands/trash-documents.js';
import { listLabelTrash, restoreLabel } from '../../commands/trash-labels.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { loadArtifactView } from '../artifacts/artifacts.routes.js';
import { ZArtifactView } from '../artifacts/schema.js';
import { loadDocumentView } from '../documents/documents.routes.js';
import { ZDocumentView } from '../documents/schema.js';
import { loadLabelView } from '../labels/labels.routes.js';
import { ZLabelView } from '../labels/schema.js';
import {
  ZDeletedArtifactView,
  ZDeletedDocumentView,
  ZDeletedLabelView,
  ZTrashIds,
  ZTrashParams,
} from './schema.js';

export const trashRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/trash',
    tag: 'trash',
    summary:
      'What can still be restored (at most 500 of each), most recently deleted first: artifacts with their evidence links and the labels they carried (items), documents (documents) and labels (labels)',
    auth: 'user',
    response: {
      status: 200,
      schema: z.object({
        items: z.array(ZDeletedArtifactView),
        documents: z.array(ZDeletedDocumentView),
        labels: z.array(ZDeletedLabelView),
      }),
    },
    async handler({ em, services, principal }) {
      const [items, documents, labels] = await Promise.all([
        listTrash({ em, services, ownerId: principal.userId }),
        listDocumentTrash({ em: em.fork(), ownerId: principal.userId }),
        listLabelTrash({ em: em.fork(), ownerId: principal.userId }),
      ]);
      return { body: { items, documents, labels } };
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
      await purgeTrashed({ em, ownerId: principal.userId, kind: 'artifact', id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/trash/documents/:id/restore',
    tag: 'trash',
    summary:
      'Restore a deleted document with the same id, every version and its export logs (not its share links, which ended with the delete)',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash-document',
    response: { status: 200, schema: ZDocumentView },
    async handler(rc) {
      const { em, principal, input, requestId } = rc;
      await restoreDocument({ em, ownerId: principal.userId, id: input.params.id, requestId });
      return { body: await loadDocumentView(rc, principal.userId, input.params.id) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash/documents/:id',
    tag: 'trash',
    summary: 'Delete one trashed document for good',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash-document',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      await purgeTrashed({ em, ownerId: principal.userId, kind: 'document', id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/trash/labels/:id/restore',
    tag: 'trash',
    summary:
      'Restore a deleted label with the same id, on the artifacts that carried it and still exist; a label of the same name made since → 409',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash-label',
    response: { status: 200, schema: ZLabelView },
    async handler(rc) {
      const { em, principal, input, requestId } = rc;
      await restoreLabel({ em, ownerId: principal.userId, id: input.params.id, requestId });
      return { body: await loadLabelView(rc, principal.userId, input.params.id) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash/labels/:id',
    tag: 'trash',
    summary: 'Delete one trashed label for good',
    auth: 'user',
    params: ZTrashParams,
    ownedBy: 'trash-label',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      await purgeTrashed({ em, ownerId: principal.userId, kind: 'label', id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash',
    tag: 'trash',
    summary:
      'Empty the trash: every trashed artifact, document and label is deleted for good → {purged, artifacts, documents, labels}',
    auth: 'user',
    response: {
      status: 200,
      schema: z.object({
        purged: z.number().int(),
        artifacts: z.number().int(),
        documents: z.number().int(),
        labels: z.number().int(),
      }),
    },
    async handler({ em, principal, requestId }) {
      const counts = await emptyTrash({ em, ownerId: principal.userId, requestId });
      return { body: { purged: counts.artifacts + counts.documents + counts.labels, ...counts } };
    },
  }),
];
