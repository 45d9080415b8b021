export type LinkFormat = 'urls' | 'markdown' | 'html';

export interface ExtractedLink {
  /** As written in the document. */
  raw: string;
  /** 1-based line of the document. */
  line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Guesses the format from the file name, then from the content. */
export function detectFormat(text: string, filename?: string): LinkFormat {
  const ext = filename?.toLowerCase().split('.').pop() ?? '';
  if (['md', 'markdown', 'mdx'].includes(ext)) return 'markdown';
  if (['html', 'htm', 'xhtml'].includes(ext)) return 'html';
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (lines.length > 0 && lines.every((l) => /^\s*\S+\s*$/.test(l) && /^\s*[a-z][a-z0-9+.-]*:/i.test(l))) {
    return 'urls';
  }
  if (/<(a|img|html|link|script)\b[^>]*>/i.test(text) && !/\]\(/.test(text)) return 'html';
  return 'markdown';
}

/** One URL a line; blank lines and `#` comments are skipped. */
function extractUrlList(text: string): ExtractedLink[] {
  const out: ExtractedLink[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const t = l.trim();
    if (t && !t.startsWith('#')) out.push({ raw: t, line: i + 1 });
  });
  return out;
}

// Attributes that hold a URL, per element (what a browser would fetch or follow).
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  script: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  source: ['src', 'srcset'],
  track: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  object: ['data'],
  input: ['src'],
  form: ['action'],
  blockquote: ['cite'],
  q: ['cite'],
};
// Hints to the browser, not links a reader follows.
const SKIPPED_REL = /\b(dns-prefetch|preconnect)\b/i;

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** `url(...)` and `@import "..."` in CSS. */
function cssUrls(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(
    /url\(\s*(?:'([^']*)'|"([^"]*)"|([^)\s]*))\s*\)|@import\s+(?:'([^']*)'|"([^"]*)")/gi,
  )) {
    const url = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim();
    if (url) out.push(url);
  }
  return out;
}

export interface HtmlLinks {
  links: ExtractedLink[];
  /** The first `<base href>`, as written. */
  base: string | null;
}

/** Links in HTML: URL attributes, `srcset` candidates and meta refresh targets; comments and scripts skipped. */
export function extractHtmlLinks(text: string, lineOffset = 0): HtmlLinks {
  const links: ExtractedLink[] = [];
  let base: string | null = null;
  // Blank out comments and script/style bodies but keep offsets, so line numbers stay right.
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  const noComments = text.replace(/<!--[\s\S]*?-->/g, blank);
  // CSS in <style> blocks: url(...) and @import targets.
  for (const m of noComments.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) {
    const body = m[1]!.replace(/\/\*[\s\S]*?\*\//g, blank);
    const bodyStart = m.index + m[0].indexOf('>') + 1;
    for (const u of body.matchAll(/url\(|@import/gi)) {
      const [url] = cssUrls(body.slice(u.index));
      if (url) links.push({ raw: url, line: lineAt(noComments, bodyStart + u.index) + lineOffset });
    }
  }
  const clean = noComments.replace(
    /(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi,
    (_m, open: string, _t, body: string, close: string) => open + blank(body) + close,
  );
  for (const m of clean.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const tag = m[1]!.toLowerCase();
    const attrs = attributes(m[2] ?? '');
    const line = lineAt(clean, m.index) + lineOffset;
    if (tag === 'base') {
      if (base === null && attrs.href) base = attrs.href;
      continue;
    }
    if (tag === 'meta') {
      if (attrs['http-equiv']?.toLowerCase() === 'refresh') {
        const target = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(attrs.content ?? '')?.[1];
        if (target) links.push({ raw: target, line });
      }
      continue;
    }
    if (attrs.style) for (const url of cssUrls(attrs.style)) links.push({ raw: url, line });
    if (tag === 'link' && SKIPPED_REL.test(attrs.rel ?? '')) continue;
    for (const name of URL_ATTRIBUTES[tag] ?? []) {
      const value = attrs[name]?.trim();
      if (!value) continue;
      if (name === 'srcset') {
        for (const candidate of value.split(/,\s*/)) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) links.push({ raw: url, line });
        }
      } else {
        links.push({ raw: value, line });
      }
    }
  }
  return { links: links.sort((a, b) => a.line - b.line), base };
}

const DIRECTIVE = /<!--\s*markdown-link-check-(disable-next-line|disable-line|disable|enable)\s*-->/g;

/** The destination of an inline link, starting just after `(`: `<...>` or balanced parentheses. */
function inlineDestination(text: string, start: number): string | null {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '<') {
    const end = text.indexOf('>', i);
    return end === -1 ? null : text.slice(i + 1, end);
  }
  let depth = 0;
  let j = i;
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (/\s/.test(c)) break;
  }
  const dest = text.slice(i, j);
  return dest === '' ? null : dest.replace(/\\([()])/g, '$1');
}

