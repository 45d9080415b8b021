import { describe, expect, it } from 'vitest';
import { detectEvidenceKind, parseHttpUrl } from './evidence-kind.js';

describe('detectEvidenceKind', () => {
  it.each([
    ['https://github.com/vitest-dev/vitest', 'repo'],
    ['https://github.com/vitest-dev/vitest/tree/main/packages', 'repo'],
    ['https://github.com/vitest-dev/vitest/pull/4321', 'pull-request'],
    ['https://github.com/vitest-dev/vitest/pull/4321/files', 'pull-request'],
    ['https://github.com/vitest-dev/vitest/commit/3f2a9c1d', 'commit'],
    [
      'https://github.com/vitest-dev/vitest/pull/4321/commits/3f2a9c1de0b4a7c9e2f1d3b5a6c7e8f9a0b1c2d3',
      'commit',
    ],
    ['https://github.com/vitest-dev', 'other'],
    ['https://github.com/orgs/vitest-dev/repositories', 'other'],
    ['https://gitlab.com/gitlab-org/gitlab', 'repo'],
    ['https://gitlab.com/group/subgroup/project/-/merge_requests/12', 'pull-request'],
    ['https://gitlab.com/group/project/-/commit/0a1b2c3d4e5f', 'commit'],
    ['https://bitbucket.org/team/repo', 'repo'],
    ['https://bitbucket.org/team/repo/pull-requests/7', 'pull-request'],
    ['https://bitbucket.org/team/repo/commits/a1b2c3d4e5f6', 'commit'],
    ['https://doi.org/10.1145/3290605.3300233', 'doi'],
    ['https://dx.doi.org/10.1000/182', 'doi'],
    ['10.1038/nature14539', 'doi'],
    ['doi:10.1038/nature14539', 'doi'],
    ['https://dl.acm.org/doi/10.1145/3290605.3300233', 'doi'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'video'],
    ['https://youtu.be/dQw4w9WgXcQ', 'video'],
    ['https://vimeo.com/123456', 'video'],
    ['https://www.loom.com/share/abc123', 'video'],
    ['https://medium.com/@someone/a-post-1234', 'article'],
    ['https://dev.to/someone/my-post', 'article'],
    ['https://someone.substack.com/p/launch', 'article'],
    ['https://arxiv.org/abs/1706.03762', 'article'],
    ['https://example.com/blog/how-we-scaled', 'article'],
    ['https://blog.example.com/2024/launch', 'article'],
    ['https://example.com', 'site'],
    ['https://my-app.vercel.app/', 'site'],
    ['http://www.example.org/?ref=cv', 'site'],
    ['https://example.com/pricing', 'other'],
    ['ftp://example.com/file', 'other'],
    ['not a url', 'other'],
    ['', 'other'],
  ])('%s → %s', (url, kind) => {
    expect(detectEvidenceKind(url)).toBe(kind);
  });
});

describe('parseHttpUrl', () => {
  it('accepts absolute http and https URLs with a host', () => {
    expect(parseHttpUrl('https://example.com/a?b=1')?.href).toBe('https://example.com/a?b=1');
    expect(parseHttpUrl('  http://example.com  ')?.hostname).toBe('example.com');
  });

  it.each([
    'example.com',
    '/relative/path',
    'mailto:someone@example.com',
    'javascript:alert(1)',
    'ftp://example.com',
    'file:///etc/passwd',
    'data:text/plain,hi',
    'https://',
    '',
  ])('rejects %s', (input) => {
    expect(parseHttpUrl(input)).toBeNull();
  });
});
