import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LinkCheckResult } from '@dossier/plugins';
import type { ExtractedLink } from './extract-links.js';

/** What a link in a document turns into before anything is fetched. */
export type PlannedLink =
  | { type: 'http'; url: string }
  /** Decided without the network: mailto syntax, local files, schemes that cannot be checked. */
  | { type: 'decided'; result: LinkCheckResult };

// Schemes that are real but that a web link checker cannot test: reported, never counted as broken.
const KNOWN_SCHEMES = new Set([
  'ftp',
  'ftps',
  'sftp',
  'irc',
  'ircs',
  'tel',
  'sms',
  'data',
  'file',
  'javascript',
  'ssh',
  'git',
  'news',
  'nntp',
  'xmpp',
  'magnet',
  'ws',
  'wss',
  'slack',
  'skype',
  'urn',
  'geo',
  'about',
  'chrome',
  'doi',
]);

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function decided(
  url: string,
  status: LinkCheckResult['status'],
  reason: string,
  httpStatus: number | null = null,
): PlannedLink {
  return { type: 'decided', result: { url, status, httpStatus, finalUrl: null, reason, attempts: 0 } };
}

/** `mailto:` checked for syntax only: every recipient must be one address. */
export function checkMailto(raw: string): PlannedLink {
  const rest = raw.slice(raw.indexOf(':') + 1).split('?')[0] ?? '';
  let recipients: string[];
  try {
    recipients = decodeURIComponent(rest)
      .split(',')
      .map((r) => r.trim());
  } catch {
    return decided(raw, 'broken', 'invalid e-mail address (bad escape)');
  }
  const bad = recipients.filter((r) => !EMAIL.test(r));
  if (recipients.length === 0 || recipients[0] === '' || bad.length > 0) {
    return decided(raw, 'broken', `invalid e-mail address: ${bad.join(', ') || '(none)'}`);
  }
  return decided(raw, 'valid', 'e-mail address syntax ok');
}

export interface ResolveContext {
  /** `--base`: relative links resolve against it. */
  base?: string | undefined;
  /** The document's `<base href>`, if any. */
  documentBase?: string | null;
  /** The file the links came from (local links are looked up beside it); undefined for standard input. */
  file?: string | undefined;
  /** Root-relative local links (`/docs/x.md`) resolve against this folder. */
  root?: string;
}

/** Turns a link as written into a URL to fetch or a verdict reached without the network. */
export function planLink(link: ExtractedLink, ctx: ResolveContext): PlannedLink {
  const raw = link.raw.trim();
  if (raw.startsWith('#')) return decided(raw, 'skipped', 'fragment: points inside this document');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      return { type: 'http', url: new URL(raw).href };
    } catch {
      return decided(raw, 'broken', 'not a valid URL');
    }
  }
  if (scheme === 'mailto') return checkMailto(raw);
  // A Windows drive letter ("C:") is not a scheme; everything else with one is.
  if (scheme && !/^[a-z]:[\\/]/i.test(raw)) {
    return KNOWN_SCHEMES.has(scheme)
      ? decided(raw, 'skipped', `unsupported-scheme: ${scheme}`)
      : decided(raw, 'broken', `invalid-scheme: ${scheme}`);
  }
  // Relative: against the document's base, then --base, else a local file.
  const bases = [ctx.documentBase, ctx.base].filter((b): b is string => Boolean(b));
  for (let i = 0; i < bases.length; i++) {
    try {
      // A relative <base href> is itself relative to --base.
      const against =
        i === 0 && ctx.base && !/^[a-z][a-z0-9+.-]*:/i.test(bases[0]!)
          ? new URL(bases[0]!, ctx.base)
          : bases[i]!;
      const url = new URL(raw, against);
      if (url.protocol === 'http:' || url.protocol === 'https:') return { type: 'http', url: url.href };
    } catch {
      // Try the next base.
    }
  }
  if (raw.startsWith('//')) {
    try {
      return { type: 'http', url: new URL(`https:${raw}`).href };
    } catch {
      return decided(raw, 'broken', 'not a valid URL');
    }
  }
  if (!ctx.file) return decided(raw, 'skipped', 'relative link without --base');
  let relative: string;
  try {
    relative = decodeURIComponent(raw.split(/[?#]/)[0] ?? '');
  } catch {
    return decided(raw, 'broken', 'not a valid path');
  }
  const target = relative.startsWith('/')
    ? path.join(ctx.root ?? process.cwd(), relative)
    : path.resolve(path.dirname(ctx.file), relative);
  const ok = existsSync(target) && (statSync(target).isFile() || statSync(target).isDirectory());
  return ok ? decided(raw, 'valid', 'local file') : decided(raw, 'broken', `local file not found: ${target}`);
}
