import type { TParsedJob } from '@dossier/core';
import { DEGREE_RULES } from './job-keyword-dictionary.js';
import type { JobLine } from './split-job-lines.js';

type Seniority = NonNullable<TParsedJob['seniority']>;

// A label at the start of a line or after a separator ("Harbor Health · Location: Boston, MA").
const LABELLED = (labels: string): RegExp =>
  new RegExp(`(?:^|[·|•–—]\\s*)(?:${labels})\\s*[:：]\\s*(.+)$`, 'iu');
const TITLE_LABEL = LABELLED(
  'job title|title|position|role|job|stellenbezeichnung|stelle|poste|intitulé du poste|puesto|cargo',
);
const COMPANY_LABEL = LABELLED(
  'company|employer|organi[sz]ation|unternehmen|firma|arbeitgeber|entreprise|société|empresa',
);
const LOCATION_LABEL = LABELLED(
  'location|locations|based in|office|work location|standort|arbeitsort|einsatzort|ort|lieu|localisation|ubicación|ubicacion|lugar',
);
// German ads mark gender inclusion in the title: "(m/w/d)", "(all genders)"; French ones "(H/F)".
const GENDER_TAG =
  /\s*[(（](?:[mwfdhx*]\s*\/\s*){1,3}[mwfdhx*][)）]|\s*\((?:all genders|alle geschlechter|gn\*?)\)/giu;
const AT_COMPANY = /^(.+?)\s+(?:at|@|bei|chez|en)\s+([\p{Lu}\d][\p{L}\p{N}&.' -]{1,60})$/u;
const DASH_SUFFIX = /^(.+?)\s+[–—|]\s+(.+)$/u;
const NOT_COMPANIES =
  /^(?:us|you|the (?:role|job|team|company|position)|this role|our team|the opportunity|uns|dich|sie)$/i;

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  ein: 1,
  einem: 1,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  zehn: 10,
  un: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  dix: 10,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  diez: 10,
};
const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const YEARS = `(?:years?|yrs?|jahre?n?|ans|années|años)`;
const YEAR_PATTERNS: {
  pattern: RegExp;
  read: (m: RegExpExecArray) => { min: number; max: number | null };
}[] = [
  {
    pattern: new RegExp(`${NUM}\\s*(?:-|–|—|to|bis|à|a)\\s*${NUM}\\s*\\+?\\s*${YEARS}`, 'giu'),
    read: (m) => ({ min: toNumber(m[1]!), max: toNumber(m[2]!) }),
  },
  {
    pattern: new RegExp(`${NUM}\\s*\\+\\s*${YEARS}`, 'giu'),
    read: (m) => ({ min: toNumber(m[1]!), max: null }),
  },
  {
    pattern: new RegExp(
      `(?:at least|minimum(?: of)?|min\\.?|over|more than|mindestens|mehr als|über|au moins|plus de|al menos|más de|mínimo)\\s+${NUM}\\s*\\+?\\s*${YEARS}`,
      'giu',
    ),
    read: (m) => ({ min: toNumber(m[1]!), max: null }),
  },
  {
    pattern: new RegExp(`${NUM}\\s+or more\\s+${YEARS}`, 'giu'),
    read: (m) => ({ min: toNumber(m[1]!), max: null }),
  },
  {
    pattern: new RegExp(
      `${NUM}\\s+${YEARS}['’]?\\s+(?:of\\s+)?(?:[\\p{L}/+#.-]+\\s+){0,4}?(?:experience|erfahrung|berufserfahrung|expérience|experiencia)`,
      'giu',
    ),
    read: (m) => ({ min: toNumber(m[1]!), max: null }),
  },
];

function toNumber(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : (NUMBER_WORDS[value.toLowerCase()] ?? 0);
}

const cue = (source: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
const SENIORITY_CUES: [Seniority, RegExp][] = [
  [
    'intern',
    cue(
      'intern|internship|trainee|praktikant(?:in)?|praktikum|werkstudent(?:in)?|working student|apprentice|stagiaire|alternan(?:t|ce)|becari[oa]|pr[aá]cticas',
    ),
  ],
  [
    'executive',
    cue(
      'chief|cto|ceo|cfo|coo|cpo|ciso|vp|svp|evp|vice president|head of|director|managing director|geschäftsführer(?:in)?|bereichsleiter(?:in)?|directeur|directora?',
    ),
  ],
  ['principal', cue('principal|distinguished|fellow')],
  [
    'lead',
    cue(
      'lead|leader|staff|team ?lead|tech ?lead|(?:engineering|team|people|development|delivery) manager|teamleiter(?:in)?|leiter(?:in)?|responsable',
    ),
  ],
  ['senior', cue('senior|sr\\.?|snr|experienced|iii|erfahrene[rn]?|confirmée?|s[eé]nior')],
  [
    'junior',
    cue(
      'junior|jr\\.?|entry[- ]level|graduate|new grad|associate|einsteiger(?:in)?|berufseinsteiger(?:in)?|débutant|j[uú]nior',
    ),
  ],
  ['mid', cue('mid[- ]?level|mid|intermediate|ii')],
];

export function cleanTitle(raw: string): string {
  return raw
    .replace(GENDER_TAG, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:–—|-]+$/u, '')
    .trim();
}

/** Title and, when the title line names it, the company: "Job title:" lines, then the first heading or line. */
export function extractTitle(lines: readonly JobLine[]): { title: string; company: string | null } {
  for (const line of lines.slice(0, 30)) {
    const labelled = TITLE_LABEL.exec(line.text);
    if (labelled && line.kind !== 'bullet') return splitTitle(labelled[1]!);
  }
  const first = lines.find((line) => line.kind === 'heading' && line.level === 1) ?? lines[0];
  return first ? splitTitle(first.text) : { title: '', company: null };
}

function splitTitle(raw: string): { title: string; company: string | null } {
  const text = cleanTitle(raw);
  const at = AT_COMPANY.exec(text);
  if (at) return { title: cleanTitle(at[1]!), company: at[2]!.trim() };
  const dash = DASH_SUFFIX.exec(text);
  if (dash && dash[2]!.split(/\s+/).length <= 5 && !/remote|hybrid|\d/i.test(dash[2]!)) {
    return { title: cleanTitle(dash[1]!), company: dash[2]!.trim() };
  }
  return { title: text.slice(0, 160), company: null };
}

export function extractCompany(lines: readonly JobLine[], fromTitle: string | null): string | null {
  for (const line of lines) {
    const labelled = COMPANY_LABEL.exec(line.text);
    if (labelled) return labelled[1]!.trim();
  }
  if (fromTitle) return fromTitle;
  for (const line of lines) {
    if (line.kind !== 'heading') continue;
    const about = /^(?:about|über|à propos de|sobre)\s+(.+)$/iu.exec(line.text);
    if (about && !NOT_COMPANIES.test(about[1]!.trim())) return about[1]!.trim();
  }
  const prose = lines.map((line) => line.text).join('\n');
  const hiring =
    /(?:^|[.!?]\s+|\n)(?:At|Join)\s+([\p{Lu}][\p{L}\p{N}&.'-]*(?:\s+[\p{Lu}][\p{L}\p{N}&.'-]*){0,3})[,!]/u.exec(
      prose,
    ) ??
    /(?:^|\n|[.!?]\s+)([\p{Lu}][\p{L}\p{N}&.'-]*(?:\s+[\p{Lu}][\p{L}\p{N}&.'-]*){0,3})\s+(?:is hiring|is looking for|is seeking|sucht|recherche|busca)\b/u.exec(
      prose,
    );
  return hiring ? hiring[1]!.trim() : null;
}