/**
 * Links in Markdown: inline links and images, reference definitions, autolinks, bare URLs and HTML tags;
 * code spans and fenced blocks are skipped, and markdown-link-check's disable/enable comments are honoured.
 */
export function extractMarkdownLinks(text: string): HtmlLinks {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  let fence: string | null = null;
  let disabled = false;
  let skipNext = false;
  for (const line of lines) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = null;
      kept.push('');
      continue;
    }
    if (f) {
      fence = f;
      kept.push('');
      continue;
    }
    const directives = [...line.matchAll(DIRECTIVE)].map((m) => m[1]);
    const skipThis = disabled || skipNext || directives.includes('disable-line');
    skipNext = false;
    for (const d of directives) {
      if (d === 'disable') disabled = true;
      if (d === 'enable') disabled = false;
      if (d === 'disable-next-line') skipNext = true;
    }
    // A line that only toggles a directive has nothing of its own.
    kept.push(skipThis ? '' : line.replace(DIRECTIVE, '').replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length)));
  }
  const body = kept.join('\n');
  const found: { raw: string; index: number }[] = [];
  for (const m of body.matchAll(/!?\[(?:[^\][]|\[[^\][]*\])*\]\(/g)) {
    const dest = inlineDestination(body, m.index + m[0].length);
    if (dest) found.push({ raw: dest, index: m.index });
  }
  for (const m of body.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm))
    found.push({ raw: m[1]!, index: m.index });
  for (const m of body.matchAll(/<([a-z][a-z0-9+.-]*:[^\s<>]+)>/gi))
    found.push({ raw: m[1]!, index: m.index });
  // Bare URLs (GFM autolinks), unless they sit inside something already taken.
  const taken = new Set(found.map((f) => f.raw));
  for (const m of body.matchAll(/(^|[\s(*_~])(https?:\/\/[^\s<>"'`]+)/g)) {
    let url = m[2]!.replace(/[.,:;!?*_~]+$/, '');
    if (url.endsWith(')') && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length)
      url = url.slice(0, -1);
    const index = m.index + m[1]!.length;
    const before = body.slice(Math.max(0, index - 2), index);
    if (before.endsWith('](') || before.endsWith('="') || taken.has(url)) continue;
    found.push({ raw: url, index });
  }
  const html = extractHtmlLinks(body);
  const links = [
    ...found.map((f) => ({ raw: f.raw, line: lineAt(body, f.index) })),
    ...html.links.filter((l) => !found.some((f) => f.raw === l.raw)),
  ].sort((a, b) => a.line - b.line);
  return { links, base: html.base };
}

export function extractLinks(text: string, format: LinkFormat): HtmlLinks {
  if (format === 'urls') return { links: extractUrlList(text), base: null };
  return format === 'html' ? extractHtmlLinks(text) : extractMarkdownLinks(text);
}
