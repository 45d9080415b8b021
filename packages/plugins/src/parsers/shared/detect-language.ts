export type LanguageGuess = 'en' | 'de' | 'fr' | 'es' | 'other';

// Short, frequent function words that rarely appear in another of these languages' job ads.
const STOPWORDS: Record<Exclude<LanguageGuess, 'other'>, readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'with',
    'you',
    'our',
    'we',
    'for',
    'in',
    'is',
    'are',
    'will',
    'your',
    'on',
    'as',
    'be',
    'this',
    'have',
    'or',
    'an',
    'that',
    'from',
    'experience',
    'team',
  ],
  de: [
    'und',
    'der',
    'die',
    'das',
    'mit',
    'für',
    'sie',
    'wir',
    'ihre',
    'ist',
    'sind',
    'zu',
    'von',
    'ein',
    'eine',
    'im',
    'auf',
    'bei',
    'oder',
    'uns',
    'du',
    'dich',
    'dein',
    'deine',
    'erfahrung',
    'kenntnisse',
    'nicht',
    'auch',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'du',
    'une',
    'un',
    'pour',
    'avec',
    'vous',
    'nous',
    'est',
    'dans',
    'sur',
    'au',
    'aux',
    'votre',
    'vos',
    'notre',
    'nos',
    'qui',
    'que',
    'expérience',
    'équipe',
    'être',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'de',
    'del',
    'con',
    'para',
    'por',
    'en',
    'una',
    'un',
    'que',
    'es',
    'nuestro',
    'nuestra',
    'tu',
    'su',
    'sus',
    'experiencia',
    'equipo',
    'conocimientos',
    'como',
    'se',
  ],
};
const LOOKUP = new Map<string, Exclude<LanguageGuess, 'other'>[]>();
for (const [language, words] of Object.entries(STOPWORDS) as [
  Exclude<LanguageGuess, 'other'>,
  readonly string[],
][]) {
  for (const word of words) LOOKUP.set(word, [...(LOOKUP.get(word) ?? []), language]);
}

/**
 * Guesses the language from stopword counts over the first few thousand words. Words shared by several
 * languages ("la", "de") count for each; a winner needs a clear lead, otherwise the answer is `other`.
 */
export function detectLanguage(text: string): LanguageGuess {
  const words =
    text
      .toLowerCase()
      .match(/\p{L}+/gu)
      ?.slice(0, 5000) ?? [];
  if (words.length === 0) return 'other';
  const counts = { en: 0, de: 0, fr: 0, es: 0 };
  for (const word of words) for (const language of LOOKUP.get(word) ?? []) counts[language]++;
  const ranked = (Object.entries(counts) as [Exclude<LanguageGuess, 'other'>, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [best, second] = ranked as [[Exclude<LanguageGuess, 'other'>, number], [string, number]];
  // Very short texts ("Senior Go Engineer") carry no stopwords at all; English is the safe default there.
  if (words.length < 8 && best[1] === 0) return 'en';
  if (best[1] < 2 || best[1] / words.length < 0.04) return 'other';
  return best[1] >= second[1] * 1.25 ? best[0] : 'other';
}
