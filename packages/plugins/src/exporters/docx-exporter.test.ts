import { getDefaultTaxonomy } from '@dossier/core';
import type { ExporterHandler } from '@dossier/core/plugins';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTermFinder } from '../ats/create-term-finder.js';
import { extractDocxText } from '../ats/extract-docx-text.js';
import { selectCriticalTerms } from '../ats/select-critical-terms.js';
import {
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
} from '../test-support/sample-content.js';
import { docxExporter } from './docx-exporter.js';

const ctx = createTestContext();
let exporter: ExporterHandler;

beforeAll(async () => {
  exporter = (await docxExporter.create({}, createTestDeps())) as ExporterHandler;
});

const exportDocx = async (content = buildSampleCv(), options = {}) =>
  (await exporter.export({ content, options }, ctx)).bytes;

async function readParts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  return {
    document: await zip.file('word/document.xml')!.async('string'),
    rels: await zip.file('word/_rels/document.xml.rels')!.async('string'),
  };
}

/** Hyperlink relationship targets, the URLs Word opens. */
const hyperlinkTargets = (rels: string) =>
  [...rels.matchAll(/<Relationship [^>]*Type="[^"]*\/hyperlink"[^>]*>/g)].map((m) =>
    /Target="([^"]*)"/.exec(m[0])![1]!.replace(/&amp;/g, '&'),
  );

describe('docx-exporter', () => {
  it('round-trips every heading, the name and every critical keyword through mammoth', async () => {
    const content = buildSampleCv();
    const text = await extractDocxText(await exportDocx(content));
    const lines = text.split('\n').map((line) => line.trim());
    expect(lines[0]).toBe('Zoë 李');
    for (const section of content.sections) expect(lines).toContain(section.heading);
    const taxonomy = getDefaultTaxonomy();
    const stated = createTermFinder(JSON.stringify(content.sections), taxonomy);
    const inDocx = createTermFinder(text, taxonomy);
    for (const term of selectCriticalTerms(buildSampleJob(), taxonomy).filter((t) => stated.has(t))) {
      expect(inDocx.has(term), term.name).toBe(true);
    }
    for (const word of ['efficient', 'workflow', 'office', '🚀']) expect(text).toContain(word);
  });

  it('uses real heading styles, list numbering and no layout tables or text boxes', async () => {
    const { document } = await readParts(await exportDocx());
    const styled = (style: string) =>
      [...document.matchAll(new RegExp(`<w:pStyle w:val="${style}"/>.*?</w:p>`, 'g'))].map((m) =>
        m[0].replace(/<[^>]+>/g, ''),
      );
    expect(styled('Heading1')).toEqual(['Zoë 李']);
    expect(styled('Heading2')).toEqual(['Summary', 'Experience', 'Projects', 'Skills', 'Education']);
    expect(document.match(/<w:numPr>/g)?.length).toBe(5);
    expect(document).not.toMatch(/<w:tbl[ >]|<w:txbxContent|<v:textbox|<wps:txbx/);
  });

  it('links evidence and contact details as external hyperlinks', async () => {
    const { document, rels } = await readParts(await exportDocx());
    expect(rels).toMatch(/TargetMode="External"/);
    expect(hyperlinkTargets(rels)).toEqual(
      expect.arrayContaining([
        'mailto:zoe.li@example.com',
        'https://github.com/northwind-example/ledger/pull/118',
        'https://engineering.northwind.example/ledger-launch',
        'https://github.com/zoe-li-example/oncall-bot',
      ]),
    );
    expect(document.match(/<w:hyperlink /g)?.length).toBe(hyperlinkTargets(rels).length);
  });

  it('omits or marks broken evidence', async () => {
    const broken = 'https://engineering.northwind.example/ledger-launch';
    const omitted = await readParts(await exportDocx(buildSampleCv(), { brokenEvidence: 'omit' }));
    expect(hyperlinkTargets(omitted.rels)).not.toContain(broken);
    const marked = await extractDocxText(await exportDocx(buildSampleCv(), { brokenEvidence: 'mark' }));
    expect(marked).toContain('Launch post (link unavailable)');
  });

  it('lists evidence footnotes with their URLs when asked', async () => {
    const text = await extractDocxText(await exportDocx(buildSampleCv(), { evidenceFootnotes: true }));
    expect(text).toContain('Ledger batching PR [1]');
    expect(text).toContain('[2] Launch post: https://engineering.northwind.example/ledger-launch');
  });

  it('writes a letter as prose without section headings', async () => {
    const bytes = await exportDocx(buildSampleLetter());
    const text = await extractDocxText(bytes);
    expect(text).toContain('Dear Acme Logistics hiring team,');
    expect(text).toContain('Kind regards,');
    const { document } = await readParts(bytes);
    expect(document).not.toContain('Heading2');
  });
});
