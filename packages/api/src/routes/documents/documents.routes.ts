import { diffDocumentVersions } from '../../commands/diff-document-versions.js';
import { queryCitedEvidence } from '../../commands/query-cited-evidence.js';
import {
  findDocument,
  findDocumentVersion,
  listDocumentVersions,
  queryDocuments,
} from '../../commands/query-documents.js';
import { reviseDocument } from '../../commands/revise-document.js';
import { saveDocument } from '../../commands/save-document.js';
import { moveDocumentToTrash } from '../../commands/trash-documents.js';
import { type AnyRoute, defineRoute, type RouteContext } from '../../http/define-route.js';
import {
  presentDocument,
  presentDocumentDetail,
  presentVersion,
  presentVersionSummary,
} from '../../presenters/present-document.js';
import {
  ZDocumentDiff,
  ZDocumentDiffQuery,
  ZDocumentListQuery,
  ZDocumentPage,
  ZDocumentParams,
  ZDocumentSummary,
  ZDocumentUpdate,
  ZDocumentVersionList,
  ZDocumentVersionParams,
  ZDocumentVersionView,
  ZDocumentView,
} from './schema.js';

/** A document with its current version and the live state of every evidence link the version cites. */
export async function loadDocumentView(
  { em, services }: Pick<RouteContext, 'em' | 'services'>,
  ownerId: string,
  id: string,
) {
  const { document, version } = await findDocumentVersion(em, { ownerId, documentId: id });
  const evidence = await queryCitedEvidence(em, ownerId, version.content);
  return presentDocumentDetail(document, version, evidence, services.cipher);
}

export const documentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/documents',
    tag: 'documents',
    summary: 'List generated documents, most recently updated first',
    auth: 'user',
    query: ZDocumentListQuery,
    response: { status: 200, schema: ZDocumentPage },
    async handler({ em, principal, input }) {
      const { rows, nextCursor } = await queryDocuments(em, { ...input.query, ownerId: principal.userId });
      return { body: { items: rows.map(presentDocument), nextCursor } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id',
    tag: 'documents',
    summary: 'Get a document with its current version and the status of the evidence it cites',
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZDocumentView },
    async handler(rc) {
      return { body: await loadDocumentView(rc, rc.principal.userId, rc.input.params.id) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/documents/:id',
    tag: 'documents',
    summary: 'Save edited content as a new version (sources checked, ATS report recomputed)',
    auth: 'user',
    params: ZDocumentParams,
    body: ZDocumentUpdate,
    ownedBy: 'document',
    response: { status: 201, schema: ZDocumentView },
    async handler(rc) {
      const { id } = rc.input.params;
      const number = await reviseDocument({
        ...rc,
        ownerId: rc.principal.userId,
        id,
        content: rc.input.body.content,
        baseVersion: rc.input.body.baseVersion,
      });
      return {
        status: 201,
        body: await loadDocumentView(rc, rc.principal.userId, id),
        headers: { Location: `/api/v1/documents/${id}/versions/${number}` },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/documents/:id',
    tag: 'documents',
    summary:
      'Delete a document: it moves to the trash with its versions and export logs (restorable for DOSSIER_TRASH_DAYS); its share links end',
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 204 },
    async handler(rc) {
      await moveDocumentToTrash({ ...rc, ownerId: rc.principal.userId, id: rc.input.params.id });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id/versions',
    tag: 'documents',
    summary: "List a document's versions, newest first",
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZDocumentVersionList },
    async handler({ em, principal, input }) {
      await findDocument(em, principal.userId, input.params.id);
      const rows = await listDocumentVersions(em, input.params.id);
      return { body: { items: rows.map(presentVersionSummary) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id/versions/:n',
    tag: 'documents',
    summary: 'Get one version of a document',
    auth: 'user',
    params: ZDocumentVersionParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZDocumentVersionView },
    async handler({ em, principal, input }) {
      const { version } = await findDocumentVersion(em, {
        ownerId: principal.userId,
        documentId: input.params.id,
        number: input.params.n,
      });
      return { body: presentVersion(version) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id/diff',
    tag: 'documents',
    summary: 'Compare two versions by section and item',
    auth: 'user',
    params: ZDocumentParams,
    query: ZDocumentDiffQuery,
    ownedBy: 'document',
    response: { status: 200, schema: ZDocumentDiff },
    async handler({ em, principal, input }) {
      const ownerId = principal.userId;
      const documentId = input.params.id;
      const { from, to } = input.query;
      const a = await findDocumentVersion(em, { ownerId, documentId, number: from });
      const b = from === to ? a : await findDocumentVersion(em, { ownerId, documentId, number: to });
      return {
        body: { from, to, changes: diffDocumentVersions(a.version.content, b.version.content) },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/documents/:id/save',
    tag: 'documents',
    summary: 'Keep a document: it no longer expires',
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZDocumentSummary },
    async handler(rc) {
      const ownerId = rc.principal.userId;
      await saveDocument({ ...rc, ownerId, id: rc.input.params.id });
      return { body: presentDocument(await findDocument(rc.em, ownerId, rc.input.params.id)) };
    },
  }),
];
