import { describe, expect, it } from 'vitest';
import { findNulCharacters, withoutNul } from './without-nul.js';

describe('withoutNul', () => {
  it('removes NUL from strings and keys at any depth, and leaves everything else as it is', () => {
    const value = { 'a\u0000': ['x\u0000y', 1, null, { b: '\u0000\u0000' }], c: true, d: 'clean' };
    expect(withoutNul(value)).toEqual({ a: ['xy', 1, null, { b: '' }], c: true, d: 'clean' });
    expect(withoutNul('no nul here')).toBe('no nul here');
    const date = new Date(0);
    expect(withoutNul({ at: date }).at).toBe(date);
  });
});

describe('findNulCharacters', () => {
  it('names the path of every string or key with a NUL, in document order', () => {
    expect(
      findNulCharacters({ a: 'ok', b: ['x', 'y\u0000'], 'c\u0000': 1, d: { e: '\u0000' } }, 'body'),
    ).toEqual(['body.b.1', 'body.c\u0000', 'body.d.e']);
    expect(findNulCharacters({ a: 'fine', b: [1, null, true] }, 'query')).toEqual([]);
    expect(findNulCharacters('\u0000', 'body')).toEqual(['body']);
  });

  it('walks a deeply nested value without recursion, and stops at the limit', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulCharacters(deep, 'body')).toHaveLength(1);
    expect(
      findNulCharacters(
        Array.from({ length: 50 }, () => '\u0000'),
        'body',
        3,
      ),
    ).toEqual(['body.0', 'body.1', 'body.2']);
  });
});
