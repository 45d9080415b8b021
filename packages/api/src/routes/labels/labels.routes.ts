import { changeLabelArtifacts, linkLabel } from '../../commands/link-label.js';
import { queryLabels } from '../../commands/query-labels.js';
import { createLabel, updateLabel } from '../../commands/save-label.js';
import { moveLabelToTrash } from '../../commands/trash-labels.js';
import { notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute, type RouteContext } from '../../http/define-route.js';
import { presentLabel } from '../../presenters/present-label.js';
import {
  ZLabelArtifactParams,
  ZLabelArtifactsChange,
  ZLabelArtifactsChanged,
  ZLabelCreate,
  ZLabelList,
  ZLabelParams,
  ZLabelUpdate,
  ZLabelView,
} from './schema.js';

export async function loadLabelView({ em }: Pick<RouteContext, 'em'>, ownerId: string, id: string) {
  const [row] = await queryLabels(em, { ownerId, ids: [id] });
  if (!row) throw notFound('Label');
  return presentLabel(row);
}

export const labelRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/labels',
    tag: 'labels',
    summary: 'List your labels with the number of artifacts carrying each, by name',
    auth: 'user',
    response: { status: 200, schema: ZLabelList },
    async handler({ em, principal }) {
      const rows = await queryLabels(em, { ownerId: principal.userId });
      return { body: { items: rows.map(presentLabel) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/labels',
    tag: 'labels',
    summary: 'Create a label (names are unique per user, case-insensitively)',
    auth: 'user',
    body: ZLabelCreate,
    response: { status: 201, schema: ZLabelView },
    async handler(rc) {
      const id = await createLabel({ ...rc, ownerId: rc.principal.userId, input: rc.input.body });
      return {
        status: 201,
        body: await loadLabelView(rc, rc.principal.userId, id),
        headers: { Location: `/api/v1/labels/${id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/labels/:id',
    tag: 'labels',
    summary: 'Get one label',
    auth: 'user',
    params: ZLabelParams,
    ownedBy: 'label',
    response: { status: 200, schema: ZLabelView },
    async handler(rc) {
      return { body: await loadLabelView(rc, rc.principal.userId, rc.input.params.id) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/labels/:id',
    tag: 'labels',
    summary: 'Update a label',
    auth: 'user',
    params: ZLabelParams,
    body: ZLabelUpdate,
    ownedBy: 'label',
    response: { status: 200, schema: ZLabelView },
    async handler(rc) {
      await updateLabel({
        ...rc,
        ownerId: rc.principal.userId,
        id: rc.input.params.id,
        input: rc.input.body,
      });
      return { body: await loadLabelView(rc, rc.principal.userId, rc.input.params.id) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/labels/:id',
    tag: 'labels',
    summary:
      'Move a label to the trash (the artifacts it was on are kept; restoring it puts it back on them)',
    auth: 'user',
    params: ZLabelParams,
    ownedBy: 'label',
    response: { status: 204 },
    async handler(rc) {
      await moveLabelToTrash({ ...rc, ownerId: rc.principal.userId, id: rc.input.params.id });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/labels/:id/artifacts',
    tag: 'labels',
    summary: 'Attach a label to many artifacts and detach it from many at once (idempotent per artifact)',
    auth: 'user',
    params: ZLabelParams,
    body: ZLabelArtifactsChange,
    ownedBy: 'label',
    response: { status: 200, schema: ZLabelArtifactsChanged },
    async handler({ em, principal, input, requestId }) {
      const { add, remove } = input.body;
      return {
        body: await changeLabelArtifacts({
          em,
          ownerId: principal.userId,
          labelId: input.params.id,
          add,
          remove,
          requestId,
        }),
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/labels/:id/artifacts/:artifactId',
    tag: 'labels',
    summary: 'Attach a label to an artifact (idempotent)',
    auth: 'user',
    params: ZLabelArtifactParams,
    ownedBy: 'label-artifact',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      const { id, artifactId } = input.params;
      await linkLabel({ em, ownerId: principal.userId, labelId: id, artifactId, requestId, attach: true });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/labels/:id/artifacts/:artifactId',
    tag: 'labels',
    summary: 'Detach a label from an artifact (idempotent)',
    auth: 'user',
    params: ZLabelArtifactParams,
    ownedBy: 'label-artifact',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      const { id, artifactId } = input.params;
      await linkLabel({ em, ownerId: principal.userId, labelId: id, artifactId, requestId, attach: false });
      return { status: 204 };
    },
  }),
];
