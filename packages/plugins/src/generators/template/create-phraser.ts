import type { Taxonomy, TParsedJob, TPipelineArtifact } from '@dossier/core';
import type { SkillProfile } from './build-skill-profile.js';

export interface Phraser {
  /** An outcome as a CV bullet: capitalised, no weak opener, the job's spelling for skills the artifact has. */
  bullet(text: string, artifact: TPipelineArtifact): string;
  /** The job's spelling for the artifact's skills named in the text ("PostgreSQL" → "Postgres"), nothing more. */
  spell(text: string, artifact: TPipelineArtifact): string;
  /** Lowercases a leading ordinary word ("Cut latency" → "cut latency") but never a name ("Kafka", "AWS"). */
  lowerFirst(text: string): string;
  /** Whether the text opens with a past-tense verb that can follow "I" ("Cut", "Migrated", not "Adopted by"). */
  isVerbLed(text: string): boolean;
}

// Openers that hide the outcome; each is replaced by a verb that claims no more than it did.
const WEAK_OPENERS: Array<[RegExp, string]> = [
  [/^(?:was |were )?responsible for\s+/i, 'Owned '],
  [/^in charge of\s+/i, 'Led '],
  [/^(?:was )?involved in\s+/i, 'Contributed to '],
  [/^participated in\s+/i, 'Contributed to '],
  [/^tasked with\s+/i, 'Took on '],
];
const IRREGULAR_PAST = new Set(
  'built cut led ran grew made won wrote rewrote rebuilt set took brought drove kept went became taught sped spent held put got began found sold let shipped'.split(
    ' ',
  ),
);
// "Adopted in production by 3 companies" is passive: it cannot follow "I".
const PASSIVE_NEXT = new Set(['in', 'by', 'across', 'within', 'at', 'as']);

const escapeForRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createPhraser(profile: SkillProfile, job: TParsedJob, taxonomy: Taxonomy): Phraser {
  const patterns = new Map<string, RegExp>();
  const patternFor = (id: string): RegExp => {
    let pattern = patterns.get(id);
    if (!pattern) {
      const forms = profile.formsOf(id).map(escapeForRegExp).join('|');
      // Case-sensitive and whole-word: "Go" is replaced, "go live" and "Google" are not.
      pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}+#])`, 'gu');
      patterns.set(id, pattern);
    }
    return pattern;
  };

  function spell(text: string, artifact: TPipelineArtifact): string {
    const has = profile.skillsOf(artifact);
    const targets = job.skills.filter((s) => has.has(s.id) && profile.formsOf(s.id).length > 0);
    if (targets.length === 0) return text;
    // Only skills the taxonomy actually finds in this text: "go" in "go live" is not the language.
    const mentioned = new Set(taxonomy.findInText(text).map((m) => m.id));
    let out = text;
    for (const skill of targets)
      if (mentioned.has(skill.id)) out = out.replace(patternFor(skill.id), skill.name);
    return out;
  }

  function bullet(text: string, artifact: TPipelineArtifact): string {
    let out = text.trim().replace(/[.;,\s]+$/u, '');
    for (const [pattern, replacement] of WEAK_OPENERS) out = out.replace(pattern, replacement);
    out = out.charAt(0).toUpperCase() + out.slice(1);
    return spell(out, artifact);
  }

  function lowerFirst(text: string): string {
    const word = /^\p{Lu}\p{Ll}+(?![\p{L}\p{N}.+#])/u.exec(text)?.[0];
    if (!word || taxonomy.normalize(word)) return text;
    return word.toLowerCase() + text.slice(word.length);
  }

  function isVerbLed(text: string): boolean {
    const [first = '', second = ''] = text.trim().toLowerCase().split(/\s+/);
    const past = IRREGULAR_PAST.has(first) || /^[a-z]{3,}ed$/.test(first);
    return past && !PASSIVE_NEXT.has(second);
  }

  return { bullet, spell, lowerFirst, isVerbLed };
}
