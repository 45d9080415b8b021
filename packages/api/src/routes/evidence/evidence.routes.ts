import { listEvidence } from '../../commands/list-evidence.js';
import { addEvidence, deleteEvidence, updateEvidence } from '../../commands/save-evidence.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentEvidenceLink } from '../../presenters/present-evidence-link.js';
import {
  ZEvidenceCollectionParams,
  ZEvidenceCreate,
  ZEvidenceItemParams,
  ZEvidenceList,
  ZEvidenceUpdate,
  ZEvidenceView,
} from './schema.js';

export const evidenceRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/artifacts/:id/evidence',
    tag: 'evidence',
    summary: "List an artifact's evidence links with their latest check",
    auth: 'user',
    params: ZEvidenceCollectionParams,
    ownedBy: 'artifact',
    response: { status: 200, schema: ZEvidenceList },
    async handler({ em, services, principal, input }) {
      const links = await listEvidence({ em, ownerId: principal.userId, artifactId: input.params.id });
      return { body: { items: links.map((l) => presentEvidenceLink(l, services.cipher)) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/artifacts/:id/evidence',
    tag: 'evidence',
    summary: 'Add an evidence link to an artifact (status starts as unchecked)',
    auth: 'user',
    params: ZEvidenceCollectionParams,
    body: ZEvidenceCreate,
    ownedBy: 'artifact',
    response: { status: 201, schema: ZEvidenceView },
    async handler(rc) {
      const artifactId = rc.input.params.id;
      const link = await addEvidence({
        ...rc,
        ownerId: rc.principal.userId,
        artifactId,
        input: rc.input.body,
      });
      return {
        status: 201,
        body: presentEvidenceLink(link, rc.services.cipher),
        headers: { Location: `/api/v1/artifacts/${artifactId}/evidence/${link.id}` },
      };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/artifacts/:id/evidence/:evidenceId',
    tag: 'evidence',
    summary: 'Update an evidence link (a changed URL resets its status to unchecked)',
    auth: 'user',
    params: ZEvidenceItemParams,
    body: ZEvidenceUpdate,
    ownedBy: 'evidence',
    response: { status: 200, schema: ZEvidenceView },
    async handler(rc) {
      const { id: artifactId, evidenceId } = rc.input.params;
      const link = await updateEvidence({
        ...rc,
        ownerId: rc.principal.userId,
        artifactId,
        evidenceId,
        input: rc.input.body,
      });
      return { body: presentEvidenceLink(link, rc.services.cipher) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/artifacts/:id/evidence/:evidenceId',
    tag: 'evidence',
    summary: 'Remove an evidence link',
    auth: 'user',
    params: ZEvidenceItemParams,
    ownedBy: 'evidence',
    response: { status: 204 },
    async handler(rc) {
      const { id: artifactId, evidenceId } = rc.input.params;
      await deleteEvidence({ ...rc, ownerId: rc.principal.userId, artifactId, evidenceId });
      return { status: 204 };
    },
  }),
];
