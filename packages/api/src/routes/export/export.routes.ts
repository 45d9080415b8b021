import { exportDocument } from '../../commands/export-document.js';
import { findDocument } from '../../commands/query-documents.js';
import { ExportLog } from '../../db/entities/index.js';
import { AppError } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentExportLog } from '../../presenters/present-export-log.js';
import { ZDocumentParams } from '../documents/schema.js';
import { ZExportLogList, ZExportParams, ZExportRequest } from './schema.js';

/** Formats behind a feature flag; the others are always on. */
const FORMAT_FEATURES = { pdf: 'exportPdf', docx: 'exportDocx' } as const;

/** How many export log rows the list returns, newest first. */
const EXPORT_LOG_LIMIT = 100;

export const exportRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/export/:documentId',
    tag: 'export',
    summary: 'Download a document version as PDF, DOCX, Markdown, HTML, text or JSON Resume',
    auth: 'user',
    params: ZExportParams,
    body: ZExportRequest,
    ownedBy: 'document',
    response: { status: 200, description: 'The file, as an attachment' },
    async handler({ em, services, principal, input }) {
      const { format, version, brokenEvidence } = input.body;
      const feature = FORMAT_FEATURES[format as keyof typeof FORMAT_FEATURES];
      if (feature && !services.config.features[feature]) {
        throw new AppError('FEATURE_DISABLED', `The feature "${feature}" is disabled on this server`);
      }
      const { output, filename } = await exportDocument({
        em,
        services,
        ownerId: principal.userId,
        documentId: input.params.documentId,
        format,
        version,
        brokenEvidence: brokenEvidence === 'include' ? 'keep' : brokenEvidence,
      });
      return {
        body: Buffer.from(output.bytes),
        headers: {
          'Content-Type': output.mediaType,
          'Content-Disposition': `attachment; filename="${filename}"`,
          'Cache-Control': 'no-store',
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:id/exports',
    tag: 'export',
    summary: "List a document's exports with the evidence each file carried, newest first",
    auth: 'user',
    params: ZDocumentParams,
    ownedBy: 'document',
    response: { status: 200, schema: ZExportLogList },
    async handler({ em, principal, input }) {
      await findDocument(em, principal.userId, input.params.id);
      const logs = await em.find(
        ExportLog,
        { document: input.params.id, owner: principal.userId },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: EXPORT_LOG_LIMIT },
      );
      return { body: { items: logs.map(presentExportLog) } };
    },
  }),
];
