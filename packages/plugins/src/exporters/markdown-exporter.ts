import { definePlugin } from '@dossier/core/plugins';
import {
  type ExportItem,
  type ExportLink,
  type ExportView,
  prepareExportView,
} from './prepare-export-view.js';

/** Escapes what Markdown would read as markup, so a generated "*" or "<script>" stays literal text. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_{}[\]<>|#~]/g, '\\$&')
    .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

// Parentheses and spaces would end a Markdown link target early.
const escapeUrl = (url: string): string => url.trim().replace(/[()\s<>]/g, (c) => encodeURIComponent(c));

const link = (label: string, url: string): string => `[${escapeMarkdown(label)}](${escapeUrl(url)})`;

function linkLine(links: ExportLink[]): string {
  const parts = links.map((l) => link(l.label, l.url) + (l.footnote !== null ? ` [${l.footnote}]` : ''));
  return `Evidence: ${parts.join(' · ')}`;
}

function renderItem(item: ExportItem, view: ExportView): string[] {
  const out: string[] = [];
  if (item.isSkillGroup) {
    const label = item.title ? `**${escapeMarkdown(item.title)}:** ` : '';
    return [`${label}${item.skills.map(escapeMarkdown).join(', ')}`, ''];
  }
  if (item.title) out.push(`### ${escapeMarkdown(item.title)}`, '');
  const meta = [item.subtitle, item.dates].filter((part): part is string => part !== null);
  if (meta.length > 0) out.push(`*${meta.map(escapeMarkdown).join(' | ')}*`, '');
  // Two trailing spaces keep a letter's "Kind regards,\nName" on two lines.
  if (item.text) out.push(escapeMarkdown(item.text).replace(/\n/g, '  \n'), '');
  if (item.bullets.length > 0) out.push(...item.bullets.map((b) => `- ${escapeMarkdown(b)}`), '');
  if (item.skills.length > 0 && view.kind === 'cv') {
    out.push(`Stack: ${item.skills.map(escapeMarkdown).join(', ')}`, '');
  }
  if (item.links.length > 0) out.push(linkLine(item.links), '');
  return out;
}

/** Renders the view as CommonMark: `#` name, `##` sections, `###` entries. */
export function renderMarkdown(view: ExportView): string {
  const out: string[] = [`# ${escapeMarkdown(view.name)}`, ''];
  if (view.headline) out.push(`**${escapeMarkdown(view.headline)}**`, '');
  const contact = [
    view.email ? link(view.email, `mailto:${view.email}`) : null,
    view.phone ? escapeMarkdown(view.phone) : null,
    view.location ? escapeMarkdown(view.location) : null,
    ...view.profileLinks.map((l) => link(l.label || l.url, l.url)),
  ].filter((part): part is string => part !== null);
  if (contact.length > 0) out.push(contact.join(' | '), '');
  if (view.kind === 'cover-letter') {
    for (const line of [view.letterDate, view.company]) if (line) out.push(escapeMarkdown(line), '');
  }
  for (const section of view.sections) {
    if (section.heading) out.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const item of section.items) out.push(...renderItem(item, view));
  }
  if (view.footnotes.length > 0) {
    out.push('## Evidence links', '');
    for (const note of view.footnotes)
      out.push(`${note.number}. ${link(note.label, note.url)}: <${escapeUrl(note.url)}>`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export const markdownExporter = definePlugin({
  name: 'md-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Renders a CV or cover letter to Markdown.',
  create() {
    return {
      format: 'md',
      async export({ content, options }, ctx) {
        ctx.signal.throwIfAborted();
        const markdown = renderMarkdown(prepareExportView(content, options));
        return {
          bytes: new TextEncoder().encode(markdown),
          mediaType: 'text/markdown; charset=utf-8',
          extension: 'md',
        };
      },
    };
  },
});
