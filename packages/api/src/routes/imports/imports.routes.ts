import { commitImport } from '../../commands/commit-import.js';
import { cleanFilename, createImport } from '../../commands/create-import.js';
import { discardImport } from '../../commands/discard-import.js';
import { findImportedDuplicates } from '../../commands/find-imported-duplicates.js';
import { DEFAULT_UPLOAD_LIMITS, IMPORT_MEDIA_TYPES, inspectUpload } from '../../commands/inspect-upload.js';
import { queryImports } from '../../commands/query-imports.js';
import { ImportJob } from '../../db/entities/index.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { type MultipartBody, readMultipart } from '../../http/read-multipart.js';
import { presentImport, presentImportSummary } from '../../presenters/present-import.js';
import {
  type TImportCreate,
  ZImportAccepted,
  ZImportCommit,
  ZImportCommitted,
  ZImportCreate,
  ZImportListQuery,
  ZImportPage,
  ZImportParams,
  ZImportView,
} from './schema.js';

const FILE_FIELD = 'file';

/** Exactly one part, a file named `file`; anything else is named in the 400, like an unknown JSON field. */
function pickFile(form: MultipartBody) {
  const issues: Array<{ path: string; message: string; code: string }> = [];
  const extra = [
    ...Object.keys(form.fields),
    ...form.files.filter((f) => f.field !== FILE_FIELD).map((f) => f.field),
  ];
  if (extra.length) {
    issues.push({
      path: 'body',
      message: `Unknown field(s): ${extra.join(', ')}`,
      code: 'unrecognized_keys',
    });
  }
  const files = form.files.filter((f) => f.field === FILE_FIELD);
  if (files.length !== 1) {
    issues.push({
      path: `body.${FILE_FIELD}`,
      message: files.length ? 'Send one file at a time' : 'A file part named "file" is required',
      code: files.length ? 'too_big' : 'invalid_type',
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'Invalid request body', { details: { issues } });
  return files[0]!;
}

/** The JSON alternative, as the file a user would have uploaded. */
function fromJsonBody(body: TImportCreate) {
  const file =
    'jsonResume' in body
      ? {
          filename: 'resume.json',
          mediaType: IMPORT_MEDIA_TYPES.jsonResume,
          text: JSON.stringify(body.jsonResume),
        }
      : 'portfolio' in body
        ? {
            filename: 'portfolio.json',
            mediaType: IMPORT_MEDIA_TYPES.dossierPortfolio,
            text: JSON.stringify(body.portfolio),
          }
        : { filename: 'resume.md', mediaType: IMPORT_MEDIA_TYPES.markdown, text: body.markdown };
  const bytes = new TextEncoder().encode(file.text);
  if (bytes.byteLength > DEFAULT_UPLOAD_LIMITS.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The resume exceeds ${DEFAULT_UPLOAD_LIMITS.maxBytes} bytes`);
  }
  return { filename: file.filename, mediaType: file.mediaType, bytes };
}

export const importRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/artifacts/import',
    tag: 'imports',
    summary:
      'Import a resume or restore a Dossier export (multipart `file`: PDF, DOCX, Markdown, JSON Resume or a Dossier portfolio/account export, ≤ 10 MB; or JSON {jsonResume} / {markdown} / {portfolio}); parsed in the background',
    auth: 'user',
    feature: 'artifactUpload',
    multipart: true,
    body: ZImportCreate,
    response: { status: 202, schema: ZImportAccepted },
    async handler({ ctx, em, services, principal, input, requestId }) {
      let file: { filename: string; mediaType: string; bytes: Uint8Array };
      if (ctx.state.multipart) {
        const form = await readMultipart(ctx.req, ctx.get('content-type'), {
          maxFileBytes: DEFAULT_UPLOAD_LIMITS.maxBytes,
        });
        const part = pickFile(form);
        const filename = cleanFilename(part.filename, 'upload');
        const { mediaType } = inspectUpload({ filename, contentType: part.contentType, bytes: part.bytes });
        file = { filename, mediaType, bytes: part.bytes };
      } else {
        file = fromJsonBody(input.body);
      }
      const created = await createImport({ em, services, ownerId: principal.userId, file, requestId });
      return { status: 202, body: created, headers: { Location: `/api/v1/imports/${created.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/imports',
    tag: 'imports',
    summary: "List the user's recent imports, newest first",
    auth: 'user',
    feature: 'artifactUpload',
    query: ZImportListQuery,
    response: { status: 200, schema: ZImportPage },
    async handler({ em, principal, input }) {
      const { rows, nextCursor } = await queryImports({ em, ownerId: principal.userId, query: input.query });
      return { body: { items: rows.map(presentImportSummary), nextCursor } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/imports/:id',
    tag: 'imports',
    summary: 'Get an import: its status, the proposed profile and artifacts, or the parse error',
    auth: 'user',
    feature: 'artifactUpload',
    params: ZImportParams,
    ownedBy: 'import',
    response: { status: 200, schema: ZImportView },
    async handler({ em, principal, input }) {
      const job = await em.findOne(
        ImportJob,
        { id: input.params.id, owner: principal.userId },
        { exclude: ['payload'] },
      );
      if (!job) throw notFound('Import');
      const duplicates =
        job.status === 'ready' && job.proposal
          ? await findImportedDuplicates(em, principal.userId, job.proposal)
          : undefined;
      return { body: presentImport(job, duplicates) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/imports/:id/commit',
    tag: 'imports',
    summary:
      'Create the chosen proposed artifacts (indexes, or "all") with their evidence, in one transaction',
    auth: 'user',
    feature: 'artifactUpload',
    params: ZImportParams,
    body: ZImportCommit,
    ownedBy: 'import',
    response: { status: 201, schema: ZImportCommitted },
    async handler({ em, services, principal, input, requestId }) {
      const result = await commitImport({
        em,
        services,
        ownerId: principal.userId,
        id: input.params.id,
        input: input.body,
        requestId,
      });
      return { status: 201, body: result };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/imports/:id/discard',
    tag: 'imports',
    summary: 'Discard an import: its file and proposal are deleted',
    auth: 'user',
    feature: 'artifactUpload',
    params: ZImportParams,
    ownedBy: 'import',
    response: { status: 204 },
    async handler({ em, principal, input, requestId }) {
      await discardImport({ em, ownerId: principal.userId, id: input.params.id, requestId });
      return { status: 204 };
    },
  }),
];
