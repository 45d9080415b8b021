import { definePlugin } from '@dossier/core/plugins';
import {
  type ExportItem,
  type ExportLink,
  type ExportView,
  isSafeUrl,
  prepareExportView,
} from './prepare-export-view.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text and attribute values alike; every piece of content goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1a1a1a;font:10.5pt/1.45 "DejaVu Sans",Arial,Helvetica,sans-serif}
main{max-width:48rem;margin:0 auto;padding:2rem 2.25rem}
h1{font-size:1.9em;margin:0 0 .1em}
h2{font-size:1.15em;margin:1.2em 0 .4em;padding-bottom:.15em;border-bottom:1px solid #9a9a9a}
h3{font-size:1em;margin:.8em 0 .1em}
p{margin:.2em 0 .45em}
ul{margin:.2em 0 .4em;padding-left:1.3em}
.headline,.meta,.stack,.evidence,.contact{color:#505050}
.meta,.stack,.evidence,.contact{font-size:.92em}
a{color:#1a4f9c}
.unavailable{color:#8a1f11}
@page{margin:16mm}
@media print{main{padding:0;max-width:none}a{color:inherit}h2,h3{break-after:avoid}li,p{break-inside:avoid}}
`.trim();

function anchor(label: string, url: string, className?: string): string {
  const cls = className ? ` class="${className}"` : '';
  if (!isSafeUrl(url)) return `<span${cls}>${escapeHtml(label)}</span>`;
  return `<a href="${escapeHtml(url.trim())}"${cls}>${escapeHtml(label)}</a>`;
}

function evidence(links: ExportLink[]): string {
  const parts = links.map((link) => {
    const note = link.footnote !== null ? ` <sup>[${link.footnote}]</sup>` : '';
    return anchor(link.label, link.url, link.broken ? 'unavailable' : undefined) + note;
  });
  return `<p class="evidence">Evidence: ${parts.join(' · ')}</p>`;
}

const paragraph = (text: string, className?: string): string =>
  `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

function renderItem(item: ExportItem, view: ExportView): string {
  if (item.isSkillGroup) {
    const label = item.title ? `<strong>${escapeHtml(item.title)}:</strong> ` : '';
    return `<p>${label}${escapeHtml(item.skills.join(', '))}</p>`;
  }
  const out: string[] = [];
  if (item.title) out.push(`<h3>${escapeHtml(item.title)}</h3>`);
  const meta = [item.subtitle, item.dates].filter((part): part is string => part !== null);
  if (meta.length > 0) out.push(paragraph(meta.join(' | '), 'meta'));
  if (item.text) out.push(paragraph(item.text));
  if (item.bullets.length > 0) {
    out.push(`<ul>${item.bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>`);
  }
  if (item.skills.length > 0 && view.kind === 'cv')
    out.push(paragraph(`Stack: ${item.skills.join(', ')}`, 'stack'));
  if (item.links.length > 0) out.push(evidence(item.links));
  return `<article id="${escapeHtml(item.id)}">${out.join('')}</article>`;
}

/** A self-contained, print-friendly page: inline CSS, no scripts, no external resources. */
export function renderHtml(view: ExportView): string {
  const contact = [
    view.email ? anchor(view.email, `mailto:${view.email}`) : null,
    view.phone ? escapeHtml(view.phone) : null,
    view.location ? escapeHtml(view.location) : null,
    ...view.profileLinks.map((l) => anchor(l.label || l.url, l.url)),
  ].filter((part): part is string => part !== null);
  const body: string[] = [`<header><h1>${escapeHtml(view.name)}</h1>`];
  if (view.headline) body.push(paragraph(view.headline, 'headline'));
  if (contact.length > 0) body.push(`<p class="contact">${contact.join(' | ')}</p>`);
  body.push('</header>');
  if (view.kind === 'cover-letter') {
    for (const line of [view.letterDate, view.company]) if (line) body.push(paragraph(line, 'meta'));
  }
  for (const section of view.sections) {
    const heading = section.heading ? `<h2>${escapeHtml(section.heading)}</h2>` : '';
    const items = section.items.map((item) => renderItem(item, view)).join('');
    body.push(`<section id="${escapeHtml(section.id)}">${heading}${items}</section>`);
  }
  if (view.footnotes.length > 0) {
    const notes = view.footnotes
      .map((n) => `<li value="${n.number}">${escapeHtml(n.label)}: ${anchor(n.url, n.url)}</li>`)
      .join('');
    body.push(`<section id="evidence-links"><h2>Evidence links</h2><ol>${notes}</ol></section>`);
  }
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Dossier">',
    `<title>${escapeHtml(view.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body><main>${body.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

export const htmlExporter = definePlugin({
  name: 'html-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Renders a CV or cover letter to a self-contained, print-friendly HTML page.',
  create() {
    return {
      format: 'html',
      async export({ content, options }, ctx) {
        ctx.signal.throwIfAborted();
        const html = renderHtml(prepareExportView(content, options));
        return {
          bytes: new TextEncoder().encode(html),
          mediaType: 'text/html; charset=utf-8',
          extension: 'html',
        };
      },
    };
  },
});
