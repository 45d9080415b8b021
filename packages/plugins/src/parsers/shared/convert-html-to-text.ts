import { decodeHtmlEntities } from './decode-html-entities.js';

export interface HtmlToTextOptions {
  /** Write `<a href>` as `[text](url)` (resume parsers keep links as evidence). Default false: text only. */
  links?: boolean;
  /** Write `<strong>`/`<b>` as `**text**` (an entry-heading cue in resumes). Default false. */
  emphasis?: boolean;
}

// Elements whose content is never text a reader sees.
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'object',
  'canvas',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'br',
  'hr',
  'tr',
  'table',
  'thead',
  'tbody',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'dl',
  'ul',
  'ol',
  'figure',
  'figcaption',
  'address',
  'form',
  'fieldset',
  'details',
  'summary',
  'body',
  'html',
  'caption',
]);
const CELLS = new Set(['td', 'th']);
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
// Marks list nesting through the whitespace clean-up; replaced by two spaces per level at the end.
const INDENT = '\u0001';

function readHref(attributes: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const href = decodeHtmlEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim());
  return /^(?:https?:|mailto:|tel:)/i.test(href) ? href : null;
}

interface OpenSpan {
  tag: string;
  start: number;
  href: string | null;
}

/**
 * A small HTML-to-text converter for job postings and Word documents converted by mammoth: scripts and styles
 * are dropped, block elements become line breaks, headings become `#` lines, list items `- ` lines (nested
 * ones indented), entities are decoded. Tolerates unclosed and stray tags instead of validating.
 */
export function convertHtmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const out: string[] = [];
  const spans: OpenSpan[] = [];
  let listDepth = 0;
  let inPre = 0;
  // Ensures the output ends in at least `count` line breaks, so nested blocks do not pile up blank lines.
  const newline = (count = 1): void => {
    let have = 0;
    for (let i = out.length - 1; i >= 0 && have < count; i--) {
      const piece = out[i]!;
      if (piece.trim() !== '' && piece !== INDENT) break;
      have += piece.split('\n').length - 1;
    }
    if (have < count) out.push('\n'.repeat(count - have));
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    const [whole, closing, rawTag, attributes = '', text] = match;
    if (text !== undefined || whole === '<') {
      const decoded = decodeHtmlEntities(text ?? whole);
      out.push(inPre > 0 ? decoded : decoded.replace(/\s+/g, ' '));
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (!closing && SKIPPED.has(tag) && !/\/\s*$/.test(attributes)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, TOKEN.lastIndex);
      TOKEN.lastIndex = end === -1 ? html.length : end;
      continue;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      newline(2);
      if (!closing) out.push(`${'#'.repeat(Number(heading[1]))} `);
      continue;
    }
    if (tag === 'li') {
      if (!closing) {
        newline();
        out.push(`${INDENT.repeat(Math.max(0, listDepth - 1))}- `);
      }
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
      newline();
      continue;
    }
    if (tag === 'pre') inPre = Math.max(0, inPre + (closing ? -1 : 1));
    if (tag === 'br') {
      out.push('\n');
      continue;
    }
    if (BLOCKS.has(tag)) {
      newline(tag === 'tr' ? 1 : 2);
      continue;
    }
    if (CELLS.has(tag)) {
      if (closing) out.push(' \t ');
      continue;
    }
    const wantsLink = tag === 'a' && options.links;
    const wantsEmphasis = (tag === 'strong' || tag === 'b') && options.emphasis;
    if (!wantsLink && !wantsEmphasis) continue;
    if (!closing) {
      spans.push({ tag, start: out.length, href: tag === 'a' ? readHref(attributes) : null });
      continue;
    }
    const index = spans.findLastIndex((span) => span.tag === tag);
    if (index === -1) continue;
    const [span] = spans.splice(index, 1);
    const inner = out.splice(span!.start).join('');
    const label = inner.trim();
    if (!label) {
      out.push(inner);
    } else if (tag === 'a') {
      const href = span!.href;
      out.push(!href ? inner : label === href || `mailto:${label}` === href ? href : `[${label}](${href})`);
    } else {
      // Keep the surrounding spaces outside the markers so `**x**` stays valid Markdown.
      const lead = inner.startsWith(' ') ? ' ' : '';
      const trail = inner.endsWith(' ') ? ' ' : '';
      out.push(`${lead}**${label}**${trail}`);
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\u00a0]+/g, ' ')
        .trim()
        .replaceAll(INDENT, '  '),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
