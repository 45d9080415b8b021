import { definePlugin } from '@dossier/core/plugins';
import { type ExportItem, type ExportView, prepareExportView } from './prepare-export-view.js';

function renderItem(item: ExportItem, view: ExportView): string[] {
  const out: string[] = [];
  if (item.isSkillGroup) return [`${item.title ? `${item.title}: ` : ''}${item.skills.join(', ')}`];
  if (item.title) out.push(item.title);
  const meta = [item.subtitle, item.dates].filter((part): part is string => part !== null);
  if (meta.length > 0) out.push(meta.join(' | '));
  if (item.text) out.push(item.text);
  // A hyphen, not "•": plain-text readers and ATS parsers agree on what it means.
  for (const bullet of item.bullets) out.push(`- ${bullet}`);
  if (item.skills.length > 0 && view.kind === 'cv') out.push(`Stack: ${item.skills.join(', ')}`);
  for (const link of item.links) {
    out.push(`Evidence: ${link.label}${link.footnote !== null ? ` [${link.footnote}]` : ''} <${link.url}>`);
  }
  out.push('');
  return out;
}

/** Plain text for ATS forms and e-mail bodies: no markup, headings on their own line, URLs written out. */
export function renderText(view: ExportView): string {
  const out: string[] = [view.name];
  if (view.headline) out.push(view.headline);
  const contact = [view.email, view.phone, view.location].filter((part): part is string => part !== null);
  if (contact.length > 0) out.push(contact.join(' | '));
  for (const link of view.profileLinks) out.push(`${link.label}: ${link.url}`);
  out.push('');
  if (view.kind === 'cover-letter') {
    for (const line of [view.letterDate, view.company]) if (line) out.push(line);
    out.push('');
  }
  for (const section of view.sections) {
    if (section.heading) out.push(section.heading.toUpperCase(), '');
    for (const item of section.items) out.push(...renderItem(item, view));
  }
  if (view.footnotes.length > 0) {
    out.push('EVIDENCE LINKS', '');
    for (const note of view.footnotes) out.push(`[${note.number}] ${note.label}: ${note.url}`);
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export const textExporter = definePlugin({
  name: 'txt-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Renders a CV or cover letter to ATS-friendly plain text.',
  create() {
    return {
      format: 'txt',
      async export({ content, options }, ctx) {
        ctx.signal.throwIfAborted();
        const text = renderText(prepareExportView(content, options));
        return {
          bytes: new TextEncoder().encode(text),
          mediaType: 'text/plain; charset=utf-8',
          extension: 'txt',
        };
      },
    };
  },
});
