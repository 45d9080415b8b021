import { describe, expect, it } from 'vitest';
import { createTaxonomy } from './create-taxonomy.js';
import { getDefaultTaxonomy } from './default-taxonomy.js';
import type { TTaxonomyEntry } from './schema.js';

const taxonomy = getDefaultTaxonomy();

const entry = (id: string, name: string, aliases: string[] = []): TTaxonomyEntry => ({
  id,
  name,
  category: 'tool',
  aliases,
  sources: ['test'],
});

describe('normalize', () => {
  it.each([
    ['k8s', 'kubernetes'],
    ['Kubernetes', 'kubernetes'],
    ['TS', 'typescript'],
    ['JS', 'javascript'],
    ['node', 'nodejs'],
    ['nodejs', 'nodejs'],
    ['node.js', 'nodejs'],
    ['Node.JS', 'nodejs'],
    ['postgres', 'postgresql'],
    ['psql', 'postgresql'],
    ['PostgreSQL', 'postgresql'],
    ['golang', 'go'],
    ['py', 'python'],
    ['react.js', 'react'],
    ['reactjs', 'react'],
    ['vue.js', 'vue'],
    ['ML', 'machine-learning'],
    ['AWS', 'aws'],
    ['Amazon Web Services', 'aws'],
    ['GCP', 'gcp'],
    ['CI/CD', 'ci-cd'],
    ['C++', 'cpp'],
    ['cpp', 'cpp'],
    ['C#', 'csharp'],
    ['c-sharp', 'csharp'],
    ['.NET', 'dotnet'],
    ['dotnet', 'dotnet'],
    ['C', 'c'],
    ['Objective C', 'objective-c'],
  ])('%s → %s', (input, id) => {
    expect(taxonomy.normalize(input)?.id).toBe(id);
  });

  it('ignores surrounding whitespace and case and returns a small reference', () => {
    expect(taxonomy.normalize('  KUBERNETES ')).toEqual({
      id: 'kubernetes',
      name: 'Kubernetes',
      category: 'platform',
    });
  });

  it('returns null for unknown or empty input', () => {
    expect(taxonomy.normalize('definitely not a skill')).toBeNull();
    expect(taxonomy.normalize('')).toBeNull();
    expect(taxonomy.normalize('---')).toBeNull();
  });
});

describe('get and size', () => {
  it('looks skills up by id', () => {
    expect(taxonomy.get('csharp')).toMatchObject({ name: 'C#', category: 'language' });
    expect(taxonomy.get('nope')).toBeUndefined();
    expect(taxonomy.size).toBeGreaterThan(1000);
    expect(taxonomy.entries()).toHaveLength(taxonomy.size);
    expect(taxonomy.entries()[0]?.id).toBe([...taxonomy.entries()].map((skill) => skill.id).sort()[0]);
  });

  it('rejects duplicate ids and lets names win over aliases', () => {
    expect(() => createTaxonomy([entry('a', 'A'), entry('a', 'B')])).toThrow(/Duplicate skill id/);
    const small = createTaxonomy([entry('beta', 'Beta', ['Alpha']), entry('alpha', 'Alpha')]);
    expect(small.normalize('alpha')?.id).toBe('alpha');
    expect(small.size).toBe(2);
  });
});

describe('search', () => {
  const small = createTaxonomy([
    entry('postgresql', 'PostgreSQL', ['Postgres']),
    entry('postman', 'Postman'),
    entry('postscript', 'PostScript'),
    entry('grpc', 'gRPC'),
    entry('post', 'Post'),
    entry('sql-post', 'Some Post Tool'),
  ]);

  it('ranks exact over prefix over substring, then shorter names', () => {
    expect(small.search('post').map((skill) => skill.id)).toEqual([
      'post',
      'postman',
      'postgresql',
      'postscript',
      'sql-post',
    ]);
  });

  it('ranks a name hit over an alias hit at the same level', () => {
    expect(taxonomy.search('java', 3).map((skill) => skill.id)).toEqual(['java', 'javascript', 'json']);
  });

  it('honours the limit and ignores punctuation', () => {
    expect(taxonomy.search('Node.js', 1).map((skill) => skill.id)).toEqual(['nodejs']);
    expect(small.search('post', 2)).toHaveLength(2);
    expect(small.search('  ')).toEqual([]);
  });
});

describe('suggest', () => {
  it.each([
    ['kubernets', 'kubernetes'],
    ['typscript', 'typescript'],
    ['postgress', 'postgresql'],
    ['javascirpt', 'javascript'],
    ['kuber', 'kubernetes'],
  ])('suggests %s → %s first', (input, id) => {
    expect(taxonomy.suggest(input)[0]?.id).toBe(id);
  });

  it('finds nothing for far-off input and respects the limit', () => {
    expect(taxonomy.suggest('zzzzqqqq')).toEqual([]);
    expect(taxonomy.suggest('pyth', 2).length).toBeLessThanOrEqual(2);
  });
});

describe('deriveSkills', () => {
  it('normalises technologies, adds skills found in text, de-duplicated in order', () => {
    expect(
      taxonomy.deriveSkills({
        technologies: ['TS', 'k8s', 'not a skill', 'typescript'],
        text: 'Built with React and TypeScript, deployed on Kubernetes with Terraform.',
      }),
    ).toEqual(['typescript', 'kubernetes', 'react', 'terraform']);
  });

  it('accepts either part alone', () => {
    expect(taxonomy.deriveSkills({ technologies: ['postgres'] })).toEqual(['postgresql']);
    expect(taxonomy.deriveSkills({ text: 'Python' })).toEqual(['python']);
    expect(taxonomy.deriveSkills({})).toEqual([]);
  });
});
