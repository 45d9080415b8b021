import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';

export const DOCX_RESUME = {
  name: 'Zoë 李 🚀',
  email: 'zoe.li@example.dev',
  project: { title: 'ledgerkit', url: 'https://github.com/zoe-li-dev/ledgerkit' },
} as const;

/** A Word resume built with the docx package: heading styles, a contact line, entries, bullets, a hyperlink. */
export async function generateResumeDocx(): Promise<Uint8Array> {
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ text, heading: level });
  const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
  const doc = new Document({
    creator: 'Dossier tests',
    sections: [
      {
        children: [
          heading(DOCX_RESUME.name, HeadingLevel.HEADING_1),
          new Paragraph({ text: 'Staff Backend Engineer' }),
          new Paragraph({ text: `${DOCX_RESUME.email} | +49 30 5550 1234 | Berlin, Germany` }),
          heading('Experience', HeadingLevel.HEADING_2),
          heading('Staff Backend Engineer — Quayside Payments (Mar 2021 – Present)', HeadingLevel.HEADING_3),
          new Paragraph({ text: 'Leads the settlement platform team.' }),
          bullet('Cut settlement batch time from 4 hours to 25 minutes with Kafka consumers written in Go'),
          bullet('Designed the idempotency layer that removed duplicate payouts'),
          new Paragraph({
            children: [
              new TextRun({ text: 'Backend Engineer', bold: true }),
              new TextRun(', Parcelwise — 2017 – 2021'),
            ],
          }),
          bullet('Built the route pricing API in Python and Django'),
          heading('Projects', HeadingLevel.HEADING_2),
          new Paragraph({
            children: [
              new ExternalHyperlink({
                link: DOCX_RESUME.project.url,
                children: [new TextRun({ text: DOCX_RESUME.project.title, bold: true })],
              }),
              new TextRun(' (2022 – 2024)'),
            ],
          }),
          bullet('Double-entry bookkeeping library for Go with property-based tests'),
          heading('Education', HeadingLevel.HEADING_2),
          new Paragraph({ text: 'M.Sc. in Computer Science, Technische Universität Berlin, 2014 – 2016' }),
          heading('Skills', HeadingLevel.HEADING_2),
          new Paragraph({ text: 'Go, Python, PostgreSQL, Kafka, Kubernetes' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A zip that declares more than `bytes` uncompressed: one entry of that many zeros, deflated to a few tens of
 * kilobytes, next to a tiny word/document.xml.
 */
export async function generateZipBomb(bytes: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  zip.file('word/media/zeros.bin', new Uint8Array(bytes));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * Rewrites the uncompressed size an entry declares, in its local header and in the central directory, leaving
 * the data alone: the archive then lies about what inflating it would produce.
 */
export function patchDeclaredSize(zipBytes: Uint8Array, entryName: string, size: number): Uint8Array {
  const out = zipBytes.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const name = new TextEncoder().encode(entryName);
  const nameAt = (offset: number, length: number) =>
    length === name.length && name.every((byte, i) => out[offset + i] === byte);
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && nameAt(i + 30, view.getUint16(i + 26, true)))
      view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && nameAt(i + 46, view.getUint16(i + 28, true)))
      view.setUint32(i + 24, size, true);
  }
  return out;
}

/** A stored (uncompressed) archive with a Word part, as a starting point for archives that lie. */
export async function generateSmallZip(entries: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
