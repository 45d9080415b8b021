import { normalizeKey, type Taxonomy, type TJobKeyword, type TJobSkill } from '@dossier/core';
import { KEYWORD_RULES } from './job-keyword-dictionary.js';
import type { JobSectionKind } from './job-section-kinds.js';
import { type JobLine, splitSentences } from './split-job-lines.js';

export interface JobItem {
  text: string;
  section: JobSectionKind;
  bullet: boolean;
  requirement: 'must' | 'nice' | null;
}

const NICE_CUE =
  /(?<![\p{L}])(?:(?:is |are |would be |will be )?a (?:big |huge )?plus|nice[- ]to[- ]have|preferred|preferably|bonus|ideally|desirable|would be (?:great|nice)|advantageous|beneficial|von vorteil|wünschenswert|idealerweise|ein plus|un plus|apprécié|souhaité|idéalement|valorable|deseable|se valorará)(?![\p{L}])/iu;
const MUST_CUE =
  /(?<![\p{L}])(?:required|is a must|must[- ]have|must|mandatory|essential|erforderlich|zwingend|vorausgesetzt|obligatoire|exigé|requerido|imprescindible)(?![\p{L}])/iu;
const STACK_LIST =
  /^(?:(?:our |the )?tech(?:nology)? stack|technologies|tools(?: we use)?|stack|tech|skills|languages|frameworks|we use|werkzeuge|technologien|outils|herramientas)\s*[:–—-]\s*(.+)$/iu;

// How much a mention weighs by where it stands: the title and hard requirements most, company blurbs least.
const CONTEXT_WEIGHT: Record<JobSectionKind | 'must' | 'nice', number> = {
  title: 1,
  must: 0.9,
  requirements: 0.9,
  responsibilities: 0.65,
  role: 0.55,
  other: 0.55,
  nice: 0.5,
  about: 0.25,
  benefits: 0.25,
  boilerplate: 0.2,
};
const FREQUENCY_STEP = 0.03;
const FREQUENCY_CAP = 0.1;

/** Requirement lines and sentences with the kind of requirement each one states, if any. */
export function collectJobItems(lines: readonly JobLine[]): JobItem[] {
  const items: JobItem[] = [];
  for (const line of lines) {
    if (line.kind === 'heading') continue;
    const parts = line.kind === 'bullet' ? [line.text] : splitSentences(line.text);
    for (const text of parts) {
      const nice = NICE_CUE.test(text);
      let requirement: JobItem['requirement'] = null;
      if (line.section === 'nice') requirement = 'nice';
      else if (line.section === 'requirements') requirement = nice ? 'nice' : 'must';
      else if (line.section !== 'about' && line.section !== 'benefits' && line.section !== 'boilerplate') {
        requirement = nice ? 'nice' : MUST_CUE.test(text) ? 'must' : null;
      }
      items.push({ text, section: line.section, bullet: line.kind === 'bullet', requirement });
    }
  }
  return items;
}

const contextWeight = (item: JobItem): number => CONTEXT_WEIGHT[item.requirement ?? item.section];
const finalWeight = (best: number, mentions: number): number =>
  Math.round(Math.min(1, best + Math.min(FREQUENCY_CAP, FREQUENCY_STEP * (mentions - 1))) * 1000) / 1000;

interface Tally {
  id: string;
  name: string;
  mentions: number;
  best: number;
  required: boolean;
}

function tallyInto(
  map: Map<string, Tally>,
  key: string,
  name: string,
  count: number,
  weight: number,
  required: boolean,
) {
  const tally = map.get(key) ?? { id: key, name, mentions: 0, best: 0, required: false };
  tally.mentions += count;
  tally.best = Math.max(tally.best, weight);
  tally.required ||= required;
  map.set(key, tally);
}

/**
 * Skills normalised through the taxonomy, weighted 0–1 by where they are mentioned (title and must-haves over
 * responsibilities over nice-to-haves over company boilerplate) plus a small bonus per repeat mention.
 * Items of an explicit stack list ("Tech stack: Go, Temporal") that the taxonomy lacks become `x:<key>` skills.
 */
