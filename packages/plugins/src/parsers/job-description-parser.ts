import { definePlugin, type ParserOutput, type TParsedJob } from '@dossier/core';
import {
  extractCompany,
  extractEducation,
  extractLocation,
  extractSeniority,
  extractTitle,
  extractYears,
} from './job/extract-job-facts.js';
import { splitJobLines } from './job/split-job-lines.js';
import {
  collectJobItems,
  extractRequirements,
  extractResponsibilities,
  weighJobKeywords,
  weighJobSkills,
} from './job/weigh-job-terms.js';
import { ParseError } from './parse-error.js';
import { convertHtmlToText } from './shared/convert-html-to-text.js';
import { detectLanguage } from './shared/detect-language.js';
import { assertMediaType, MAX_BYTES_OPTIONS_SCHEMA, readInputText } from './shared/read-parser-input.js';

export interface JobDescriptionParserOptions {
  /** Largest job description accepted, in bytes of UTF-8 text (HTML counted before conversion). */
  maxBytes?: number;
}

export const JOB_DESCRIPTION_MEDIA_TYPES = ['text/plain', 'text/markdown', 'text/html'] as const;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const LANGUAGE_NAMES: Record<string, string> = {
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  other: 'not English',
};

/**
 * Job descriptions in plain text, Markdown or HTML → a parsed job: title, company, location, seniority, years,
 * education, must-have and nice-to-have requirements, weighted skills and ATS keywords, responsibilities.
 */
export const jobDescriptionParser = definePlugin<'parser', JobDescriptionParserOptions>({
  name: 'job-description',
  kind: 'parser',
  version: '1.0.0',
  description:
    'Parses job descriptions (text, Markdown, HTML) into requirements, weighted skills and keywords.',
  order: 10,
  optionsSchema: MAX_BYTES_OPTIONS_SCHEMA,
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    return {
      accepts: [...JOB_DESCRIPTION_MEDIA_TYPES],
      produces: 'job',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        const mediaType = assertMediaType(input, JOB_DESCRIPTION_MEDIA_TYPES, 'job-description');
        const raw = readInputText(input, maxBytes);
        const text = (mediaType === 'text/html' ? convertHtmlToText(raw) : raw)
          .replace(/\r\n?/g, '\n')
          .replace(/[\u00a0\u2007\u202f]/g, ' ')
          .trim();
        if (!text) throw new ParseError('EMPTY_INPUT', 'The job description has no visible text');
        ctx.signal.throwIfAborted();

        const lines = splitJobLines(text);
        const language = detectLanguage(text);
        if (language !== 'en') {
          ctx.report({
            ruleId: 'jd/non-english',
            severity: 'warning',
            message: `The job description looks ${language === 'other' ? 'not to be English' : `to be ${LANGUAGE_NAMES[language]}`} (${language}); it was parsed best-effort and skills or requirements may be missed.`,
          });
        }
        const { title, company: titleCompany } = extractTitle(lines);
        const items = collectJobItems(lines.filter((line) => line.text !== title || line.kind === 'bullet'));
        ctx.signal.throwIfAborted();
        const yearsOfExperience = extractYears(lines);
        const job: TParsedJob = {
          title,
          company: extractCompany(lines, titleCompany),
          location: extractLocation(lines),
          seniority: extractSeniority(title, text, yearsOfExperience),
          yearsOfExperience,
          education: extractEducation(lines),
          requirements: extractRequirements(items),
          skills: weighJobSkills(title, items, deps.taxonomy),
          keywords: weighJobKeywords(title, items),
          responsibilities: extractResponsibilities(items),
          language,
          text,
        };
        ctx.progress(100);
        return { type: 'job', job };
      },
    };
  },
});
