export type Stemmer = (word: string) => string;

// The module path is held in a `string` so TypeScript does not look for declarations natural does not ship
// for this file; importing `natural` itself would load its whole NLP toolkit (seconds) for one function.
const PORTER_STEMMER_MODULE: string = 'natural/lib/natural/stemmers/porter_stemmer.js';

let loading: Promise<Stemmer> | undefined;

/** natural's Porter stemmer ("scaling" → "scale"), loaded once on first use. */
export function loadPorterStemmer(): Promise<Stemmer> {
  loading ??= import(PORTER_STEMMER_MODULE).then((mod: { default: { stem(word: string): string } }) => {
    const stemmer = mod.default;
    return (word: string) => stemmer.stem(word);
  });
  return loading;
}
