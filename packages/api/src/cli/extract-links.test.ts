import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsDir } from '../test-support/datasets.js';
import { detectFormat, extractHtmlLinks, extractLinks, extractMarkdownLinks } from './extract-links.js';
import { planLink } from './resolve-links.js';

// Reads the shared link-check fixtures in place (DOSSIER_DATASETS); nothing is copied into the project.
const root = path.join(datasetsDir(), 'link-check');
const LK = path.join(root, 'linkinator/test/fixtures');
const MLC = path.join(root, 'markdown-link-check/test');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const base = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return extractLinks(text, detectFormat(text, file));
};
const rawSet = (file: string) => [...new Set(base(file).links.map((l) => l.raw))].sort();

const BASETAG = ['./broken', './ok', 'broken', 'ok'];
const EXAMPLE = 'http://example.invalid';

// Every Markdown and HTML fixture of both projects, with the links it holds (unique, sorted).
const EXPECTED: Record<string, string[]> = {
  'lk/alternate/index.html': [`${EXAMPLE}/`, `${EXAMPLE}/es`],
  'lk/basetag/absolute.html': BASETAG,
  'lk/basetag/empty-base.html': BASETAG,
  'lk/basetag/relative-dot-folder.html': BASETAG,
  'lk/basetag/relative-folder.html': BASETAG,
  'lk/basetag/relative-page.html': BASETAG,
  'lk/basetag/relative-to-root.html': BASETAG,
  'lk/baseurl/index.html': ['http://example.invalid.br/deep.html'],
  'lk/basic/index.html': [EXAMPLE],
  'lk/broke/index.html': [`${EXAMPLE}/`],
  'lk/css/external-test.html': [`${EXAMPLE}/styles.css`],
  'lk/css/index.html': [
    'styles.css',
    ...[
      'bg-inline.jpg',
      'header-bg.png',
      'imported.css',
      'imported2.css',
      'div-bg.jpg',
      'bg1.png',
      'bg2.png',
    ].map((f) => `${EXAMPLE}/${f}`),
    `${EXAMPLE}/regular-link`,
  ],
  'lk/filter/index.html': ['http://www.filterme.com', 'https://example.com/filtermetoo', 'https://good.com'],
  'lk/fragments-client-state/index.html': [
    './target.html#!/legacy-route',
    './target.html#/route',
    './target.html#code/PTAE',
    './target.html#encoded%20state',
    './target.html#missing-section',
    './target.html#show-examples',
  ],
  'lk/fragments-client-state/target.html': [],
  'lk/fragments-markdown-invalid/index.html': ['target.md#nonexistent'],
  'lk/fragments-markdown-invalid/target.md': [],
  'lk/fragments-multiple/index.html': [
    'http://example.com/page.html#section-one',
    'http://example.com/page.html#section-two',
  ],
  'lk/local/index.html': ['page2.html'],
  'lk/local/page2.html': [],
  'lk/mdx-repo/LICENSE.md': [],
  'lk/relative/index.html': ['nested/index.html', 'ohai.html'],
  'lk/relative/nested/index.html': ['nested.html'],
  'lk/relative/nested/nested.html': [],
  'lk/relative/ohai.html': [],
  'lk/rewrite/LICENSE.md': [],
  'lk/rewrite/README.md': ['NOTLICENSE.md'],
  'lk/skip-fragments/index.html': ['#L12-L14', '#overview', '#readme'].map(
    (f) => `https://github.com/example/project${f}`,
  ),
  'lk/srcset/_site/bar.html': [],
  'lk/srcset/_site/foo.html': [],
  'lk/srcset/index.html': ['_site/bar.html', '_site/foo.html'],
  'lk/concurrency/index.html': [1, 2, 3, 4, 5].map((n) => `${EXAMPLE}/${n}`),
  'lk/defaultconfig/index.html': [],
  'lk/directoryIndex/README.md': ['dir1/', 'dir2/'],
  'lk/directoryIndex/dir1/dir1.md': [],
  'lk/directoryIndex/dir2/dir2.md': [],
  'lk/fragments-404/index.html': ['http://example.com/missing-page.html#some-fragment'],
  'lk/fragments-demo/index.html': [
    'target.html#another-section',
    'target.html#nonexistent-section',
    'target.html#valid-section',
  ],
  'lk/fragments-demo/target.html': [],
  'lk/fragments-empty/index.html': ['http://example.com/page.html#'],
  'lk/fragments-github-style/index.html': [
    'target.html#nonexistent',
    'target.html#section-one',
    'target.html#section-two',
  ],
  'lk/fragments-github-style/target.html': ['#section-one', '#section-two'],
  'lk/fragments-invalid/index.html': ['http://example.com/page.html#invalid-section'],
  'lk/fragments-markdown/index.html': ['target.md#authoring', 'target.md#examples'],
  'lk/fragments-markdown/target.md': [],
  'lk/fragments-non-html/index.html': ['http://example.com/image.png#fragment'],
  'lk/fragments-same-page/index.html': ['#another-section', '#nonexistent-section', '#valid-section'],
  'lk/fragments-valid/index.html': ['http://example.com/page.html#valid-section'],
  'lk/image/index.html': ['boo.jpg', 'missing.jpg', 'missing.png'],
  'lk/json-ld/index.html': ['https://example.invalid/regular-link'],
  'lk/localbroke/README.md': ['/test'],
  'lk/malformed/index.html': ['//////'],
  'lk/markdown/LICENSE.md': [],
  'lk/markdown/README.md': ['LICENSE.md', 'boo.jpg'],
  'lk/markdown/deep/deep.md': ['../LICENSE.md'],
  'lk/markdown/unlinked.md': ['LICENSE.md'],
  'lk/metarefresh/index.html': [`${EXAMPLE}/delayed`, `${EXAMPLE}/redirected`, `${EXAMPLE}/uppercase`],
  'lk/nested/doll1/index.html': [`${EXAMPLE}/doll1`],
  'lk/nested/doll2/index.html': [`${EXAMPLE}/doll2`],
  'lk/prefetch/index.html': [`${EXAMPLE}/site.css`],
  'lk/protocols/index.html': [
    'data:text/plain;charset=utf-8;base64,8J+Qvw==',
    'irc://irc.freenode.net/%23bootstrap',
    'mailto:email@example.com',
  ],
  'lk/recurse/first.html': ['/', '/second.html'],
  'lk/recurse/index.html': ['first.html'],
  'lk/recurse/second.html': [EXAMPLE],
  'lk/repeated-broken-link/pageA.html': [`${EXAMPLE}/broken123`, `${EXAMPLE}/broken456`],
  'lk/repeated-broken-link/pageB.html': [`${EXAMPLE}/broken123`, `${EXAMPLE}/broken789`],
  'lk/require-https/index.html': ['http://example.com', 'other.html'],
  'lk/require-https/other.html': [],
  'lk/retry/index.html': [`${EXAMPLE}/1`, `${EXAMPLE}/3`, 'subpage.html'],
  'lk/retry/subpage.html': [`${EXAMPLE}/2`],
  'lk/retryCLI/index.html': ['http://localhost:3333'],
  'lk/scripts/index.html': ['script.js'],
  'lk/server/5.0/index.html': [],
  'lk/server/bag/bag.html': [],
  'lk/server/checkout/index.html': [],
  'lk/server/clean-urls/about.html': ['contact'],
  'lk/server/clean-urls/contact.html': [],
  'lk/server/clean-urls/index.html': ['about'],
  'lk/server/index.html': [],
  'lk/server/test.html': [],
  'lk/skip/index.html': ['http://very.bad'],
  'lk/status-codes/200.html': ['https://example.com/success'],
  'lk/status-codes/403.html': ['https://example.com/forbidden'],
  'lk/status-codes/404.html': ['https://example.com/notfound'],
  'lk/status-codes/5xx.html': ['https://example.com/error', 'https://example.com/unavailable'],
  'lk/status-codes/default.html': ['https://example.com/notfound', 'https://example.com/success'],
  'lk/status-codes/pattern.html': [
    'https://example.com/forbidden',
    'https://example.com/notfound',
    'https://example.com/teapot',
  ],
  'lk/twice/index.html': [EXAMPLE, `${EXAMPLE}#lolfragment`],
  'lk/twittercard/index.html': [],
  'lk/urlpatterns/funky+path.html': [],
  'lk/urlpatterns/index.html': ['funky%2Bpath.html'],
  'mlc/alive-links-only.md': ['#sub-heading'],
  'mlc/file.md': ['%%BASE_URL%%/hello.jpg', 'goodbye.jpg', 'hello.jpg'],
  'mlc/local-file.md': [
    '%%BASE_URL%%/hello.jpg',
    './hello.jpg',
    '/hello.jpg',
    '/test/goodbye.jpg',
    '/test/hello.jpg',
    'hello.jpg',
  ],
  'mlc/regex-groups-replacement.md': [
    'file.md',
    'folder-to-be-ignored/file.md',
    'folder-to-be-ignored/hello.jpg',
    'hello.jpg',
  ],
  'mlc/sample.md': [
    '%%BASE_URL%%/basic-auth',
    '%%BASE_URL%%/boo/bar',
    '%%BASE_URL%%/foo/bar',
    '%%BASE_URL%%/foo/dead',
    '%%BASE_URL%%/foo/redirect',
    '%%BASE_URL%%/hello.jpg',
    '%%BASE_URL%%/later',
    '%%BASE_URL%%/loop',
    '%%BASE_URL%%/nohead',
    '%%BASE_URL%%/partial',
    '%%BASE_URL%%/redirect-with-body-in-head',
    '%%BASE_URL%%/something/not-working-and-ignored/something',
    'MAILTO:alice@example.org,bob@example.net?subject=Test',
    'applesauce://example.org',
    'hello.jpg',
    'hhttppss://example.org',
    'http://example.example.example.com/',
    'mailto:foo@@bar@@baz,bob@example.net?subject=Test',
    'mailto:foo@bar@baz',
    'mailto:linuxgeek@gmail.com?subject=test',
  ],
  'mlc/special-replacements.md': ['MIXEDCASE', 'UPPERCASE', 'LOWERCASE', 'WITHSPECIALCHARACTERS']
    .flatMap((n) => [`%%ENVVAR_${n}_TEST%%`, `/test/%%ENVVAR_${n}_TEST%%`])
    .concat(['%%ENVVAR_NONEXISTENT_TEST%%hello.jpg', '/test/%%ENVVAR_NONEXISTENT_TEST%%hello.jpg'])
    .sort(),
};

