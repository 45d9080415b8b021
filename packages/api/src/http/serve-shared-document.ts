import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { exportDocument, refreshLinkStatuses } from '../commands/export-document.js';
import { queryCitedEvidence } from '../commands/query-cited-evidence.js';
import { findDocumentVersion } from '../commands/query-documents.js';
import { renderDocument } from '../commands/render-document.js';
import { type ResolvedShare, resolveShareLink } from '../commands/resolve-share-link.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';

/** Public page views per client address per hour. */
export const SHARED_PAGE_LIMIT_PER_HOUR = 300;

// The exporter's page carries its own inline <style>; nothing else may load or run.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Readers of a shared CV are recruiters: a dead link does more harm than none. */
const SHARED_BROKEN_EVIDENCE = 'omit' as const;

const BANNER_STYLE = `<style>
.dossier-share{display:flex;justify-content:space-between;align-items:center;gap:1rem;max-width:48rem;margin:0 auto;
padding:.6rem 2.25rem;font:10pt/1.4 Arial,Helvetica,sans-serif;color:#505050;border-bottom:1px solid #ddd}
.dossier-share a{color:#1a4f9c}
@media print{.dossier-share{display:none}}
</style>`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function messagePage(title: string, message: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font:11pt/1.5 Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:36rem;margin:4rem auto;padding:0 1.5rem}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
    '<p>Shared with Dossier.</p></body></html>',
    '',
  ].join('\n');
}

/** Adds the "Shared with Dossier" bar (and the PDF link) to the exporter's page without touching its content. */
export function decorateSharedPage(html: string, pdfHref: string | null): string {
  const link = pdfHref ? `<a href="${escapeHtml(pdfHref)}" download>Download PDF</a>` : '';
  const banner = `<div class="dossier-share" role="banner"><span>Shared with Dossier</span>${link}</div>`;
  const meta = '<meta name="robots" content="noindex, nofollow">';
  let out = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${meta}${BANNER_STYLE}</head>`) : html;
  out = /<body[^>]*>/i.test(out)
    ? out.replace(/<body[^>]*>/i, (tag) => `${tag}${banner}`)
    : `${meta}${BANNER_STYLE}${banner}${out}`;
  return out;
}

function sendPage(ctx: Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', PAGE_CSP);
  ctx.body = html;
}

const NOT_FOUND_PAGE = messagePage(
  'Link not available',
  'This shared document does not exist, has expired, or its owner stopped sharing it.',
);

/**
 * The public side of share links: `GET /s/:token` (the document as a print-friendly HTML page) and
 * `GET /s/:token/pdf`. No login; limited per client address; never indexed or cached. An unknown, revoked or
 * expired token is a 404 page that does not say which. Errors are pages too, never the API's JSON.
 */
export function createSharedDocumentRouter(services: Services): Router {
  const router = new Router();

  const guard =
    (serve: (ctx: Context, em: EntityManager, share: ResolvedShare) => Promise<void>) =>
    async (ctx: Context) => {
      ctx.set('X-Robots-Tag', 'noindex, nofollow');
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      try {
        const address = ctx.ip || ctx.socket.remoteAddress || 'unknown';
        const decision = await services.rateLimiter.consume(
          `share:ip:${address}`,
          SHARED_PAGE_LIMIT_PER_HOUR,
          3600,
        );
        if (!decision.allowed) {
          ctx.set('Retry-After', String(decision.retryAfter));
          sendPage(ctx, 429, messagePage('Too many requests', 'Please try again later.'));
          return;
        }
        const em = services.orm.em.fork() as EntityManager;
        const share = await resolveShareLink({
          em,
          token: String(ctx.params.token ?? ''),
          now: services.clock(),
        });
        if (!share) {
          sendPage(ctx, 404, NOT_FOUND_PAGE);
          return;
        }
        await serve(ctx, em, share);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) {
          sendPage(ctx, 404, NOT_FOUND_PAGE);
          return;
        }
        if (error instanceof AppError && error.retryAfter !== undefined) {
          ctx.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfter))));
        }
        const status = error instanceof AppError && error.status !== 500 ? error.status : 500;
        if (status === 500) {
          services.logger.error({ err: error, requestId: ctx.state.requestId }, 'shared document failed');
        }
        sendPage(
          ctx,
          status,
          messagePage('Something went wrong', 'This document cannot be shown right now.'),
        );
      }
    };

  router.get(
    '/s/:token',
    guard(async (ctx, em, share) => {
      const { version } = await findDocumentVersion(em, {
        ownerId: share.ownerId,
        documentId: share.documentId,
        number: share.version,
      });
      const evidence = await queryCitedEvidence(em, share.ownerId, version.content);
      const content = refreshLinkStatuses(version.content, new Map(evidence.map((e) => [e.id, e.status])));
      const output = await renderDocument({
        services,
        content,
        format: 'html',
        options: { brokenEvidence: SHARED_BROKEN_EVIDENCE },
      });
      const pdfHref = services.config.features.exportPdf ? `/s/${ctx.params.token}/pdf` : null;
      sendPage(ctx, 200, decorateSharedPage(new TextDecoder().decode(output.bytes), pdfHref));
    }),
  );

  router.get(
    '/s/:token/pdf',
    guard(async (ctx, em, share) => {
      if (!services.config.features.exportPdf) {
        sendPage(ctx, 404, NOT_FOUND_PAGE);
        return;
      }
      const { output, filename } = await exportDocument({
        em,
        services,
        ownerId: share.ownerId,
        documentId: share.documentId,
        format: 'pdf',
        version: share.version,
        brokenEvidence: SHARED_BROKEN_EVIDENCE,
      });
      ctx.status = 200;
      ctx.type = output.mediaType;
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.body = Buffer.from(output.bytes);
    }),
  );

  return router;
}
