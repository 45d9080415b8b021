import { type Taxonomy, tokenize } from '@dossier/core';
import { ENGLISH_STOPWORDS } from './english-stopwords.js';
import type { Stemmer } from './load-porter-stemmer.js';

/** A term with how a person would recognise it in a reason ("Apache Kafka", "latency"). */
export interface AnalyzedTerm {
  term: string;
  display: string;
}

export interface TermAnalyzer {
  /** Word terms of free text plus one `=<skill id>` term per skill mention the taxonomy finds in it. */
  analyze(text: string): AnalyzedTerm[];
  /** The term for a skill id, so job skills and artifact technologies meet on the id whatever the alias. */
  skillTerm(id: string, name: string): AnalyzedTerm;
}

// Tokens with digits or technology punctuation ("c++", "node.js", "ci/cd", "s3") are names, not words:
// stemming them would merge "node.js" with "nodes".
const PLAIN_WORD = /^\p{L}+$/u;

export function createTermAnalyzer(taxonomy: Taxonomy, stem: Stemmer | null): TermAnalyzer {
  const stems = new Map<string, string>();
  const stemOf = (word: string): string => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      stemmed = stem ? stem(word) : word;
      stems.set(word, stemmed);
    }
    return stemmed;
  };

  function analyze(text: string): AnalyzedTerm[] {
    const terms: AnalyzedTerm[] = [];
    for (const token of tokenize(text)) {
      if (ENGLISH_STOPWORDS.has(token)) continue;
      if (PLAIN_WORD.test(token)) {
        if (token.length < 2) continue;
        terms.push({ term: stemOf(token), display: token });
      } else {
        terms.push({ term: token, display: token });
      }
    }
    for (const mention of taxonomy.findInText(text)) {
      for (let i = 0; i < mention.count; i++) terms.push({ term: `=${mention.id}`, display: mention.name });
    }
    return terms;
  }

  return { analyze, skillTerm: (id, name) => ({ term: `=${id}`, display: name }) };
}