const fixtureFiles = [
  ...walk(LK).map((f) => [`lk/${path.relative(LK, f)}`, f] as const),
  ...readdirSync(MLC).map((f) => [`mlc/${f}`, path.join(MLC, f)] as const),
].filter(([, f]) => /\.(md|html)$/.test(f));

describe('link extraction from the linkinator and markdown-link-check fixtures', () => {
  it('covers every Markdown and HTML fixture (and nothing is missing from the table)', () => {
    const names = fixtureFiles
      .map(([n]) => n)
      .filter((n) => !['mlc/hash-links.md', 'mlc/section-links.md'].includes(n));
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', (name) => {
    const file = fixtureFiles.find(([n]) => n === name)![1];
    expect(rawSet(file)).toEqual([...EXPECTED[name]!].sort());
  });

  it('hash-links.md: in-page anchors, the heading link, nothing from code spans or comments', () => {
    const links = rawSet(path.join(MLC, 'hash-links.md'));
    expect(links.filter((l) => !l.startsWith('#'))).toEqual(['https://github.com/tcort/markdown-link-check']);
    expect(links).toContain('#tomato_code');
    expect(links).toContain('#step-7---lint--test');
    expect(links).toContain('#l-is-the-package-in-the-linux-distro-base-image');
    expect(links.filter((l) => l.startsWith('#'))).toHaveLength(30);
  });

  it('section-links.md: headings links, the BASEURL variants, nothing from the code block', () => {
    const links = rawSet(path.join(MLC, 'section-links.md'));
    expect(links).toEqual(
      [
        '#level-two-heading',
        '#level-two-headingg',
        '#level-four-heading',
        '#test-same-name-repeating',
        '#test-same-name-repeating-1',
        '#test-same-name-repeating-2',
        '#this-is-a-comment-in-a-code-block',
        'https://BASEURL#level-two-heading',
        'https://BASEURL/#level-two-heading',
        'https://BASEURL////#level-two-heading',
      ].sort(),
    );
  });

  it('reports the first <base href> and resolves against it (relative bases against --base)', () => {
    const page = 'http://site.test/dir/page.html';
    const resolved = (file: string) => {
      const { links, base: documentBase } = base(path.join(LK, 'basetag', file));
      return [...new Set(links.map((l) => planLink(l, { base: page, documentBase })))].map((p) =>
        p.type === 'http' ? p.url : p.result.reason,
      );
    };
    expect(base(path.join(LK, 'basetag/absolute.html')).base).toBe('http://another.example.invalid/');
    expect(resolved('absolute.html')).toContain('http://another.example.invalid/ok');
    expect(resolved('relative-folder.html')).toContain('http://site.test/dir/anotherBase/ok');
    expect(resolved('relative-dot-folder.html')).toContain('http://site.test/dir/anotherBase/broken');
    expect(resolved('relative-page.html')).toContain('http://site.test/dir/ok');
    expect(resolved('relative-to-root.html')).toContain('http://site.test/anotherBase/ok');
    expect(resolved('empty-base.html')).toContain('http://site.test/dir/ok');
  });
});