export function weighJobSkills(title: string, items: readonly JobItem[], taxonomy: Taxonomy): TJobSkill[] {
  const tallies = new Map<string, Tally>();
  const titleItem: JobItem = { text: title, section: 'title', bullet: false, requirement: null };
  for (const item of [titleItem, ...items]) {
    const weight = contextWeight(item);
    const required = item.section === 'title' || item.requirement === 'must';
    for (const mention of taxonomy.findInText(item.text)) {
      tallyInto(tallies, mention.id, mention.name, mention.count, weight, required);
    }
    const list = STACK_LIST.exec(item.text);
    if (!list) continue;
    for (const raw of list[1]!.split(/\s*(?:,|;|\/|\band\b|\bor\b|\bund\b|&)\s*/iu)) {
      const part = raw.replace(/[.()]+$/g, '').trim();
      if (!part || part.length > 30 || part.split(/\s+/).length > 3 || taxonomy.normalize(part)) continue;
      const key = normalizeKey(part);
      if (key) tallyInto(tallies, `x:${key}`, part, 1, weight, required);
    }
  }
  return [...tallies.values()]
    .map((t) => ({
      id: t.id,
      name: t.name,
      weight: finalWeight(t.best, t.mentions),
      required: t.required,
      mentions: t.mentions,
    }))
    .sort((a, b) => b.weight - a.weight || b.mentions - a.mentions || a.name.localeCompare(b.name));
}

/** Certifications, methods, domain terms and soft skills from the in-code dictionary, weighted like skills. */
export function weighJobKeywords(title: string, items: readonly JobItem[]): TJobKeyword[] {
  const tallies = new Map<string, Tally & { kind: TJobKeyword['kind'] }>();
  const titleItem: JobItem = { text: title, section: 'title', bullet: false, requirement: null };
  for (const item of [titleItem, ...items]) {
    const weight = contextWeight(item);
    for (const rule of KEYWORD_RULES) {
      rule.pattern.lastIndex = 0;
      const matches = [...item.text.matchAll(rule.pattern)];
      if (matches.length === 0) continue;
      for (const match of rule.useMatch ? matches : matches.slice(0, 1)) {
        const term = rule.useMatch ? match[0].replace(/\s+/g, ' ').trim() : rule.term;
        const key = term.toLowerCase();
        const count = rule.useMatch ? 1 : matches.length;
        const tally = tallies.get(key) ?? {
          id: key,
          name: term,
          mentions: 0,
          best: 0,
          required: false,
          kind: rule.kind,
        };
        tally.mentions += count;
        tally.best = Math.max(tally.best, weight);
        tallies.set(key, tally);
      }
    }
  }
  return [...tallies.values()]
    .map((t) => ({
      term: t.name,
      kind: t.kind,
      weight: finalWeight(t.best, t.mentions),
      mentions: t.mentions,
    }))
    .sort((a, b) => b.weight - a.weight || b.mentions - a.mentions || a.term.localeCompare(b.term))
    .map(({ term, kind, weight }) => ({ term, kind, weight }));
}

export function extractRequirements(items: readonly JobItem[]): { mustHave: string[]; niceToHave: string[] } {
  const mustHave = new Set<string>();
  const niceToHave = new Set<string>();
  for (const item of items) {
    const text = item.text.length > 400 ? `${item.text.slice(0, 397)}...` : item.text;
    if (item.requirement === 'must') mustHave.add(text);
    else if (item.requirement === 'nice') niceToHave.add(text);
  }
  return { mustHave: [...mustHave], niceToHave: [...niceToHave] };
}

/** Bullets under a responsibilities heading; sentences of that section when it has no bullets. */
export function extractResponsibilities(items: readonly JobItem[]): string[] {
  const inSection = items.filter((item) => item.section === 'responsibilities');
  const bullets = inSection.filter((item) => item.bullet);
  return [...new Set((bullets.length > 0 ? bullets : inSection).map((item) => item.text))];
}
