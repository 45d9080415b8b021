export const EVIDENCE_KINDS = [
  'repo',
  'pull-request',
  'commit',
  'site',
  'doi',
  'article',
  'video',
  'other',
] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The input as a URL if it is an absolute http(s) URL with a host; anything else (mailto:, javascript:, a bare word) is null. */
export function parseHttpUrl(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null;
}

const BARE_DOI = /^(?:doi:\s*)?10\.\d{4,9}\/\S+$/i;
const DOI_IN_PATH = /(?:^|\/)10\.\d{4,9}\//;
const COMMIT_SHA = /^[0-9a-f]{7,40}$/i;
const NUMBER = /^\d+$/;

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'vimeo.com', 'loom.com'];
const ARTICLE_HOSTS = ['medium.com', 'dev.to', 'substack.com', 'hashnode.dev', 'arxiv.org'];
const ARTICLE_SEGMENTS = new Set(['blog', 'blogs', 'post', 'posts', 'article', 'articles']);
// First path segments on GitHub that are pages of the site, not an owner's repositories.
const GITHUB_PAGES = new Set([
  'orgs',
  'settings',
  'topics',
  'features',
  'marketplace',
  'sponsors',
  'about',
  'search',
]);

const isHost = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/** GitHub, Codeberg and other Gitea-style hosts: /owner/repo[/pull/N | /commit/sha | ...]. */
function detectGithubStyle(segments: string[], pullSegment: string[]): TEvidenceKind {
  const [owner, repo, section, id] = segments;
  if (!owner || !repo || GITHUB_PAGES.has(owner)) return 'other';
  if (section && pullSegment.includes(section) && id && NUMBER.test(id)) {
    const [, , , , sub, sha] = segments;
    return sub === 'commits' && sha && COMMIT_SHA.test(sha) ? 'commit' : 'pull-request';
  }
  if (section === 'commit' && id && COMMIT_SHA.test(id)) return 'commit';
  return 'repo';
}

/** GitLab: /group/subgroup/project[/-/merge_requests/N | /-/commit/sha | ...]; subgroups nest freely. */
function detectGitlab(segments: string[]): TEvidenceKind {
  const dash = segments.indexOf('-');
  const project = dash === -1 ? segments : segments.slice(0, dash);
  const rest = dash === -1 ? [] : segments.slice(dash + 1);
  const request = segments.indexOf('merge_requests');
  if (request > 0 && NUMBER.test(segments[request + 1] ?? '')) return 'pull-request';
  if (rest[0] === 'commit' && COMMIT_SHA.test(rest[1] ?? '')) return 'commit';
  return project.length >= 2 ? 'repo' : 'other';
}

/** Bitbucket: /workspace/repo[/pull-requests/N | /commits/sha | ...]. */
function detectBitbucket(segments: string[]): TEvidenceKind {
  const [workspace, repo, section, id] = segments;
  if (!workspace || !repo) return 'other';
  if (section === 'pull-requests' && id && NUMBER.test(id)) return 'pull-request';
  if ((section === 'commits' || section === 'commit') && id && COMMIT_SHA.test(id)) return 'commit';
  return 'repo';
}

/**
 * What an evidence link points at, from its URL alone (no request is made): a code host's repository, pull
 * or merge request, or commit; a DOI; a video; an article; the root of a site; or something else.
 */
export function detectEvidenceKind(url: string): TEvidenceKind {
  const input = url.trim();
  if (BARE_DOI.test(input)) return 'doi';
  const parsed = parseHttpUrl(input);
  if (!parsed) return 'other';
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = decodeURIComponentSafe(parsed.pathname);
  const segments = path.split('/').filter(Boolean);

  if (isHost(host, 'doi.org') || DOI_IN_PATH.test(path)) return 'doi';
  if (host === 'github.com') return detectGithubStyle(segments, ['pull']);
  if (host === 'gist.github.com') return segments.length > 0 ? 'repo' : 'site';
  if (host === 'codeberg.org') return detectGithubStyle(segments, ['pulls']);
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return detectGitlab(segments);
  if (host === 'bitbucket.org') return detectBitbucket(segments);
  if (VIDEO_HOSTS.some((domain) => isHost(host, domain))) return 'video';
  if (ARTICLE_HOSTS.some((domain) => isHost(host, domain)) || host.startsWith('blog.')) return 'article';
  if (segments.some((segment) => ARTICLE_SEGMENTS.has(segment.toLowerCase()))) return 'article';
  if (segments.length === 0) return 'site';
  return 'other';
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
