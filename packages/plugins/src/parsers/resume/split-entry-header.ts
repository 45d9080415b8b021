export interface EntryHeader {
  title: string;
  role: string | null;
  organization: string | null;
}

export interface EducationHeader {
  institution: string;
  studyType: string | null;
  area: string | null;
}

// Words that make a phrase a job title rather than an employer ("Research Intern", "Co-Founder & CTO").
const ROLE_WORDS =
  /(?<![\p{L}])(?:engineer(?:ing manager)?|developer|programmer|intern|internship|manager|director|founder|co-founder|cto|ceo|cfo|coo|cpo|vp|president|scientist|researcher|analyst|designer|consultant|architect|lead|head|officer|specialist|associate|assistant|administrator|coordinator|technician|teacher|professor|lecturer|student|fellow|postdoc|contractor|freelancer?|writer|editor|owner|partner|advisor|adviser|volunteer|trainee|tutor|instructor|strategist|sde|swe|sre|devops|entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?|praktikant(?:in)?|werkstudent(?:in)?|développeur|ingénieur|desarrollador|ingeniero)(?![\p{L}])/iu;
const COMPANY_SUFFIX =
  /^(?:inc|llc|ltd|limited|gmbh|ag|corp|corporation|co|plc|s\.?a|s\.?l|b\.?v|n\.?v|pty|kg|se|sas|sarl|oy|ab)\.?$/i;
export const STATE_OR_COUNTRY =
  /^(?:[A-Z]{2}|USA|U\.S\.A?\.?|US|UK|U\.K\.|United States|United Kingdom|England|Scotland|Ireland|Canada|Germany|Deutschland|France|Spain|España|Italy|Netherlands|Switzerland|Austria|Österreich|Belgium|Sweden|Norway|Denmark|Finland|Poland|Portugal|India|China|Japan|Singapore|Australia|New Zealand|Brazil|Mexico|Israel|Türkiye|Turkey|Remote|Anywhere)$/u;
const INSTITUTION =
  /universit|college|institut|school|academy|akademie|hochschule|polytechnic|politecnico|école|escuela|faculty|fakultät|\bIIT\b|\bMIT\b|\bETH\b/iu;
const DEGREE =
  /^(?:ph\.?\s?d\.?|doctorate|doctor of \p{L}+(?: (?!in )\p{L}+)*|m\.?\s?sc\.?|m\.?\s?s\.?|m\.?\s?a\.?|m\.?\s?eng\.?|mba|master(?:['’]s)?(?: of \p{L}+(?: (?!in )\p{L}+)*)?|b\.?\s?sc\.?|b\.?\s?s\.?|b\.?\s?a\.?|b\.?\s?eng\.?|b\.?\s?tech\.?|m\.?\s?tech\.?|bachelor(?:['’]s)?(?: of \p{L}+(?: (?!in )\p{L}+)*)?|associate(?:['’]s)?(?: degree)?|diplom[\p{L}-]*|abitur|high school diploma|licence|licenciatura|grado)(?=$|[\s,])/iu;

const clean = (text: string): string =>
  text
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:|–—-]+|[\s,;:|–—-]+$/gu, '')
    .trim();

/** Splits a line at " — ", " | ", " @ ", " at " and commas, gluing "Inc."-style suffixes back on. */
function splitParts(line: string): { parts: string[]; atSplit: boolean } {
  const atSplit = /\s(?:@|at)\s/u.test(line);
  const segments = line
    .split(/\s+[—–|@]\s+|\s+-\s+|\s+at\s+/u)
    .map(clean)
    .filter(Boolean);
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    const pieces = segment.split(/,\s+/).map(clean).filter(Boolean);
    const glued: string[] = [];
    for (const piece of pieces) {
      if (glued.length > 0 && COMPANY_SUFFIX.test(piece)) glued[glued.length - 1] += `, ${piece}`;
      else glued.push(piece);
    }
    // A later segment ending in a state or country is a place ("– San Francisco, CA"): drop it whole.
    if (index > 0 && glued.length > 0 && STATE_OR_COUNTRY.test(glued[glued.length - 1]!)) return;
    parts.push(...glued);
  });
  // Trailing places in a comma list: "…, Google, Mountain View, CA, USA".
  let dropped = false;
  while (parts.length > 1 && STATE_OR_COUNTRY.test(parts[parts.length - 1]!)) {
    parts.pop();
    dropped = true;
  }
  if (dropped && parts.length > 2 && parts[parts.length - 1]!.split(' ').length <= 3) parts.pop();
  return { parts, atSplit };
}

