import { describe, expect, it } from 'vitest';
import { convertHtmlToText } from './convert-html-to-text.js';
import { decodeHtmlEntities } from './decode-html-entities.js';

describe('convertHtmlToText', () => {
  it('drops scripts, styles and comments, and turns blocks into lines', () => {
    const html = `<html><head><title>T</title><style>p { color: red }</style></head><body>
      <!-- hidden --><script type="text/javascript">if (a < b) { alert("x") }</script>
      <div>First<br>second</div><p>Third   paragraph
      wrapped</p><SCRIPT>never()</SCRIPT></body></html>`;
    expect(convertHtmlToText(html)).toBe('First\nsecond\n\nThird paragraph wrapped');
  });

  it('writes headings as # lines and lists as - lines, nested ones indented', () => {
    const html =
      '<h2>Requirements</h2><ul><li>Go</li><li>SQL<ul><li>PostgreSQL</li></ul></li></ul><ol><li>One</li></ol>';
    expect(convertHtmlToText(html)).toBe('## Requirements\n\n- Go\n- SQL\n  - PostgreSQL\n- One');
  });

  it('decodes named and numeric entities', () => {
    expect(
      convertHtmlToText('<p>R&amp;D &ndash; Z&#252;rich &#x1F680; caf&eacute;&nbsp;bar &bogus;</p>'),
    ).toBe('R&D – Zürich 🚀 café bar &bogus;');
    expect(decodeHtmlEntities('&#0; &#xD800; &lt;b&gt;')).toBe('&#0; &#xD800; <b>');
  });

  it('keeps links and bold text as Markdown when asked', () => {
    const html =
      '<p><strong>Engineer</strong>, <a href="https://acme.example/">Acme</a> <a href="mailto:a@b.co">a@b.co</a> <a href="javascript:x()">x</a></p>';
    expect(convertHtmlToText(html, { links: true, emphasis: true })).toBe(
      '**Engineer**, [Acme](https://acme.example/) mailto:a@b.co x',
    );
    expect(convertHtmlToText(html)).toBe('Engineer, Acme a@b.co x');
  });

  it('tolerates broken markup', () => {
    expect(convertHtmlToText('<p>unclosed <b>bold <i>italic</p> a < b and <li>item')).toBe(
      'unclosed bold italic\n\na < b and\n- item',
    );
  });
});
