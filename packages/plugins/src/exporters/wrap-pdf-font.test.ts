import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type FontkitFont, wrapPdfFont } from './wrap-pdf-font.js';

const require = createRequire(import.meta.url);
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(buffer: Uint8Array): FontkitFont;
};

/** A font parsed for this test alone, so no other test has laid out any of its glyphs yet. */
const freshFont = () => fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

describe('wrapPdfFont', () => {
  it('keeps the characters of a glyph that an embedded composite glyph is built from', () => {
    const font = wrapPdfFont(freshFont());
    const subset = font.createSubset();
    // "É" and Greek "Ε" are drawn from the outline of "E", which no text has used yet.
    for (const glyph of font.layout('École Ελλάδα').glyphs) subset.includeGlyph(glyph.id);
    subset.encode();
    expect(font.layout('Engineer').glyphs[0]!.codePoints).toEqual([0x45]);
  });

  it('would lose them with fontkit alone (the check above can fail)', () => {
    const font = freshFont();
    const subset = font.createSubset();
    for (const glyph of font.layout('École').glyphs) subset.includeGlyph(glyph.id);
    subset.encode();
    expect(font.layout('Engineer').glyphs[0]!.codePoints).toEqual([]);
  });
});
