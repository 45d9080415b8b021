import {
  type ArtifactScore,
  definePlugin,
  type PluginDefinition,
  type TParsedJob,
  type TPipelineArtifact,
} from '@dossier/core';
import { type AnalyzedTerm, createTermAnalyzer, type TermAnalyzer } from './create-term-analyzer.js';
import { loadPorterStemmer } from './load-porter-stemmer.js';

export interface Bm25MatcherOptions {
  /** Term-frequency saturation: higher lets repeated terms keep adding score. */
  k1?: number;
  /** Length normalisation: 0 ignores artifact length, 1 fully normalises by it. */
  b?: number;
  /** Porter-stem plain English words ("scaling" = "scaled"); technology tokens are never stemmed. */
  stem?: boolean;
  /** How many matched terms to list as reasons. */
  maxReasons?: number;
}

const DEFAULTS: Required<Bm25MatcherOptions> = { k1: 1.2, b: 0.75, stem: true, maxReasons: 5 };

// Query term weight: a skill the job weighs at 1 counts twice a word of its requirements; nice-to-haves half.
const MAX_QUERY_WEIGHT = 3;

interface Document {
  artifact: TPipelineArtifact;
  tf: Map<string, number>;
  length: number;
}

/** The job as weighted query terms: skills (by their weight), keywords, requirements and responsibilities. */
function buildQuery(
  job: TParsedJob,
  analyzer: TermAnalyzer,
): { weights: Map<string, number>; names: Map<string, string> } {
  const weights = new Map<string, number>();
  const names = new Map<string, string>();
  const add = (terms: AnalyzedTerm[], weight: number): void => {
    for (const { term, display } of terms) {
      weights.set(term, Math.min(MAX_QUERY_WEIGHT, (weights.get(term) ?? 0) + weight));
      if (!names.has(term)) names.set(term, display);
    }
  };
  for (const skill of job.skills) {
    const weight = 1 + skill.weight;
    add([analyzer.skillTerm(skill.id, skill.name)], weight);
    add(analyzer.analyze(skill.name), weight / 2);
  }
  for (const keyword of job.keywords) add(analyzer.analyze(keyword.term), 0.5 + keyword.weight);
  for (const line of job.requirements.mustHave) add(analyzer.analyze(line), 1);
  for (const line of job.requirements.niceToHave) add(analyzer.analyze(line), 0.5);
  for (const line of job.responsibilities) add(analyzer.analyze(line), 0.5);
  return { weights, names };
}

function buildDocument(artifact: TPipelineArtifact, analyzer: TermAnalyzer): Document {
  const terms = analyzer.analyze(
    [
      artifact.title,
      artifact.summary,
      artifact.role ?? '',
      artifact.technologies.join(', '),
      ...artifact.outcomes,
    ].join('\n'),
  );
  // Skills derived when the artifact was saved count once if the text did not already name them.
  const named = new Set(terms.map((t) => t.term));
  for (const id of artifact.skills) if (!named.has(`=${id}`)) terms.push(analyzer.skillTerm(id, id));
  const tf = new Map<string, number>();
  for (const { term } of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return { artifact, tf, length: terms.length };
}

/**
 * BM25 over each artifact's title, summary, role, technologies and outcomes against the job's skills,
 * keywords, requirements and responsibilities. Skill aliases meet on the taxonomy id ("Golang" = "Go");
 * scores are divided by the best artifact's, so the best match scores 1.
 */
export function createBm25Matcher(): PluginDefinition<'matcher', Bm25MatcherOptions> {
  return definePlugin<'matcher', Bm25MatcherOptions>({
    name: 'bm25-matcher',
    kind: 'matcher',
    version: '1.0.0',
    description: 'Ranks artifacts by BM25 text relevance to the job, with skill aliases unified.',
    optionsSchema: {
      type: 'object',
      properties: {
        k1: { type: 'number', minimum: 0, maximum: 5, default: DEFAULTS.k1 },
        b: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.b },
        stem: { type: 'boolean', default: DEFAULTS.stem },
        maxReasons: { type: 'integer', minimum: 0, maximum: 20, default: DEFAULTS.maxReasons },
      },
      additionalProperties: false,
    },
    async create(options, deps) {
      const { k1, b, stem, maxReasons } = { ...DEFAULTS, ...options };
      const analyzer = createTermAnalyzer(deps.taxonomy, stem ? await loadPorterStemmer() : null);
      return {
        async match({ job, artifacts }, ctx): Promise<ArtifactScore[]> {
          ctx.signal.throwIfAborted();
          const query = buildQuery(job, analyzer);
          const docs = artifacts.map((a) => buildDocument(a, analyzer));
          const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length) || 1;
          const idf = new Map<string, number>();
          for (const term of query.weights.keys()) {
            const df = docs.reduce((n, d) => n + (d.tf.has(term) ? 1 : 0), 0);
            idf.set(term, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5)));
          }
          const scored = docs.map((doc) => {
            const contributions: Array<{ term: string; value: number; tf: number }> = [];
            const norm = k1 * (1 - b + (b * doc.length) / avgLength);
            for (const [term, weight] of query.weights) {
              const tf = doc.tf.get(term);
              if (!tf) continue;
              const value = weight * idf.get(term)! * ((tf * (k1 + 1)) / (tf + norm));
              contributions.push({ term, value, tf });
            }
            contributions.sort((x, y) => y.value - x.value || (x.term < y.term ? -1 : 1));
            return { doc, contributions, raw: contributions.reduce((sum, c) => sum + c.value, 0) };
          });
          const best = Math.max(0, ...scored.map((s) => s.raw));
          return scored.map(({ doc, contributions, raw }) => {
            const display = (term: string): string => query.names.get(term) ?? term;
            return {
              artifactId: doc.artifact.id,
              score: best > 0 ? raw / best : 0,
              reasons: contributions.slice(0, maxReasons).map((c) => ({
                kind: c.term.startsWith('=') ? 'skill' : 'keyword',
                detail: `matched "${display(c.term)}"${c.tf > 1 ? ` ${c.tf} times` : ''}`,
                weight: raw > 0 ? c.value / raw : 0,
              })),
              matchedSkills: contributions.filter((c) => c.term.startsWith('=')).map((c) => c.term.slice(1)),
              matchedKeywords: contributions
                .filter((c) => !c.term.startsWith('='))
                .map((c) => display(c.term)),
            };
          });
        },
      };
    },
  });
}
