import type { ExportInput, ExportOutput, TDocumentContent } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ExportLog } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { queryCitedEvidence } from './query-cited-evidence.js';
import { findDocumentVersion } from './query-documents.js';
import { renderDocument } from './render-document.js';

export type BrokenEvidenceMode = NonNullable<NonNullable<ExportInput['options']>['brokenEvidence']>;

type LinkStatus = TDocumentContent['sections'][number]['items'][number]['links'][number]['status'];
const UNAVAILABLE = new Set(['broken', 'blocked']);

/**
 * The content with every evidence link's status as the link checker last saw it: the stored copy is as old as
 * the version, and exporters decide from it whether to keep, mark or omit a link.
 */
export function refreshLinkStatuses(
  content: TDocumentContent,
  statusById: ReadonlyMap<string, string>,
): TDocumentContent {
  return {
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({
        ...item,
        links: item.links.map((link) => {
          const status = link.evidenceId ? statusById.get(link.evidenceId) : undefined;
          return status ? { ...link, status: status as LinkStatus } : link;
        }),
      })),
    })),
  };
}

const TEXTUAL = /^(text\/|application\/(json|xml)|[^;]*\+(json|xml))/;
const htmlEscaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Which evidence went out in a file: the links the exporter keeps under the broken-evidence rule, and, for a
 * textual format, only those whose URL is actually in the text (JSON Resume keeps one link per entry).
 */
export function evidenceInOutput(
  content: TDocumentContent,
  output: ExportOutput,
  mode: BrokenEvidenceMode,
): string[] {
  const text = TEXTUAL.test(output.mediaType) ? new TextDecoder().decode(output.bytes) : null;
  const ids = new Set<string>();
  for (const section of content.sections) {
    for (const item of section.items) {
      for (const link of item.links) {
        if (!link.evidenceId) continue;
        if (mode === 'omit' && UNAVAILABLE.has(link.status ?? '')) continue;
        const url = link.url.trim();
        if (text !== null && !text.includes(url) && !text.includes(htmlEscaped(url))) continue;
        ids.add(link.evidenceId);
      }
    }
  }
  return [...ids];
}

/** A file name that survives every browser and file system: ASCII letters, digits, spaces, `-_.()`. */
export function safeFilename(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${base || 'document'}.${extension.replace(/[^A-Za-z0-9]/g, '') || 'bin'}`;
}

/**
 * Renders one version of a document in a format, with link statuses refreshed from the evidence rows, and
 * records an export log of the evidence in the file (what the link checker re-checks first).
 */
export async function exportDocument({
  em,
  services,
  ownerId,
  documentId,
  format,
  version,
  brokenEvidence,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  documentId: string;
  format: string;
  version?: number;
  brokenEvidence?: BrokenEvidenceMode;
}): Promise<{ output: ExportOutput; filename: string; version: number; evidenceIds: string[] }> {
  const { document, version: row } = await findDocumentVersion(em, { ownerId, documentId, number: version });
  if (format === 'json-resume' && row.content.kind !== 'cv') {
    throw new AppError('UNPROCESSABLE', 'JSON Resume has no cover-letter form; export a CV instead', {
      details: { format },
    });
  }
  const evidence = await queryCitedEvidence(em, ownerId, row.content);
  const content = refreshLinkStatuses(row.content, new Map(evidence.map((e) => [e.id, e.status])));
  const output = await renderDocument({
    services,
    content,
    format,
    options: brokenEvidence ? { brokenEvidence } : undefined,
  });
  const evidenceIds = evidenceInOutput(content, output, brokenEvidence ?? 'keep');
  em.create(ExportLog, { owner: ownerId, document: documentId, version: row.number, format, evidenceIds });
  await em.flush();
  return {
    output,
    filename: safeFilename(document.title, output.extension),
    version: row.number,
    evidenceIds,
  };
}
