// Checks the generated data/ files (npm run taxonomy:build), so a bad regeneration fails here, not in use.
import { describe, expect, it } from 'vitest';
import ambiguousTerms from './data/ambiguous-terms.json' with { type: 'json' };
import data from './data/taxonomy.json' with { type: 'json' };
import { SKILL_CATEGORIES, ZTaxonomyEntry } from './schema.js';
import { normalizeKey } from './tokenize.js';

describe('taxonomy.json', () => {
  it('holds a few thousand well-formed entries', () => {
    expect(data.length).toBeGreaterThan(1000);
    for (const entry of data) expect(ZTaxonomyEntry.safeParse(entry).success, entry.id).toBe(true);
  });

  it('has unique ids, valid categories and non-empty sources', () => {
    expect(new Set(data.map((entry) => entry.id)).size).toBe(data.length);
    for (const entry of data) {
      expect(SKILL_CATEGORIES).toContain(entry.category);
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
    }
    for (const category of SKILL_CATEGORIES)
      expect(data.some((entry) => entry.category === category)).toBe(true);
  });

  it('maps every name and alias to exactly one id', () => {
    const owners = new Map<string, string>();
    const conflicts: string[] = [];
    for (const entry of data) {
      for (const form of [entry.name, ...entry.aliases]) {
        const key = normalizeKey(form);
        expect(key, `${entry.id}: "${form}"`).not.toBe('');
        const owner = owners.get(key);
        if (owner && owner !== entry.id) conflicts.push(`${form}: ${owner} / ${entry.id}`);
        owners.set(key, entry.id);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('is sorted by id, with the stable ids other code relies on', () => {
    const ids = data.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort());
    const byId = new Map(data.map((entry) => [entry.id, entry.name]));
    expect(byId.get('cpp')).toBe('C++');
    expect(byId.get('csharp')).toBe('C#');
    expect(byId.get('dotnet')).toBe('.NET');
    expect(byId.get('nodejs')).toBe('Node.js');
    expect(byId.get('ci-cd')).toBe('CI/CD');
  });
});

describe('ambiguous-terms.json', () => {
  it('lists lookup keys that belong to the taxonomy, sorted', () => {
    const keys = new Set(data.flatMap((entry) => [entry.name, ...entry.aliases].map(normalizeKey)));
    expect(ambiguousTerms).toEqual([...ambiguousTerms].sort());
    for (const term of ambiguousTerms) expect(keys.has(term), term).toBe(true);
    for (const term of ['go', 'less', 'make', 'ant', 'chef', 'swift']) expect(ambiguousTerms).toContain(term);
  });
});