describe('extractors', () => {
  it('reads inline links with parentheses and titles, references, autolinks and bare URLs', () => {
    const md = [
      '[a](https://a.test/x_(y) "title") and ![i](<b c.png>)',
      '[ref]: https://ref.test/r',
      '<https://auto.test/>, see https://bare.test/path.',
      '`https://code.test/` and',
      '```',
      'https://fenced.test/',
      '```',
      '<a href="https://html.test/?a=1&amp;b=2">x</a>',
    ].join('\n');
    expect(extractMarkdownLinks(md).links.map((l) => [l.raw, l.line])).toEqual([
      ['https://a.test/x_(y)', 1],
      ['b c.png', 1],
      ['https://ref.test/r', 2],
      ['https://auto.test/', 3],
      ['https://bare.test/path', 3],
      ['https://html.test/?a=1&b=2', 8],
    ]);
  });

  it('skips comments and script bodies in HTML, keeps srcset candidates', () => {
    const html =
      '<!-- <a href="https://no.test/"> -->\n<script>var u = "<a href=\'https://no2.test\'>"</script>\n<img srcset="a.png 1x, b.png 2x">';
    expect(extractHtmlLinks(html).links).toEqual([
      { raw: 'a.png', line: 3 },
      { raw: 'b.png', line: 3 },
    ]);
  });

  it('detects the input format', () => {
    expect(detectFormat('https://a.test/\n# note\nhttps://b.test/\n')).toBe('urls');
    expect(detectFormat('<html><a href="x">y</a></html>')).toBe('html');
    expect(detectFormat('Some [text](https://x.test/)')).toBe('markdown');
    expect(detectFormat('anything', 'README.md')).toBe('markdown');
    expect(detectFormat('anything', 'page.HTM')).toBe('html');
  });
});
