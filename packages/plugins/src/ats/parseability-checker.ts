import { ATS_PASS_SCORE, type TAtsFinding, type Taxonomy, type TDocumentContent } from '@dossier/core';
import { definePlugin } from '@dossier/core/plugins';
import { shownHeading } from '../exporters/prepare-export-view.js';
import { contentToText } from './content-to-text.js';
import { createTermFinder } from './create-term-finder.js';
import { extractDocxText } from './extract-docx-text.js';
import { extractPdfText } from './extract-pdf-text.js';
import { type CriticalTerm, selectCriticalTerms } from './select-critical-terms.js';
import { normalizeHeading } from './standard-headings.js';

export interface ParseabilityOptions {
  /** Formats to round-trip; each needs an exporter. */
  formats?: ('pdf' | 'docx')[];
}

type Format = 'pdf' | 'docx';

interface Extracted {
  text: string;
  ligatureGlyphs: string[];
}

/** Points per check, per format; a format's points add up to 100. */
const POINTS = {
  name: 10,
  email: 10,
  phone: 5,
  headings: 20,
  order: 10,
  keywords: 25,
  ligatures: 10,
  clean: 10,
};
const LIGATURES = /[\uFB00-\uFB06]/gu;
// U+0000 is what a glyph without a ToUnicode entry extracts as; U+FFFD what a decoder gives up with.
const hasUnknownCharacters = (text: string) =>
  text.includes('\uFFFD') || text.includes(String.fromCharCode(0));

const compact = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const digits = (value: string) => value.replace(/\D+/g, '');

async function extract(format: Format, bytes: Uint8Array): Promise<Extracted> {
  if (format === 'pdf') {
    const pdf = await extractPdfText(bytes);
    return { text: pdf.text, ligatureGlyphs: pdf.ligatureGlyphs };
  }
  return { text: await extractDocxText(bytes), ligatureGlyphs: [] };
}

/** Line index of each heading in the text, searched in document order; -1 when absent. */
function locateHeadings(text: string, headings: string[]): { positions: number[]; inOrder: boolean } {
  const lines = text.split('\n').map(normalizeHeading);
  let cursor = 0;
  let inOrder = true;
  const positions = headings.map((heading) => {
    const key = normalizeHeading(heading);
    let at = lines.indexOf(key, cursor);
    if (at === -1) {
      at = lines.indexOf(key);
      if (at !== -1) inOrder = false;
    }
    if (at !== -1) cursor = at + 1;
    return at;
  });
  return { positions, inOrder };
}

interface RoundTripInput {
  format: Format;
  extracted: Extracted;
  content: TDocumentContent;
  terms: CriticalTerm[];
  taxonomy: Taxonomy;
}

