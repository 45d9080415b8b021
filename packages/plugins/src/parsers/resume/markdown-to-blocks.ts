import { stripInlineMarkdown } from '../shared/strip-inline-markdown.js';
import { createBlock, type ResumeBlock, type ResumeLink } from './resume-block.js';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)(?:[-*+•·▪◦‣●○■]|\d{1,2}[.)])\s+(.*)$/u;
const RULE = /^\s*(?:[-*_]\s*){3,}$/;
const SETEXT = /^\s*(=+|-+)\s*$/;
const MD_LINK = /\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+"[^"]*")?\s*\)/g;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^>\s]+)>/gi;

function readLinks(line: string): ResumeLink[] {
  const links: ResumeLink[] = [];
  for (const match of line.matchAll(MD_LINK))
    links.push({ label: stripInlineMarkdown(match[1]!), url: match[2]! });
  for (const match of line.matchAll(AUTOLINK))
    links.push({ label: match[1]!.replace(/^mailto:/i, ''), url: match[1]! });
  return links;
}

const plain = (line: string): string =>
  stripInlineMarkdown(line.replace(AUTOLINK, '$1'))
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Markdown (or the Markdown-ish text of a converted Word document) → resume blocks, one per line: `#`
 * headings and underlined headings, bullets with their nesting depth, and text lines; a line that starts in
 * bold is marked `strong`, the usual look of an entry heading ("**Engineer**, Acme — 2021–2023").
 */
export function markdownToBlocks(markdown: string): ResumeBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ResumeBlock[] = [];
  let i = 0;
  // YAML front matter is metadata, not resume text.
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) i = end + 1;
  }
  let inFence = false;
  let inComment = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (/^(?:```|~~~)/.test(trimmed)) {
      inFence = !inFence;
      continue;
    }
    if (inComment) {
      inComment = !trimmed.includes('-->');
      continue;
    }
    if (trimmed.startsWith('<!--')) {
      inComment = !trimmed.includes('-->');
      continue;
    }
    if (!trimmed || RULE.test(trimmed) || /^\|?\s*:?-{3,}/.test(trimmed)) continue;
    const heading = HEADING.exec(trimmed);
    if (heading && !inFence) {
      blocks.push(
        createBlock({
          kind: 'heading',
          text: plain(heading[2]!),
          level: heading[1]!.length,
          links: readLinks(heading[2]!),
        }),
      );
      continue;
    }
    const underline = SETEXT.exec(lines[i + 1] ?? '');
    if (underline && !inFence && !BULLET.test(line)) {
      blocks.push(
        createBlock({
          kind: 'heading',
          text: plain(trimmed),
          level: underline[1]!.startsWith('=') ? 1 : 2,
          links: readLinks(trimmed),
        }),
      );
      i++;
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet && !inFence) {
      const depth = Math.floor(bullet[1]!.replace(/\t/g, '  ').length / 2) + 1;
      const text = plain(bullet[2]!);
      if (text)
        blocks.push(createBlock({ kind: 'bullet', text, level: depth, links: readLinks(bullet[2]!) }));
      continue;
    }
    const cells = trimmed.startsWith('|')
      ? trimmed
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((cell) => cell.trim())
      : [trimmed];
    const text = plain(cells.join(' | '));
    if (!text) continue;
    blocks.push(
      createBlock({ kind: 'text', text, strong: /^(?:\*\*|__)\S/.test(trimmed), links: readLinks(trimmed) }),
    );
  }
  return blocks;
}
