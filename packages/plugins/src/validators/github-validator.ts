import {
  createGuardedFetch,
  type EvidenceValidatorHandler,
  type EvidenceVerdict,
  type GuardedFetchResponse,
} from '@dossier/core';
import { definePlugin } from '@dossier/core/plugins';
import {
  createHttpCheck,
  HTTP_VALIDATOR_OPTIONS_SCHEMA,
  type HttpValidatorOptions,
  linkCheckUserAgent,
  verdict,
} from './http-validator.js';

export interface GithubValidatorOptions {
  /** The REST API root; tests point it at a local server. */
  apiBaseUrl?: string;
  /** A token raises the rate limit from 60 to 5,000 requests an hour and reaches private repositories. */
  token?: string;
  /** Web hosts whose links this validator reads (`host` or `host:port`). */
  hosts?: string[];
  /** Options of the `http` check used when the API cannot answer. */
  http?: HttpValidatorOptions;
}

type Target =
  | { type: 'repo'; owner: string; repo: string }
  | { type: 'pull' | 'issue'; owner: string; repo: string; number: string }
  | { type: 'commit'; owner: string; repo: string; sha: string };

const NAME = /^[A-Za-z0-9_.-]+$/;
// Top-level pages that look like /owner/repo but are not repositories.
const RESERVED_OWNERS = new Set([
  'orgs',
  'settings',
  'marketplace',
  'features',
  'topics',
  'collections',
  'sponsors',
  'apps',
  'login',
  'about',
  'pricing',
  'enterprise',
  'search',
  'notifications',
  'explore',
]);

/** The repository, pull request, issue or commit a GitHub web URL names, or null for anything else. */
export function parseGithubUrl(url: URL): Target | null {
  const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [owner, rawRepo, section, id, ...rest] = parts;
  if (!owner || !rawRepo || rest.length > 0 || RESERVED_OWNERS.has(owner.toLowerCase())) return null;
  const repo = rawRepo.replace(/\.git$/, '');
  if (!NAME.test(owner) || !NAME.test(repo)) return null;
  if (section === undefined) return { type: 'repo', owner, repo };
  if ((section === 'pull' || section === 'issues') && id && /^\d+$/.test(id)) {
    return { type: section === 'pull' ? 'pull' : 'issue', owner, repo, number: id };
  }
  if (section === 'commit' && id && /^[0-9a-f]{7,40}$/i.test(id))
    return { type: 'commit', owner, repo, sha: id };
  return null;
}

function apiPath(t: Target): string {
  const base = `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}`;
  switch (t.type) {
    case 'repo':
      return base;
    case 'pull':
      return `${base}/pulls/${t.number}`;
    case 'issue':
      return `${base}/issues/${t.number}`;
    case 'commit':
      return `${base}/commits/${t.sha}`;
  }
}

/**
 * GitHub repositories, pull requests (open, merged, closed), issues and commits through the REST API: a renamed
 * or transferred repository is `redirected` to its new URL. Rate-limit aware: once `X-RateLimit-Remaining`
 * reaches 0 (or the API answers 403/429 for the limit), links go to the `http` check until the reset time.
 * Anything the API cannot answer falls back to `http` too.
 */
export const githubValidator = definePlugin<'evidence-validator', GithubValidatorOptions>({
  name: 'github',
  kind: 'evidence-validator',
  version: '1.0.0',
  description:
    'GitHub repositories, pull requests, issues and commits through the REST API, falling back to http.',
  order: 10,
  optionsSchema: {
    type: 'object',
    properties: {
      apiBaseUrl: { type: 'string', format: 'uri', default: 'https://api.github.com' },
      token: { type: 'string', minLength: 1 },
      hosts: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      http: HTTP_VALIDATOR_OPTIONS_SCHEMA,
    },
    additionalProperties: false,
  },
  create(options, deps): EvidenceValidatorHandler {
    const http = deps.http ?? createGuardedFetch();
    const fallback = createHttpCheck(options.http ?? {}, http);
    const api = (options.apiBaseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const hosts = new Set((options.hosts ?? ['github.com', 'www.github.com']).map((h) => h.toLowerCase()));
    const userAgent = options.http?.userAgent ?? linkCheckUserAgent(options.http?.contactUrl);
    let limitedUntil = 0;

    const noteLimit = (res: GuardedFetchResponse) => {
      const remaining = res.headers['x-ratelimit-remaining'];
      const reset = Number(res.headers['x-ratelimit-reset']);
      if (remaining === '0' && Number.isFinite(reset)) limitedUntil = Math.max(limitedUntil, reset * 1000);
    };

    async function viaApi(url: URL, t: Target, signal: AbortSignal): Promise<EvidenceVerdict | null> {
      const res = await http(`${api}${apiPath(t)}`, {
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': userAgent,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        signal,
        maxBytes: 1024 * 1024,
        truncate: true,
        timeouts: { totalMs: 20_000 },
      });
      noteLimit(res);
      if ((res.status === 403 || res.status === 429) && res.headers['x-ratelimit-remaining'] === '0')
        return null;
      if (res.status === 404 || (t.type === 'commit' && res.status === 422)) {
        const what = t.type === 'repo' ? 'repository' : t.type === 'pull' ? 'pull request' : t.type;
        return verdict('broken', 404, null, `${what} not found${options.token ? '' : ' (or private)'}`);
      }
      if (res.status !== 200) return null;
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(await res.text()) as Record<string, unknown>;
      } catch {
        return null;
      }
      const htmlUrl = typeof data.html_url === 'string' ? data.html_url : null;
      const moved = (expected: string) =>
        htmlUrl !== null && htmlUrl.toLowerCase() !== expected.toLowerCase() ? htmlUrl : null;
      const web = `${url.protocol}//${url.host}`;
      if (t.type === 'repo') {
        const target = moved(`https://github.com/${t.owner}/${t.repo}`);
        if (target && hosts.has('github.com'))
          return verdict('redirected', 200, target, `repository moved to ${target}`);
        return verdict('valid', 200, null, data.archived === true ? 'repository (archived)' : 'repository');
      }
      if (t.type === 'pull') {
        const state =
          data.merged === true || data.merged_at ? 'merged' : data.state === 'open' ? 'open' : 'closed';
        const target = moved(`https://github.com/${t.owner}/${t.repo}/pull/${t.number}`);
        if (target && web === 'https://github.com')
          return verdict('redirected', 200, target, `pull request ${state}, moved`);
        return verdict('valid', 200, null, `pull request ${state}`);
      }
      if (t.type === 'issue') {
        const state = data.state === 'open' ? 'open' : 'closed';
        const target = moved(`https://github.com/${t.owner}/${t.repo}/issues/${t.number}`);
        // An issue URL that is really a pull request answers here too, with the pull request's html_url.
        if (target && web === 'https://github.com')
          return verdict('redirected', 200, target, `issue ${state}, moved`);
        return verdict('valid', 200, null, `issue ${state}`);
      }
      return verdict('valid', 200, null, 'commit');
    }

    return {
      handles: (url) =>
        (url.protocol === 'https:' || url.protocol === 'http:') && hosts.has(url.host.toLowerCase()),
      async validate(raw, ctx, input) {
        const url = new URL(raw);
        const target = parseGithubUrl(url);
        if (target && Date.now() >= limitedUntil) {
          try {
            const answer = await viaApi(url, target, ctx.signal);
            if (answer) return answer;
          } catch (error) {
            ctx.signal.throwIfAborted();
            deps.logger.debug('github API unavailable, checking over http', { error: String(error) });
          }
        }
        return fallback.check(raw, ctx.signal, input);
      },
    };
  },
});
