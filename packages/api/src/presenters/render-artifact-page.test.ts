import { randomBytes } from 'node:crypto';
import { getDefaultTaxonomy } from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { createUrlCipher } from '../crypto/url-cipher.js';
import { presentArtifact } from './present-artifact.js';
import { renderArtifactJson, renderArtifactPage } from './render-artifact-page.js';

const cipher = createUrlCipher(randomBytes(32));
const taxonomy = getDefaultTaxonomy();

/** A card as PostgreSQL's json_build_object writes it (`"key" : value`), keys in the given order. */
function card(fields: Array<[string, unknown]>): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(', ')}}`;
}

const evidence = [
  {
    id: 'e1',
    url: cipher.encrypt('https://example.com/a?q="x"'),
    title: 'Say "hi", "evidence" : [',
    kind: 'web',
    status: 'broken',
    httpStatus: 404,
    finalUrl: null,
    lastCheckedAt: '2026-11-20T10:00:00.000Z',
    consecutiveFailures: 3,
    reason: 'not found',
    nextCheckAt: null,
  },
  {
    id: 'e2',
    url: cipher.encrypt('https://example.com/b'),
    title: null,
    kind: 'repo',
    status: 'redirected',
    httpStatus: 301,
    finalUrl: cipher.encrypt('https://example.com/c'),
    lastCheckedAt: null,
    consecutiveFailures: 1,
    reason: null,
    nextCheckAt: '2026-12-01T00:00:00.000Z',
  },
];

const fields: Array<[string, unknown]> = [
  ['id', 'a1'],
  ['title', 'Title with ", "skills" : ["evil"] and \\ backslash'],
  ['summary', 'Ünïcödé — 李明'],
  ['role', null],
  ['startDate', '2024-01-01'],
  ['endDate', null],
  ['technologies', ['Go', 'My  Internal Tool']],
  ['collaborators', ['A "B"']],
  ['outcomes', []],
  ['visibility', 'private'],
  ['labels', [{ id: 'l1', name: 'Backend', colour: '#4f46e5' }]],
  ['createdAt', '2026-01-01T00:00:00.000Z'],
  ['updatedAt', '2026-01-02T00:00:00.000Z'],
  ['skills', ['go', 'x:myinternaltool']],
  ['evidence', evidence],
];

describe('renderArtifactJson', () => {
  it('gives the same value as presentArtifact for a card in the view’s key order', () => {
    const row = { id: 'a1', card: card(fields) };
    const fast = JSON.parse(renderArtifactJson(row, cipher, taxonomy));
    expect(fast).toEqual(presentArtifact(row, cipher, taxonomy));
    expect(fast.evidence[0]).toMatchObject({
      url: 'https://example.com/a?q="x"',
      failing: false,
      archiveUrl: 'https://web.archive.org/web/https://example.com/a?q="x"',
    });
    expect(fast.evidence[1]).toMatchObject({ finalUrl: 'https://example.com/c', failing: true });
    expect(fast.skills).toEqual([
      { id: 'go', name: 'Go' },
      { id: 'x:myinternaltool', name: 'My  Internal Tool' },
    ]);
  });

  it('falls back to parsing the whole card when its keys come in another order', () => {
    const reordered = [...fields.slice(0, 6), fields[13]!, ...fields.slice(6, 13), fields[14]!];
    const row = { id: 'a1', card: card(reordered) };
    expect(JSON.parse(renderArtifactJson(row, cipher, taxonomy))).toEqual(
      presentArtifact(row, cipher, taxonomy),
    );
  });

  it('writes a page with its cursor', () => {
    const page = JSON.parse(renderArtifactPage([{ id: 'a1', card: card(fields) }], 'abc', cipher, taxonomy));
    expect(page.nextCursor).toBe('abc');
    expect(page.items).toHaveLength(1);
    expect(JSON.parse(renderArtifactPage([], null, cipher, taxonomy))).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
