// Distils the skill taxonomy (packages/core/src/taxonomy/data/) from the reference datasets: curated rows,
// github-linguist languages, O*NET technology examples, Stack Overflow tag synonyms (aliases only) and a few
// ESCO skills. Only facts are kept (names, aliases, categories). Output is sorted, so reruns are byte-identical.
// Usage: npm run taxonomy:build [-- --verbose]   (DOSSIER_DATASETS overrides ../shared/datasets, relative to
// the repo root; --verbose lists merged and dropped O*NET names)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSkillRegistry } from './taxonomy/create-skill-registry.mjs';
import { CURATED_ENTRIES } from './taxonomy/curated.mjs';
import { parseOnetName } from './taxonomy/parse-onet-name.mjs';
import {
  readEnglishVocabulary,
  readEscoSkills,
  readLinguistLanguages,
  readOnetTechnologySkills,
  readTagSynonyms,
} from './taxonomy/read-sources.mjs';
import { isSubsequence, toTitleCase } from './taxonomy/text-helpers.mjs';
import {
  DROPPED_ALIASES,
  DROPPED_LANGUAGES,
  DROPPED_ONET,
  ESCO_DOMAIN_HEADS,
  ESCO_VERBS,
  EXTRA_AMBIGUOUS,
  VENDORS,
} from './taxonomy/word-lists.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a one-off generator run through npm, not a cached turbo task
const datasets = resolve(root, process.env.DOSSIER_DATASETS ?? '../shared/datasets');
const files = {
  onet: join(datasets, 'skills/onet-29.2'),
  linguist: join(datasets, 'skills/linguist/languages.yml'),
  synonyms: join(datasets, 'skills/stackoverflow-tag-synonyms/TagSynonyms.csv'),
  esco: join(datasets, 'skills/esco-subset/skills_en.csv'),
};
const missing = Object.values(files).filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(
    `build-taxonomy: reference datasets not found (DOSSIER_DATASETS=${datasets}).\n` +
      `Missing: ${missing.join(', ')}\nSet DOSSIER_DATASETS to the folder described in shared/datasets/README.md.`,
  );
  process.exit(1);
}

// The runtime's own key function (Node strips the types), so the uniqueness enforced here is exactly the
// uniqueness that `normalize()` relies on.
const { normalizeKey, tokenize } = await import('../packages/core/src/taxonomy/tokenize.ts');

const vocabulary = readEnglishVocabulary(files.onet, files.esco);
const isCommonWord = (word) => vocabulary.has(word);
const isSingleWord = (name) => tokenize(name).length === 1;
const registry = createSkillRegistry(normalizeKey, tokenize);
const stats = { merged: [], dropped: [] };

for (const row of CURATED_ENTRIES) {
  const skill = registry.create({ ...row, source: 'curated' });
  if (!skill) throw new Error(`Curated skill ${row.id} collides with an earlier row`);
  for (const alias of row.aliases) {
    if (!registry.addAlias(skill, alias) && registry.ownerOf(alias) !== skill) {
      throw new Error(`Curated alias "${alias}" of ${row.id} belongs to ${registry.ownerOf(alias).id}`);
    }
  }
}

// Linguist: only languages people list as skills (programming, markup), not grouped dialects, and not the
// obscure ones whose name is an ordinary word ("Red", "Ring", "Pan").
const keepLinguistAlias = (alias) =>
  !DROPPED_ALIASES.has(alias) && !(isSingleWord(alias) && isCommonWord(alias.toLowerCase()));
for (const language of readLinguistLanguages(files.linguist)) {
  if (language.type !== 'programming' && language.type !== 'markup') continue;
  const source = `linguist:${language.languageId}`;
  let skill = registry.find([language.name]);
  if (!skill) {
    const commonWord = isSingleWord(language.name) && isCommonWord(language.name.toLowerCase());
    if (language.group || commonWord || DROPPED_LANGUAGES.has(language.name)) continue;
    skill = registry.create({ name: language.name, category: 'language', source });
    if (!skill) continue;
  }
  skill.sources.add(source);
  for (const alias of language.aliases.filter(keepLinguistAlias)) registry.addAlias(skill, alias);
}

// O*NET: hot technologies, anything several occupations name, and software-development tools.
const PLATFORM_COMMODITIES = new Set([
  'Operating system software',
  'Cloud-based management software',
  'Cloud-based data access and sharing software',
  'Application server software',
  'Transaction server software',
]);
const DEVELOPMENT_COMMODITIES = new Set([
  ...PLATFORM_COMMODITIES,
  'Development environment software',
  'Object or component oriented development software',
  'Web platform development software',
  'Program testing software',
  'Configuration management software',
  'File versioning software',
  'Data base management system software',
  'Object oriented data base management software',
  'Graphical user interface development software',
]);
const categorise = (commodities) => {
  if ([...commodities].some((name) => PLATFORM_COMMODITIES.has(name))) return 'platform';
  if (commodities.has('Web platform development software')) return 'framework';
  return 'tool';
};
for (const row of readOnetTechnologySkills(files.onet)) {
  const isDevelopment = [...row.commodities].some((name) => DEVELOPMENT_COMMODITIES.has(name));
  if (!row.hot && row.occupations.size < 2 && !isDevelopment) continue;
  const parsed = parseOnetName(row.name, isCommonWord);
  if (!parsed || DROPPED_ONET.has(parsed.name)) continue;
  // Derived aliases merge only on an exact spelling: "Cisco IOS" is not iOS, "Adobe Flex" is not flex (Lex).
  let skill = registry.find([parsed.name]) ?? registry.findExact(parsed.aliases);
  if (skill && skill.name !== parsed.name) stats.merged.push(`${row.name} → ${skill.name}`);
  if (!skill) {
    // A lone ordinary word ("Chat") is a product name only when O*NET marks it as in demand ("Zoom").
    if (
      parsed.generic ||
      (!row.hot && isSingleWord(parsed.name) && isCommonWord(parsed.name.toLowerCase()))
    ) {
      stats.dropped.push(row.name);
      continue;
    }
    const category = parsed.acronymName ? 'domain' : categorise(row.commodities);
    skill = registry.create({ name: parsed.name, category, source: 'onet' });
    if (!skill) continue;
  }
  skill.sources.add('onet');
  for (const alias of [parsed.name, ...parsed.aliases]) registry.addAlias(skill, alias);
}

