import { getDefaultTaxonomy, type Taxonomy, type TDocumentContent, type TParsedJob } from '@dossier/core';
import { ATS_EXTRACTOR_NAMES, ATS_EXTRACTORS } from './ats-extractors.js';
import { type AtsProfile, selectAtsProfiles } from './ats-profiles.js';
import { type AtsExpectations, buildExpectations } from './build-expectations.js';
import { DEFAULT_KEYWORD_THRESHOLD, judgeReading } from './judge-reading.js';
import { createExactMatcher, createNormalisedMatcher, type KeywordMatcher } from './match-keywords.js';
import { parseReading } from './parse-reading.js';
import { readAsProfile } from './read-as-profile.js';
import type { AtsExtraction, AtsExtractionOutcome, AtsFormat } from './types.js';

export interface RunAtsEmulationInput {
  pdf?: Uint8Array;
  docx?: Uint8Array;
  content: TDocumentContent;
  job: TParsedJob;
  /** Profile names; every profile when absent. */
  profiles?: string[];
  /** Extractor names; every extractor when absent. */
  extractors?: string[];
  /** Share of the stated critical keywords a profile must find; 0.8 by default. */
  keywordThreshold?: number;
  /** The skill taxonomy; the default one when absent. */
  taxonomy?: Taxonomy;
  /** Path of the pdftotext program; `pdftotext` from PATH by default. */
  pdftotextBinary?: string;
  /** Per pdftotext run; 10 s by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AtsEmulationResult {
  profile: string;
  extractor: string;
  format: AtsFormat;
  passed: boolean;
  /** 0–1. */
  score: number;
  /** Why the run failed; empty when it passed. */
  reasons: string[];
}

export interface AtsEmulationReport {
  results: AtsEmulationResult[];
  /** passed / results over every run that was possible; 0 when none was. */
  passRate: number;
  /** Extractors that could not run at all (a missing program), with the reason. */
  skipped: { extractor: string; format: AtsFormat; reason: string }[];
  /** Milliseconds per extractor. */
  extractionMs: Record<string, number>;
}

function runProfiles(
  extraction: AtsExtraction,
  profiles: AtsProfile[],
  expectations: AtsExpectations,
  taxonomy: Taxonomy,
  threshold: number,
): AtsEmulationResult[] {
  // Profiles that read the extraction the same way share their keyword matchers.
  const normalised = new Map<string, KeywordMatcher>();
  const normalisedFor = (text: string) => {
    let matcher = normalised.get(text);
    if (!matcher) {
      matcher = createNormalisedMatcher(text, taxonomy, expectations.stem);
      normalised.set(text, matcher);
    }
    return matcher;
  };
  return profiles.map((profile) => {
    const reading = readAsProfile(extraction, profile.rules);
    const parsed = parseReading(reading, profile.rules);
    const keywords =
      profile.rules.keywords === 'exact' ? createExactMatcher(reading.text) : normalisedFor(reading.text);
    const verdict = judgeReading({
      profile,
      extraction,
      expectations,
      reading,
      parsed,
      keywords,
      normalisedKeywords: () => normalisedFor(reading.text),
      threshold,
    });
    return { profile: profile.name, extractor: extraction.extractor, format: extraction.format, ...verdict };
  });
}

/**
 * The emulated ATS suite: extracts the text of each rendering once per extractor (pdfjs, pdftotext in layout
 * and raw modes, mammoth, the DOCX XML), then parses every extraction with every profile and judges what
 * came out against the content. An extractor whose program is missing is skipped and counted nowhere; one
 * that cannot read the file fails every profile with the reason.
 */
export async function runAtsEmulation(input: RunAtsEmulationInput): Promise<AtsEmulationReport> {
  if (!input.pdf && !input.docx) throw new TypeError('runAtsEmulation needs a PDF or a DOCX rendering');
  const profiles = selectAtsProfiles(input.profiles);
  const wanted = input.extractors ?? ATS_EXTRACTOR_NAMES;
  const unknown = wanted.filter((name) => !ATS_EXTRACTOR_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown ATS extractor(s): ${unknown.join(', ')}. Known: ${ATS_EXTRACTOR_NAMES.join(', ')}`,
    );
  }
  const taxonomy = input.taxonomy ?? getDefaultTaxonomy();
  const threshold = input.keywordThreshold ?? DEFAULT_KEYWORD_THRESHOLD;
  const options = { signal: input.signal, timeoutMs: input.timeoutMs, binary: input.pdftotextBinary };
  const extractors = ATS_EXTRACTORS.filter((extractor) => wanted.includes(extractor.name));
  const [expectations, outcomes] = await Promise.all([
    buildExpectations(input.content, input.job, taxonomy),
    Promise.all(
      extractors.flatMap((extractor): Promise<AtsExtractionOutcome>[] => {
        const bytes = extractor.format === 'pdf' ? input.pdf : input.docx;
        return bytes ? [extractor.extract(bytes, options)] : [];
      }),
    ),
  ]);
  input.signal?.throwIfAborted();

  const results: AtsEmulationResult[] = [];
  const skipped: AtsEmulationReport['skipped'] = [];
  const extractionMs: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.ok) {
      extractionMs[outcome.extraction.extractor] = Math.round(outcome.extraction.durationMs * 10) / 10;
      results.push(...runProfiles(outcome.extraction, profiles, expectations, taxonomy, threshold));
    } else if (outcome.skipped) {
      skipped.push({ extractor: outcome.extractor, format: outcome.format, reason: outcome.reason });
    } else {
      for (const profile of profiles) {
        results.push({
          profile: profile.name,
          extractor: outcome.extractor,
          format: outcome.format,
          passed: false,
          score: 0,
          reasons: [outcome.reason],
        });
      }
    }
  }
  const passed = results.filter((result) => result.passed).length;
  return { results, passRate: results.length === 0 ? 0 : passed / results.length, skipped, extractionMs };
}