export function extractLocation(lines: readonly JobLine[]): string | null {
  for (const line of lines) {
    const labelled = LOCATION_LABEL.exec(line.text);
    if (labelled) return labelled[1]!.replace(/\s+/g, ' ').trim().slice(0, 120);
  }
  const head = lines
    .slice(0, 8)
    .map((line) => line.text)
    .join('\n');
  const remote =
    /\b(fully remote|remote[- ]first|remote|hybrid|homeoffice|home office|télétravail|teletrabajo)\b/iu.exec(
      head,
    );
  return remote ? remote[1]!.replace(/^\w/, (c) => c.toUpperCase()) : null;
}

export function extractYears(lines: readonly JobLine[]): TParsedJob['yearsOfExperience'] {
  let best: { min: number; max: number | null; rank: number } | null = null;
  for (const line of lines) {
    // Requirements outrank the company blurb ("20 years of experience in retail" about the company).
    const rank =
      line.section === 'requirements' || line.section === 'nice' ? 2 : line.section === 'about' ? 0 : 1;
    // Patterns run most specific first; text one of them matched ("3-5 years") is not read again ("5 years").
    const taken: [number, number][] = [];
    for (const { pattern, read } of YEAR_PATTERNS) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(line.text); m; m = pattern.exec(line.text)) {
        const span: [number, number] = [m.index, m.index + m[0].length];
        if (taken.some(([from, to]) => span[0] < to && span[1] > from)) continue;
        taken.push(span);
        const found = read(m);
        if (found.min <= 0 || found.min > 30 || (found.max !== null && found.max < found.min)) continue;
        if (!best || rank > best.rank || (rank === best.rank && found.min > best.min))
          best = { ...found, rank };
      }
    }
  }
  return best ? { min: best.min, max: best.max } : null;
}

export function extractSeniority(
  title: string,
  text: string,
  years: TParsedJob['yearsOfExperience'],
): Seniority | null {
  for (const [level, cue] of SENIORITY_CUES) if (cue.test(title)) return level;
  const head = text.slice(0, 2000);
  if (/\bentry[- ]level\b/i.test(head)) return 'junior';
  if (/\bsenior[- ]level\b/i.test(head)) return 'senior';
  if (!years) return null;
  if (years.min >= 5) return 'senior';
  if (years.min >= 2) return 'mid';
  return 'junior';
}

/** Degrees the ad mentions, as "Bachelor's degree in Computer Science", most advanced first as written. */
export function extractEducation(lines: readonly JobLine[]): string[] {
  const found = new Map<string, string>();
  for (const line of lines) {
    if (line.section === 'about' || line.section === 'benefits') continue;
    for (const { name, patterns } of DEGREE_RULES) {
      for (const pattern of patterns) {
        pattern.lastIndex = 0;
        const match = pattern.exec(line.text);
        if (!match) continue;
        const after = line.text.slice(match.index + match[0].length);
        const field =
          /^(?:\s*\/\s*[\p{L}.']+)*\s*(?:degree\s+)?(?:in|of|en|im bereich|in der|der)\s+([\p{Lu}][\p{L}&-]*(?:\s+(?:[\p{Lu}][\p{L}&-]*|and|&|or|und|oder))*)/u.exec(
            after,
          );
        const label = field ? `${name} in ${field[1]!.replace(/\s+(?:and|or|und|oder|&)$/u, '')}` : name;
        const known = found.get(name);
        if (!known || known.length < label.length) found.set(name, label);
      }
    }
  }
  // "Degree" only adds something when no named degree was found.
  if (found.size > 1) found.delete('Degree');
  return [...found.values()];
}
