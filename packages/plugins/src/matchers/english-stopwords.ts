/**
 * Common English function words, dropped before BM25 scoring so "the" and "with" never count as matches.
 * Written for Dossier; words that are also technology names ("go", "less", "make", "rest") are left out on
 * purpose, since dropping them would hide a real skill.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along also although always am among an and another any
  anyone anything are around as at be became because been before being below between both but by can cannot
  could did do does doing done down during each either else etc even ever every few for from further had has
  have having he her here hers herself him himself his how however i if in into is it its itself just least
  many may me might mine more most much must my myself neither no nor not now of off often on once one only
  onto or other others our ours ourselves out over own per please quite rather really said same several shall
  she should since so some such than that the their theirs them themselves then there these they this those
  though through thus to too toward towards under until up upon us very via was we well were what whatever
  when where whether which while who whom whose why will with within without would yet you your yours
  yourself yourselves able e.g i.e including include includes etc plus strong solid good great excellent
  experience experienced years year ability work working`
    .split(/\s+/)
    .filter(Boolean),
);