// Stack Overflow tag synonyms add aliases to skills that already exist. Tags name topics, so only a tag that
// abbreviates the skill's name ("pgsql", "mongo", "swift-language") is kept; sub-topic tags
// ("google-sheets-charts"), method tags ("addclass"), versions ("angular4"), extensions (".js"), vendors
// ("ibm") and ordinary words ("maximum" for Max) are not names of the skill.
const SYNONYM_SUFFIXES = new Set(['language', 'lang', 'js', 'framework']);
const vendorKeys = new Set(VENDORS.map(normalizeKey));
const isSynonymOf = (tag, target, skill) => {
  if (tag.startsWith('.') && !normalizeKey(tag).startsWith('dot')) return false;
  if (isCommonWord(tag) || isCommonWord(tag.replace(/s$/, '')) || vendorKeys.has(normalizeKey(tag)))
    return false;
  const version = /^(.*?)[-_.]?v?\d+(?:\.\d+)*(?:\.x)?$/.exec(tag);
  if (version?.[1] && registry.ownerOf(version[1]) === skill) return false;
  const core = normalizeKey(
    tag
      .split('-')
      .filter((part) => !SYNONYM_SUFFIXES.has(part))
      .join('-'),
  );
  const names = [target, skill.name].map(normalizeKey);
  // A hyphenated tag is several words: only a respelling counts ("natural-language" is half a name).
  if (tag.includes('-')) return names.includes(core);
  return names.some((name) => (core.length <= 3 ? name.startsWith(core) : isSubsequence(core, name)));
};
for (const { source, target } of readTagSynonyms(files.synonyms)) {
  const skill = registry.ownerOf(target);
  if (skill && isSynonymOf(source, target, skill) && registry.addAlias(skill, source))
    skill.sources.add('stackoverflow');
}

// ESCO: only noun phrases naming a field ("machine learning", "civil engineering"), and the transversal
// skills the curated rows spell out ("work in teams"). Its preferred labels are lowercase prose.
for (const { uuid, label } of readEscoSkills(files.esco)) {
  const owner = registry.ownerOf(label);
  if (owner) {
    if (owner.category === 'domain' || owner.category === 'soft') owner.sources.add(`esco:${uuid}`);
    continue;
  }
  const words = label.split(' ');
  if (words.length > 3 || !ESCO_DOMAIN_HEADS.has(words.at(-1)) || ESCO_VERBS.has(words[0])) continue;
  if (/['’(),]/.test(label)) continue;
  registry.create({ name: toTitleCase(label), category: 'domain', source: `esco:${uuid}` });
}

// Single-word names and aliases that text matching accepts only when capitalised as written or inside a list
// of other skills: ordinary words ("go", "spark"; but a domain or soft skill named by a word, such as
// "Leadership" or "Mentorship", means that word), short all-caps acronyms ("SAN", "DOS", "MAGIC"), and plain-word
// names of tools and languages nobody curated ("Elm", "Moodle"), which the vocabulary may simply lack.
const skills = registry.toJSON();
const ambiguous = new Set();
const isPlainWord = (form) => /^[A-Z]?[a-z]+$/.test(form);
for (const skill of skills) {
  const meansTheWord = skill.category === 'domain' || skill.category === 'soft';
  const uncurated = !skill.sources.includes('curated');
  for (const form of [skill.name, ...skill.aliases]) {
    if (!isSingleWord(form)) continue;
    const lower = form.toLowerCase();
    const plain = isPlainWord(form);
    if (
      (isCommonWord(lower) && !(meansTheWord && plain)) ||
      EXTRA_AMBIGUOUS.includes(lower) ||
      /^[A-Z]{2,5}$/.test(form) ||
      (uncurated && !meansTheWord && plain)
    ) {
      ambiguous.add(normalizeKey(form));
    }
  }
}

const outDir = join(root, 'packages/core/src/taxonomy/data');
mkdirSync(outDir, { recursive: true });
const taxonomyJson = `[\n${skills.map((skill) => JSON.stringify(skill)).join(',\n')}\n]\n`;
writeFileSync(join(outDir, 'taxonomy.json'), taxonomyJson);
writeFileSync(join(outDir, 'ambiguous-terms.json'), `${JSON.stringify([...ambiguous].sort(), null, 0)}\n`);

const byCategory = Object.groupBy(skills, (skill) => skill.category);
console.log(
  `taxonomy: ${skills.length} skills (${Object.entries(byCategory)
    .map(([category, list]) => `${category} ${list.length}`)
    .join(', ')}), ${(taxonomyJson.length / 1024).toFixed(0)} KiB; ${ambiguous.size} ambiguous terms`,
);
if (process.argv.includes('--verbose')) {
  console.log(
    `merged:\n  ${stats.merged.join('\n  ')}\ndropped as generic:\n  ${stats.dropped.join('\n  ')}`,
  );
}
