/**
 * Writes a small PDF by hand whose name line uses a Type0 font with a ToUnicode map and no embedded font
 * program, so any code point — CJK, emoji — survives extraction without shipping a font that draws it. The
 * rest of the resume is in the standard Helvetica fonts. Offsets in the xref table are computed exactly.
 */
export function buildUnicodeNamePdf(
  name: string,
  lines: readonly { text: string; size: number; bold?: boolean }[],
): Uint8Array {
  const codePoints = [...new Set([...name].map((ch) => ch.codePointAt(0)!))];
  const cid = new Map(codePoints.map((cp, i) => [cp, i + 1]));
  const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const utf16 = (cp: number) =>
    cp > 0xffff ? hex4(0xd800 + ((cp - 0x10000) >> 10)) + hex4(0xdc00 + ((cp - 0x10000) & 0x3ff)) : hex4(cp);
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    `${codePoints.length} beginbfchar`,
    ...codePoints.map((cp) => `<${hex4(cid.get(cp)!)}> <${utf16(cp)}>`),
    'endbfchar',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const escapeLiteral = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    `BT /F1 22 Tf 72 730 Td <${[...name].map((ch) => hex4(cid.get(ch.codePointAt(0)!)!)).join('')}> Tj ET`,
    ...lines.map(
      (line, i) =>
        `BT /${line.bold ? 'F3' : 'F2'} ${line.size} Tf 72 ${700 - i * 16} Td (${escapeLiteral(line.text)}) Tj ET`,
    ),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 7 0 R /F3 8 0 R >> >> /Contents 9 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /UnicodeName /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /UnicodeName /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>',
    `<< /Length ${Buffer.byteLength(cmap, 'latin1')} >>\nstream\n${cmap}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