/** Checks one format's extracted text; returns its points (0–100) and findings. */
function judge({ format, extracted, content, terms, taxonomy }: RoundTripInput) {
  const findings: TAtsFinding[] = [];
  const label = format.toUpperCase();
  const text = compact(extracted.text);
  let points = 0;
  const fail = (ruleId: string, severity: TAtsFinding['severity'], message: string, fix: string) =>
    findings.push({
      ruleId: `parseability/${ruleId}`,
      severity,
      message: `${label}: ${message}`,
      fix,
      ref: null,
    });

  const { name, email, phone } = content.profile;
  if (text.includes(compact(name))) points += POINTS.name;
  else
    fail(
      'name',
      'error',
      `the name "${name}" could not be read back.`,
      'Use a font that embeds every letter of the name.',
    );
  if (!email || text.includes(compact(email))) points += POINTS.email;
  else
    fail(
      'email',
      'error',
      `the e-mail address ${email} could not be read back.`,
      'Write the e-mail address as plain text in the header.',
    );
  if (!phone || digits(extracted.text).includes(digits(phone))) points += POINTS.phone;
  else
    fail(
      'phone',
      'warning',
      `the phone number ${phone} could not be read back.`,
      'Write the phone number as plain text in the header.',
    );

  const headings = content.sections.map((s) => shownHeading(content.kind, s)).filter(Boolean);
  const { positions, inOrder } = locateHeadings(extracted.text, headings);
  const lost = headings.filter((_, i) => positions[i] === -1);
  if (lost.length === 0) points += POINTS.headings;
  else {
    points += POINTS.headings * (1 - lost.length / headings.length);
    fail(
      'headings',
      'error',
      `headings not found on a line of their own: ${lost.join(', ')}.`,
      'Put each section heading on its own line, as text, not in an image or a table.',
    );
  }
  if (inOrder) points += POINTS.order;
  else
    fail(
      'reading-order',
      'warning',
      'section headings come out in a different order than written.',
      'Keep a single column so text is read top to bottom.',
    );

  const finder = createTermFinder(extracted.text, taxonomy);
  const dropped = terms.filter((term) => !finder.has(term)).map((t) => t.name);
  if (dropped.length === 0) points += POINTS.keywords;
  else {
    points += terms.length > 0 ? POINTS.keywords * (1 - dropped.length / terms.length) : 0;
    fail(
      'keywords',
      'error',
      `keywords lost in extraction: ${dropped.join(', ')}.`,
      'Write these terms as plain text; avoid ligatures, images and unusual glyphs in them.',
    );
  }

  const ligatures = [...new Set([...(extracted.text.match(LIGATURES) ?? []), ...extracted.ligatureGlyphs])];
  if (ligatures.length === 0) points += POINTS.ligatures;
  else
    fail(
      'ligatures',
      'error',
      `ligature glyphs found (${ligatures.join(' ')}); words like "efficient" may not be found.`,
      'Export with ligatures turned off.',
    );

  if (!hasUnknownCharacters(extracted.text)) points += POINTS.clean;
  else
    fail(
      'replacement-characters',
      'warning',
      'some characters come out as unknown symbols.',
      'Embed a font that has every character used, or replace the unusual characters.',
    );

  return { points, findings };
}

/**
 * Round trip: renders the content to PDF and DOCX, reads the text back with independent extractors (pdfjs-dist,
 * mammoth) and checks what an ATS needs: contact details, headings in order, every critical keyword, no
 * ligatures, no unknown characters. The score is the mean over formats.
 */
export const parseabilityChecker = definePlugin<'ats-checker', ParseabilityOptions>({
  name: 'parseability',
  kind: 'ats-checker',
  version: '1.0.0',
  description: 'Renders the document and checks that an ATS can read it back.',
  order: 20,
  optionsSchema: {
    type: 'object',
    properties: {
      formats: {
        type: 'array',
        items: { type: 'string', enum: ['pdf', 'docx'] },
        minItems: 1,
        uniqueItems: true,
        default: ['pdf', 'docx'],
      },
    },
    additionalProperties: false,
  },
  create(options, deps) {
    const formats: Format[] = options.formats ?? ['pdf', 'docx'];
    return {
      weight: 0.35,
      async check({ content, job, render }, ctx) {
        // Only terms the document states can be lost; coverage is the keyword checker's business.
        const inContent = createTermFinder(contentToText(content), deps.taxonomy);
        const terms = selectCriticalTerms(job, deps.taxonomy).filter((term) => inContent.has(term));
        const findings: TAtsFinding[] = [];
        const perFormat: Record<string, number> = {};
        await Promise.all(
          formats.map(async (format) => {
            let extracted: Extracted;
            try {
              const output = await render(format);
              ctx.signal.throwIfAborted();
              extracted = await extract(format, output.bytes);
            } catch (error) {
              if (ctx.signal.aborted) throw error;
              perFormat[format] = 0;
              findings.push({
                ruleId: 'parseability/render-failed',
                severity: 'error',
                message: `${format.toUpperCase()}: could not render and read back (${(error as Error).message}).`,
                fix: `Check that a ${format} exporter is installed and the content renders.`,
                ref: null,
              });
              return;
            }
            const result = judge({ format, extracted, content, terms, taxonomy: deps.taxonomy });
            perFormat[format] = Math.round(result.points);
            findings.push(...result.findings);
          }),
        );
        const score = Math.round(formats.reduce((sum, f) => sum + (perFormat[f] ?? 0), 0) / formats.length);
        return {
          score,
          passed: score >= ATS_PASS_SCORE && !findings.some((f) => f.severity === 'error'),
          findings: findings.sort((a, b) => a.message.localeCompare(b.message)),
          details: { formats: perFormat, criticalTermsChecked: terms.map((t) => t.name) },
        };
      },
    };
  },
});
