import { describe, expect, it } from 'vitest';
import { createTextMatcher } from './create-text-matcher.js';
import { getDefaultTaxonomy } from './default-taxonomy.js';

const taxonomy = getDefaultTaxonomy();
const ids = (text: string): string[] => taxonomy.findInText(text).map((mention) => mention.id);

describe('findInText', () => {
  it('matches whole tokens only', () => {
    expect(ids('A good engineer with a can-do attitude.')).toEqual([]);
    expect(ids('We write JavaScript daily.')).toEqual(['javascript']);
    expect(ids('We write Java daily.')).toEqual(['java']);
  });

  it('finds multi-word skills and prefers the longest phrase', () => {
    expect(ids('Experience with machine learning on Google Cloud Platform.')).toEqual([
      'machine-learning',
      'gcp',
    ]);
    expect(ids('Deep-learning research')).toEqual(['deep-learning']);
    expect(ids('Apache Spark jobs')).toEqual(['spark']);
  });

  it('does not join words across sentence punctuation', () => {
    expect(ids('We like the machine. Learning is fun.')).not.toContain('machine-learning');
  });

  it('keeps punctuation-bearing names', () => {
    expect(ids('C++, C#, F#, .NET, Node.js, Vue.js, CI/CD and ASP.NET')).toEqual([
      'cpp',
      'csharp',
      'fsharp',
      'dotnet',
      'nodejs',
      'vue',
      'ci-cd',
      'aspnet',
    ]);
  });

  it('counts mentions in order of first appearance', () => {
    expect(taxonomy.findInText('Python and Go. We love Python; python everywhere.')).toEqual([
      { id: 'python', name: 'Python', count: 3 },
      { id: 'go', name: 'Go', count: 1 },
    ]);
  });

  describe('short and ambiguous words', () => {
    it('needs "Go" written as the name, not at the start of a sentence', () => {
      expect(ids('Senior Go Engineer')).toEqual(['go']);
      expect(ids('Ready to go live? Go to the office.')).toEqual([]);
      expect(ids('GO TEAM')).toEqual([]);
    });

    it('accepts lowercase-written short names as written', () => {
      expect(ids('Deployed on k8s with npm scripts.')).toEqual(['kubernetes', 'npm']);
    });

    it('accepts them in a list next to another skill', () => {
      expect(ids('Stack: python, go, rust')).toEqual(['python', 'go', 'rust']);
      expect(ids('Go, Rust or Python')).toEqual(['go', 'rust', 'python']);
      expect(ids('Python and go')).toEqual(['python', 'go']);
      expect(ids('Write Python. go home')).toEqual(['python']);
      expect(ids('Write Python go home')).toEqual(['python']);
      expect(ids('C/C++ and AI/ML')).toEqual(['c', 'cpp', 'ai', 'machine-learning']);
    });

    it('finds R and C only as standalone tokens', () => {
      expect(ids('Statistics in R and C.')).toEqual(['statistics', 'r', 'c']);
      expect(ids('Our R&D team reports to C-level executives.')).toEqual([]);
      expect(ids('TS/SCI clearance required')).toEqual([]);
    });

    it('ignores ordinary words that are also tool names', () => {
      expect(ids('Make sure you make less noise; a swift reply, react quickly, spring cleaning.')).toEqual(
        [],
      );
      expect(ids('We use Make and Less, and ship Swift apps built with React.')).toEqual([
        'make',
        'less',
        'swift',
        'react',
      ]);
      expect(ids('The chef cooks. Our configs use Chef and Puppet.')).toEqual(['chef', 'puppet']);
    });
  });

  it('works with a custom taxonomy and its own ambiguous terms', () => {
    const find = createTextMatcher(
      [{ id: 'ant', name: 'Ant', category: 'tool', aliases: ['Apache Ant'], sources: ['test'] }],
      ['ant'],
    );
    expect(find('an ant crawled; built with Ant; built by Apache Ant')).toEqual([
      { id: 'ant', name: 'Ant', count: 2 },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(taxonomy.findInText('')).toEqual([]);
  });
});
