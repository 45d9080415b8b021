import type { TDocumentContent } from './document-content.js';

/**
 * The words a reader (or an ATS) sees in the content, one piece per line: the name and headline, headings,
 * titles, prose, bullets and skills; never URLs.
 */
export function contentToText(content: TDocumentContent): string {
  const lines: string[] = [content.profile.name];
  if (content.profile.headline) lines.push(content.profile.headline);
  for (const section of content.sections) {
    if (section.heading) lines.push(section.heading);
    for (const item of section.items) {
      for (const part of [item.title, item.subtitle, item.text]) if (part) lines.push(part);
      lines.push(...item.bullets);
      if (item.skills.length > 0) lines.push(item.skills.join(', '));
    }
  }
  return lines.join('\n');
}
