import { describe, expect, it } from 'vitest';
import { normalizeKey, scanTokens, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it.each([
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['F#', 'f#'],
    ['.NET', '.net'],
    ['Node.js', 'node.js'],
    ['Vue.js', 'vue.js'],
    ['CI/CD', 'ci/cd'],
    ['ASP.NET', 'asp.net'],
    ['Objective-C', 'objective-c'],
    ['PL/SQL', 'pl/sql'],
  ])('keeps %s whole', (input, token) => {
    expect(tokenize(`We use ${input}, daily.`)).toEqual(['we', 'use', token, 'daily']);
  });

  it('splits on other punctuation and drops it', () => {
    expect(tokenize('Python/Go; Python-based (Rust)! "quoted" — e.g. end.')).toEqual([
      'python',
      'go',
      'python',
      'based',
      'rust',
      'quoted',
      'e.g',
      'end',
    ]);
  });

  it('separates languages listed with a slash', () => {
    expect(tokenize('C/C++ and C#/.NET')).toEqual(['c', 'c++', 'and', 'c#', '.net']);
  });

  it('keeps versions and reports offsets and original casing', () => {
    expect(tokenize('Python 3.11')).toEqual(['python', '3.11']);
    expect(scanTokens('Use Go.')).toEqual([
      { value: 'use', raw: 'Use', start: 0, end: 3 },
      { value: 'go', raw: 'Go', start: 4, end: 6 },
    ]);
  });

  it('handles letters outside ASCII', () => {
    expect(tokenize('Café München')).toEqual(['café', 'münchen']);
  });
});

describe('normalizeKey', () => {
  it('ignores case, spacing, punctuation and accents', () => {
    expect(normalizeKey('Node.JS')).toBe('nodejs');
    expect(normalizeKey(' node  js ')).toBe('nodejs');
    expect(normalizeKey('Objective C')).toBe(normalizeKey('objective-c'));
    expect(normalizeKey('Dassault Systèmes')).toBe('dassaultsystemes');
  });

  it('keeps the symbols that tell languages apart', () => {
    expect(normalizeKey('C++')).toBe('cpp');
    expect(normalizeKey('C#')).toBe('csharp');
    expect(normalizeKey('c-sharp')).toBe('csharp');
    expect(normalizeKey('.NET')).toBe('dotnet');
    expect(normalizeKey('ASP.NET')).toBe('aspnet');
    expect(normalizeKey('C')).toBe('c');
    expect(new Set(['C', 'C++', 'C#', 'F#', '.NET'].map(normalizeKey)).size).toBe(5);
  });

  it('returns an empty key for punctuation only', () => {
    expect(normalizeKey(' -/- ')).toBe('');
  });
});
