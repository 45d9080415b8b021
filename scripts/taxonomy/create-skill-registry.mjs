// Collects skills from several sources while keeping every lookup key owned by exactly one skill: the
// first source to claim a key (curated rows come first) keeps it, and later records that name the same key
// merge into that skill instead of creating a duplicate.

const slugify = (name) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/#/g, 'sharp')
    .replace(/^\./, 'dot')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function createSkillRegistry(normalizeKey, tokenize) {
  const skills = [];
  // Token-key sequences per skill: "Node JS" and "Node.js" share a lookup key but are different phrases for
  // text matching, so both are kept; "csharp" adds nothing to "C#" and is not.
  const phraseOf = (name) => tokenize(name).map(normalizeKey).join(' ');
  const byKey = new Map();
  const byName = new Map();
  const byExact = new Map();
  const ids = new Set();

  /** The skill one of these names already belongs to: an exact name match beats an alias match. */
  function find(names) {
    const keys = names.map(normalizeKey).filter(Boolean);
    for (const key of keys) if (byName.has(key)) return byName.get(key);
    for (const key of keys) if (byKey.has(key)) return byKey.get(key);
    return undefined;
  }

  /** The skill that has one of these exact (case-sensitive) names or aliases. */
  const findExact = (names) => names.map((name) => byExact.get(name)).find(Boolean);

  /** Adds an alias unless its key belongs to another skill or it is no new phrase for this one. */
  function addAlias(skill, alias) {
    const key = normalizeKey(alias);
    const owner = byKey.get(key);
    if (!key || (owner && owner !== skill) || skill.phrases.has(phraseOf(alias))) return false;
    byKey.set(key, skill);
    skill.phrases.add(phraseOf(alias));
    skill.aliases.push(alias.trim());
    byExact.set(alias.trim(), skill);
    return true;
  }

  function uniqueId(base, category) {
    let id = base || 'skill';
    if (ids.has(id)) id = `${base}-${category}`;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  /** Creates a skill; returns undefined when its name's key is already owned. */
  function create({ id, name, category, source }) {
    const key = normalizeKey(name);
    if (!key || byKey.has(key)) return undefined;
    const skill = {
      ...{ id: uniqueId(id ?? slugify(name), category), name, category },
      ...{ aliases: [], sources: new Set(), phrases: new Set([phraseOf(name)]) },
    };
    ids.add(skill.id);
    byKey.set(key, skill);
    byName.set(key, skill);
    byExact.set(name, skill);
    skill.sources.add(source);
    skills.push(skill);
    return skill;
  }

  /** Compact, deterministic records: sorted by id, aliases and sources sorted, no name echoed as alias. */
  function toJSON() {
    const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    return skills
      .map((skill) => ({
        id: skill.id,
        name: skill.name,
        category: skill.category,
        aliases: [...skill.aliases].sort(
          (a, b) => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b),
        ),
        sources: [...skill.sources].sort(compare),
      }))
      .sort((a, b) => compare(a.id, b.id));
  }

  return {
    find,
    findExact,
    addAlias,
    create,
    toJSON,
    skills,
    ownerOf: (alias) => byKey.get(normalizeKey(alias)),
  };
}
