// O*NET writes technology examples as "<Vendor> <Product> [<expansion> <ACRONYM>] [software]", e.g.
// "Microsoft SQL Server Reporting Services SSRS", "Cascading style sheets CSS", "Salesforce software".
// This turns one such string into a display name and the aliases a CV or job posting would use.
import { isSubsequence, SMALL_WORDS, toTitleCase } from './text-helpers.mjs';
import { VENDORS } from './word-lists.mjs';

// "SSRS", "EC2", "PaaS": short, capitalised, at least two capitals or digits.
const isAcronym = (word) =>
  /^[A-Z][A-Za-z0-9]{1,6}$/.test(word) && (word.match(/[A-Z0-9]/g) ?? []).length >= 2;

/** Finds an acronym written right after its expansion: returns its index and where the expansion starts. */
function findAcronym(words) {
  for (let k = words.length - 1; k >= 1; k--) {
    if (!isAcronym(words[k])) continue;
    const letters = words[k].replace(/[^A-Za-z]/g, '').toLowerCase();
    for (let p = 0; p < k; p++) {
      const text = words.slice(p, k).join('').toLowerCase();
      if (text[0] === letters[0] && isSubsequence(letters, text)) return { k, p };
    }
  }
  // "Hypertext preprocessor PHP", "Tool command language Tcl": a lowercase description ending in a short
  // name that is either capitals or exactly its initials.
  const last = words.length - 1;
  const initials = words
    .slice(0, last)
    .map((word) => word[0].toLowerCase())
    .join('');
  const shortName = isAcronym(words[last]) || words[last].toLowerCase() === initials;
  if (last >= 2 && shortName && words.slice(1, last).every((word) => /^[a-z]/.test(word)))
    return { k: last, p: 0 };
  return undefined;
}

/**
 * @param {string} raw an O*NET example name
 * @param {(word: string) => boolean} isCommonWord
 * @returns {{ name: string, aliases: string[], generic: boolean, acronymName: boolean } | undefined}
 * `generic` marks descriptions rather than products ("Word processing software"); `acronymName` marks an
 * unbranded concept named by its acronym ("Enterprise resource planning ERP" → "ERP").
 */
const OCCUPATION_WORDS = new Set([
  'designer',
  'developer',
  'engineer',
  'manager',
  'analyst',
  'architect',
  'administrator',
  'consultant',
  'director',
  'writer',
  'editor',
  'planner',
  'scientist',
  'specialist',
  'technician',
  'assistant',
]);

export function parseOnetName(raw, isCommonWord) {
  const withoutSuffix = raw.trim().replace(/\s+software$/i, '');
  const text = withoutSuffix.replace(/\s*\(([A-Z][A-Za-z0-9]{1,6})\)$/, ' $1');
  if (!text) return undefined;
  const words = text.split(/\s+/);
  const vendor = VENDORS.find((name) => text.startsWith(`${name} `));
  const vendorWords = vendor ? vendor.split(' ').length : 0;
  const aliases = [];
  // An alias made only of ordinary words ("Word", "Application Server") would name something else.
  const addAlias = (alias) => {
    if (alias.length >= 2 && !alias.split(' ').every((word) => isCommonWord(word.toLowerCase())))
      aliases.push(alias);
  };

  const acronym = findAcronym(words);
  if (acronym) {
    const { k, p } = acronym;
    const [before, expansion, after] = [words.slice(0, p), words.slice(p, k), words.slice(k + 1)];
    const short = [...before, words[k], ...after].join(' ');
    const long = [...before, ...expansion, ...after].join(' ');
    // A lowercase expansion describes a kind of software; its acronym is the common name of that kind.
    if (expansion.slice(1).some((word) => /^[a-z]/.test(word) && !SMALL_WORDS.has(word))) {
      const expanded = p === 0 ? toTitleCase(expansion.join(' ')) : long;
      return {
        name: short,
        aliases: [[expanded, ...after].join(' ')],
        generic: false,
        acronymName: p === 0 && !vendor,
      };
    }
    if (short !== words[k]) addAlias(short);
    if (k === words.length - 1) addAlias(words[k]);
    if (vendor && p >= vendorWords) addAlias(long.split(' ').slice(vendorWords).join(' '));
    return { name: long, aliases, generic: false, acronymName: false };
  }

  const remainder = words.slice(vendorWords).join(' ');
  // A bare "ERP" or "EHR" after a vendor is the kind of product, not the product; a bare occupation
  // ("Oracle Designer" → "Designer") would tag every job title that names it.
  const occupation = OCCUPATION_WORDS.has(remainder.toLowerCase());
  if (vendor && remainder && !/^[A-Z]{2,4}$/.test(remainder) && !occupation) addAlias(remainder);
  const describes = words.slice(1).every((word) => !/[A-Z]/.test(word));
  const single = words.length === 1 && withoutSuffix !== raw.trim() && isCommonWord(text.toLowerCase());
  const generic = !vendor && describes && (words.length > 1 || single);
  return { name: text, aliases, generic, acronymName: false };
}
