import { skillFilterId } from '../../commands/derive-artifact-skills.js';
import { queryArtifacts } from '../../commands/query-artifacts.js';
import { createArtifact, updateArtifact } from '../../commands/save-artifact.js';
import { moveArtifactsToTrash } from '../../commands/trash-artifacts.js';
import { notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute, type RouteContext } from '../../http/define-route.js';
import { presentArtifact } from '../../presenters/present-artifact.js';
import { renderArtifactPage } from '../../presenters/render-artifact-page.js';
import {
  ZArtifactCreate,
  ZArtifactListQuery,
  ZArtifactPage,
  ZArtifactParams,
  ZArtifactUpdate,
  ZArtifactView,
} from './schema.js';

export async function loadArtifactView(
  { em, services }: Pick<RouteContext, 'em' | 'services'>,
  ownerId: string,
  id: string,
) {
  const { rows } = await queryArtifacts(em, { ownerId, ids: [id], limit: 1 });
  if (!rows[0]) throw notFound('Artifact');
  return presentArtifact(
    rows[0],
    services.cipher,
    services.taxonomy,
    services.config.evidence.archiveEndpoint,
  );
}

export const artifactRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/artifacts',
    tag: 'artifacts',
    summary: 'Create an artifact with its evidence links and labels',
    auth: 'user',
    body: ZArtifactCreate,
    response: { status: 201, schema: ZArtifactView },
    async handler(rc) {
      const id = await createArtifact({ ...rc, ownerId: rc.principal.userId, input: rc.input.body });
      return {
        status: 201,
        body: await loadArtifactView(rc, rc.principal.userId, id),
        headers: { Location: `/api/v1/artifacts/${id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/artifacts',
    tag: 'artifacts',
    summary: 'List artifacts with filters and cursor pagination',
    auth: 'user',
    query: ZArtifactListQuery,
    response: { status: 200, schema: ZArtifactPage },
    async handler({ em, services, principal, input }) {
      const { skill, ...rest } = input.query;
      const { rows, nextCursor } = await queryArtifacts(em, {
        ...rest,
        ownerId: principal.userId,
        skillId: skill ? skillFilterId(services.taxonomy, skill) : undefined,
      });
      // Written as JSON text from the cards (same value as presentArtifact per item; see render-artifact-page).
      return {
        body: renderArtifactPage(
          rows,
          nextCursor,
          services.cipher,
          services.taxonomy,
          services.config.evidence.archiveEndpoint,
        ),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/artifacts/:id',
    tag: 'artifacts',
    summary: 'Get one artifact',
    auth: 'user',
    params: ZArtifactParams,
    ownedBy: 'artifact',
    response: { status: 200, schema: ZArtifactView },
    async handler(rc) {
      return { body: await loadArtifactView(rc, rc.principal.userId, rc.input.params.id) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/artifacts/:id',
    tag: 'artifacts',
    summary: 'Update an artifact (labelIds replaces the set)',
    auth: 'user',
    params: ZArtifactParams,
    body: ZArtifactUpdate,
    ownedBy: 'artifact',
    response: { status: 200, schema: ZArtifactView },
    async handler(rc) {
      await updateArtifact({
        ...rc,
        ownerId: rc.principal.userId,
        id: rc.input.params.id,
        input: rc.input.body,
      });
      return { body: await loadArtifactView(rc, rc.principal.userId, rc.input.params.id) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/artifacts/:id',
    tag: 'artifacts',
    summary:
      'Delete an artifact and its evidence links: they move to the trash, restorable for DOSSIER_TRASH_DAYS (30)',
    auth: 'user',
    params: ZArtifactParams,
    ownedBy: 'artifact',
    response: { status: 204 },
    async handler(rc) {
      await moveArtifactsToTrash({ ...rc, ownerId: rc.principal.userId, ids: [rc.input.params.id] });
      return { status: 204 };
    },
  }),
];
