import { getDefaultTaxonomy } from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { createTermFinder } from './create-term-finder.js';
import type { CriticalTerm } from './select-critical-terms.js';

const taxonomy = getDefaultTaxonomy();
const term = (name: string, skillId: string | null = taxonomy.normalize(name)?.id ?? null): CriticalTerm => ({
  key: skillId ?? name,
  name,
  source: skillId ? 'skill' : 'keyword',
  skillId,
  required: false,
  weight: 1,
});
const has = (text: string, t: CriticalTerm) => createTermFinder(text, taxonomy).has(t);

describe('createTermFinder', () => {
  it('finds skills by name and alias, keeping punctuated names whole', () => {
    expect(has('Built services in Node.js and C#', term('Node.js'))).toBe(true);
    expect(has('Built services in nodejs', term('Node.js'))).toBe(true);
    expect(has('Shipped with CI/CD pipelines', term('CI/CD'))).toBe(true);
    expect(has('Wrote C code', term('C++'))).toBe(false);
  });

  it('does not take ordinary words for one-word skill names', () => {
    expect(has('We go home and let the old bike rust', term('Go'))).toBe(false);
    expect(has('We go home and let the old bike rust', term('Rust'))).toBe(false);
    expect(has('Services written in Rust and Go.', term('Rust'))).toBe(true);
    expect(has('SKILLS: RUST, PYTHON', term('Rust'))).toBe(true);
  });

  it('matches multi-word keywords the taxonomy does not know, across punctuation and case', () => {
    const cert = term('AWS Certified Solutions Architect', null);
    expect(has('Holder of the aws certified solutions-architect badge', cert)).toBe(true);
    expect(has('AWS Solutions Architect', cert)).toBe(false);
  });
});