export const isRoleLike = (text: string): boolean => ROLE_WORDS.test(text);

/**
 * Reads an entry's heading lines (dates already cut out) as title, role and organisation. Experience entries
 * are "Role at Org", "Org, Role", "Role — Org, City" in any order; the part with a job-title word is the role.
 * Other entries keep their first line as the title, and a part after " — " as the organisation.
 */
export function splitEntryHeader(lines: readonly string[], kind: string): EntryHeader {
  const cleaned = lines.map(clean).filter(Boolean);
  if (cleaned.length === 0) return { title: '', role: null, organization: null };
  if (kind !== 'experience' && kind !== 'volunteer') {
    const [first] = cleaned;
    const [title, ...rest] = first!.split(/\s+[—–|]\s+/u).map(clean);
    const role = cleaned.slice(1).find(isRoleLike) ?? null;
    const organization = rest.find((part) => !STATE_OR_COUNTRY.test(part) && !isRoleLike(part)) ?? null;
    return { title: title || first!, role, organization };
  }
  const parts: string[] = [];
  let atSplit = false;
  for (const line of cleaned) {
    const split = splitParts(line);
    atSplit ||= split.atSplit;
    parts.push(...split.parts);
  }
  let role = parts.find(isRoleLike) ?? null;
  let organization = parts.find((part) => part !== role && !STATE_OR_COUNTRY.test(part)) ?? null;
  if (!role && organization && parts.length >= 2) {
    // No job-title word anywhere: "Title — Org" is the common order, and "Title at Org" says so outright.
    role = parts[0]!;
    organization = parts.find((part, i) => i > 0 && !STATE_OR_COUNTRY.test(part)) ?? null;
  } else if (!role && parts.length === 1 && atSplit) {
    role = parts[0]!;
    organization = null;
  }
  const title = role && organization ? `${role} at ${organization}` : (role ?? organization ?? cleaned[0]!);
  return { title, role, organization };
}

/** Reads an education entry's heading lines as institution, degree and field of study. */
export function splitEducationHeader(lines: readonly string[]): EducationHeader {
  const raw = lines.flatMap((line) => line.split(/\s*[,–—|]\s+|\s+[–—|-]\s+/u)).map(clean);
  // "Stanford, CA, USA": a part followed by a state or country is a city, not a field of study.
  const isPlace = (part: string) => STATE_OR_COUNTRY.test(part) && !DEGREE.test(part);
  const parts = raw.filter(
    (part, i) => part && !isPlace(part) && !(isPlace(raw[i + 1] ?? '') && !INSTITUTION.test(part)),
  );
  let institution: string | null = null;
  let studyType: string | null = null;
  let area: string | null = null;
  for (const part of parts) {
    let rest = part;
    const degree = DEGREE.exec(rest);
    if (degree && (!studyType || clean(degree[0]) === studyType)) {
      studyType = clean(degree[0]);
      rest = clean(rest.slice(degree[0].length));
      const field = /^(?:in|of)\s+(.+)$/iu.exec(rest);
      if (field) {
        area = clean(field[1]!);
        rest = '';
      }
    }
    if (!rest) continue;
    if (!institution && INSTITUTION.test(rest)) institution = rest;
    else if (!area && studyType && !INSTITUTION.test(rest)) area = rest.replace(/^(?:in|of)\s+/iu, '');
  }
  if (!institution) institution = parts.find((part) => part !== studyType && part !== area) ?? lines[0] ?? '';
  return { institution, studyType, area };
}
