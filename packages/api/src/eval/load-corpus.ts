import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDefaultTaxonomy, type Taxonomy, type TParsedJob } from '@dossier/core';
import { classifyField } from './classify-field.js';
import type { GoldenCase, GoldenField, GoldenJob, GoldenPersona } from './types.js';

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export interface CorpusPosting {
  id: string;
  source?: string;
  title: string;
  company?: string | null;
  location?: string | null;
  description: string;
}

export interface LoadCorpusOptions {
  /** A JSONL file: one posting a line (`id`, `title`, `description`; `company`, `source`… optional). */
  file: string;
  personas: Iterable<GoldenPersona>;
  /** The job-description parser (the pipeline's), which supplies the critical keywords. */
  parseJob: (text: string) => Promise<TParsedJob>;
  /** At most this many postings are read (after skipping bad lines). */
  limit?: number;
  /** Critical keywords per case (the parser's heaviest skills and keywords the persona supports). */
  maxKeywords?: number;
  /** Cases with fewer supported keywords than this are dropped: the persona does not fit the posting. */
  minKeywords?: number;
  /** For skill aliases ("Kafka" backs "Apache Kafka"); default: the built-in taxonomy. */
  taxonomy?: Taxonomy;
}

export interface LoadedCorpus {
  jobs: GoldenJob[];
  cases: GoldenCase[];
  /** Why postings or pairs were left out, one line each. */
  skipped: string[];
}

/** What a persona's portfolio supports, as lowercase text: technologies, summaries, outcomes and label focus. */
function supportText(persona: GoldenPersona): string {
  const p = persona.portfolio;
  return [
    ...p.artifacts.flatMap((a) => [...a.technologies, a.title, a.summary, ...a.outcomes]),
    ...p.labels.flatMap((l) => l.skillFocus ?? []),
  ]
    .join('\n')
    .toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentionsExactly = (text: string, term: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u').test(text);

/** The term or, for a skill the taxonomy knows, its name or any alias, as a whole phrase in lowercase text. */
function createMentions(taxonomy: Taxonomy) {
  return (text: string, term: string): boolean => {
    if (mentionsExactly(text, term)) return true;
    const ref = taxonomy.normalize(term);
    const entry = ref ? taxonomy.get(ref.id) : undefined;
    return entry ? [entry.name, ...entry.aliases].some((alias) => mentionsExactly(text, alias)) : false;
  };
}

/** Concrete skills a CV could falsely claim; domains and soft skills ("backend development") are too vague. */
const CLAIMABLE = new Set(['language', 'framework', 'tool', 'platform']);

function readPostings(file: string): { postings: CorpusPosting[]; skipped: string[] } {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CorpusError(`corpus ${file} cannot be read: ${(err as Error).message}`);
  }
  const postings: CorpusPosting[] = [];
  const skipped: string[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let json: Partial<CorpusPosting>;
    try {
      json = JSON.parse(line);
    } catch (err) {
      skipped.push(`${path.basename(file)}:${i + 1}: not valid JSON (${(err as Error).message})`);
      return;
    }
    if (
      typeof json.id !== 'string' ||
      typeof json.title !== 'string' ||
      typeof json.description !== 'string'
    ) {
      skipped.push(`${path.basename(file)}:${i + 1}: needs string id, title and description`);
      return;
    }
    postings.push(json as CorpusPosting);
  });
  return { postings, skipped };
}

/**
 * Turns a JSONL job corpus into extra golden cases. Each posting's field comes from `classifyField`; it is
 * paired with every persona of that field. Critical keywords are the parser's skills and keywords, heaviest
 * first, kept only when the persona's portfolio mentions them (technologies, title, summary, outcomes or a
 * label's skill focus; a skill's taxonomy aliases count) — a CV cannot honestly cover what the person never
 * did. The must-feature artifacts are the persona's artifacts that mention the most of those keywords (up to
 * 3), and the must-not-claim terms are the parsed concrete skills (languages, frameworks, tools, platforms)
 * the portfolio never mentions under any alias (up to 6). Cases are `source: corpus:<file>`.
 */
export async function loadCorpus(options: LoadCorpusOptions): Promise<LoadedCorpus> {
  const { file, parseJob, maxKeywords = 10, minKeywords = 3 } = options;
  const taxonomy = options.taxonomy ?? getDefaultTaxonomy();
  const mentions = createMentions(taxonomy);
  const name = path.basename(file);
  const { postings, skipped } = readPostings(file);
  const byField = new Map<GoldenField, GoldenPersona[]>();
  for (const persona of options.personas) {
    const list = byField.get(persona.field) ?? [];
    list.push(persona);
    byField.set(persona.field, list);
  }
  const jobs: GoldenJob[] = [];
  const cases: GoldenCase[] = [];
  for (const posting of postings.slice(0, options.limit ?? postings.length)) {
    const field = classifyField(posting.title, posting.description);
    if (!field) {
      skipped.push(`${posting.id}: no field matches "${posting.title}"`);
      continue;
    }
    const personas = byField.get(field) ?? [];
    if (personas.length === 0) {
      skipped.push(`${posting.id}: no persona in field ${field}`);
      continue;
    }
    const jobId = `corpus-${posting.id}`;
    const text = `# ${posting.title}${posting.company ? ` — ${posting.company}` : ''}\n\n${posting.description}`;
    let parsed: TParsedJob;
    try {
      parsed = await parseJob(text);
    } catch (err) {
      skipped.push(`${posting.id}: the parser failed: ${(err as Error).message}`);
      continue;
    }
    const terms = [
      ...parsed.skills.map((s) => ({ term: s.name, weight: s.weight + (s.required ? 1 : 0) })),
      ...parsed.keywords.map((k) => ({ term: k.term, weight: k.weight })),
    ]
      .sort((a, b) => b.weight - a.weight)
      .map((t) => t.term)
      .filter((t, i, all) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
    let used = false;
    for (const persona of personas) {
      const support = supportText(persona);
      const critical = terms.filter((t) => mentions(support, t)).slice(0, maxKeywords);
      if (critical.length < minKeywords) {
        skipped.push(`${posting.id} × ${persona.id}: ${critical.length} supported keywords`);
        continue;
      }
      const mustFeature = persona.portfolio.artifacts
        .map((a, i) => {
          const own = [...a.technologies, a.title, a.summary, ...a.outcomes].join('\n').toLowerCase();
          return {
            id: a.id ?? `artifact-${i + 1}`,
            hits: critical.filter((t) => mentions(own, t)).length,
            i,
          };
        })
        .filter((a) => a.hits > 0)
        .sort((a, b) => b.hits - a.hits || a.i - b.i)
        .slice(0, 3)
        .map((a) => a.id);
      const all = JSON.stringify(persona.portfolio).toLowerCase();
      const mustNotClaim = parsed.skills
        .filter((s) => CLAIMABLE.has(taxonomy.get(s.id)?.category ?? ''))
        .map((s) => s.name)
        .filter((s) => !mentions(all, s))
        .slice(0, 6);
      cases.push({
        id: `${persona.id}--${jobId}`,
        persona: persona.id,
        job: jobId,
        field,
        criticalKeywords: critical,
        mustFeature,
        mustNotClaim,
        source: `corpus:${name}`,
      });
      used = true;
    }
    if (used) jobs.push({ id: jobId, field, text });
  }
  return { jobs, cases, skipped };
}
