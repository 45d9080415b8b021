import { applyEvidenceRedirect } from '../../commands/apply-evidence-redirect.js';
import { checkEvidenceNow } from '../../commands/check-evidence.js';
import { listEvidence } from '../../commands/list-evidence.js';
import { queryEvidenceHealth } from '../../commands/query-evidence-health.js';
import { addEvidence, deleteEvidence, updateEvidence } from '../../commands/save-evidence.js';
import { EvidenceLink } from '../../db/entities/index.js';
import { notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentEvidence } from '../../presenters/present-artifact.js';
import { presentEvidenceChecks, presentEvidenceLink } from '../../presenters/present-evidence-link.js';
import {
  ZEvidenceCheckList,
  ZEvidenceCheckResult,
  ZEvidenceCollectionParams,
  ZEvidenceCreate,
  ZEvidenceHealthView,
  ZEvidenceItemParams,
  ZEvidenceLinkParams,
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
      return {
        body: {
          items: links.map((l) =>
            presentEvidenceLink(l, services.cipher, services.config.evidence.archiveEndpoint),
          ),
        },
      };
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
        body: presentEvidenceLink(link, rc.services.cipher, rc.services.config.evidence.archiveEndpoint),
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
      return {
        body: presentEvidenceLink(link, rc.services.cipher, rc.services.config.evidence.archiveEndpoint),
      };
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
  defineRoute({
    method: 'get',
    path: '/evidence/health',
    tag: 'evidence',
    summary:
      "The user's evidence health (share of verifiable links that are valid, target 0.95) and the links needing attention",
    auth: 'user',
    response: { status: 200, schema: ZEvidenceHealthView },
    async handler({ em, services, principal }) {
      const { health, attention } = await queryEvidenceHealth(em, principal.userId);
      const endpoint = services.config.evidence.archiveEndpoint;
      return {
        body: {
          health,
          attention: attention.map((row) => ({
            ...presentEvidence(row, services.cipher, endpoint),
            artifactId: row.artifactId,
            artifactTitle: row.artifactTitle,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/evidence/:id/check',
    tag: 'evidence',
    summary:
      'Check an evidence link now (rate limited per user; a failure counts toward broken like any other)',
    auth: 'user',
    params: ZEvidenceLinkParams,
    ownedBy: 'evidence-link',
    response: { status: 200, schema: ZEvidenceCheckResult },
    async handler({ em, services, principal, input, requestId }) {
      const link = await checkEvidenceNow({
        em,
        services,
        ownerId: principal.userId,
        evidenceId: input.params.id,
        requestId,
      });
      return {
        body: {
          evidence: presentEvidenceLink(link, services.cipher, services.config.evidence.archiveEndpoint),
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/evidence/:id/apply-redirect',
    tag: 'evidence',
    summary: "Replace a redirected link's URL with its permanent redirect target (409 when there is none)",
    auth: 'user',
    params: ZEvidenceLinkParams,
    ownedBy: 'evidence-link',
    response: { status: 200, schema: ZEvidenceCheckResult },
    async handler(rc) {
      const link = await applyEvidenceRedirect({
        em: rc.em,
        services: rc.services,
        ownerId: rc.principal.userId,
        evidenceId: rc.input.params.id,
        requestId: rc.requestId,
      });
      const endpoint = rc.services.config.evidence.archiveEndpoint;
      return { body: { evidence: presentEvidenceLink(link, rc.services.cipher, endpoint) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/evidence/:id/checks',
    tag: 'evidence',
    summary: "An evidence link's last 10 checks, newest first",
    auth: 'user',
    params: ZEvidenceLinkParams,
    ownedBy: 'evidence-link',
    response: { status: 200, schema: ZEvidenceCheckList },
    async handler({ em, services, principal, input }) {
      const link = await em.findOne(EvidenceLink, { id: input.params.id, owner: principal.userId });
      if (!link) throw notFound('Evidence link');
      return { body: { items: presentEvidenceChecks(link.history ?? [], services.cipher) } };
    },
  }),
];
