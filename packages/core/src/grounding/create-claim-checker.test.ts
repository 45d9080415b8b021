import { describe, expect, it } from 'vitest';
import { ZPipelineArtifact } from '../domain/pipeline-artifact.js';
import { getDefaultTaxonomy } from '../taxonomy/default-taxonomy.js';
import { createClaimChecker } from './create-claim-checker.js';

const LEDGER = ZPipelineArtifact.parse({
  id: 'a-ledger',
  title: 'Payments ledger service',
  summary: 'Double-entry ledger for card payments, reviewed with Priya Raman.',
  role: 'Senior Backend Engineer',
  organization: 'Northwind Pay',
  startDate: '2021-03-01',
  endDate: null,
  technologies: ['Go', 'PostgreSQL', 'Kafka', 'ClickHouse'],
  skills: ['go', 'postgresql', 'kafka'],
  outcomes: [
    'Cut p99 write latency from 180 ms to 45 ms',
    'Processed 2,400 transactions per second at peak',
    'Reduced reconciliation incidents by 60%',
    'Saved $1.2M a year and made deploys 3x faster',
  ],
});
const ORDERS = ZPipelineArtifact.parse({
  id: 'a-orders',
  title: 'Order routing API',
  role: 'Backend Engineer',
  organization: 'Kestrel Logistics',
  startDate: '2018-09',
  endDate: '2020-10',
  technologies: ['Java'],
});

const checker = createClaimChecker(getDefaultTaxonomy(), {
  now: '2026-01-15T09:30:00.000Z',
  company: 'Fjord Financial',
  jobTitle: 'Staff Engineer',
});
const ledger = checker.support([LEDGER]);
const both = checker.support([LEDGER, ORDERS]);
const kinds = (text: string, support = ledger) => checker.checkText(text, support).map((i) => i.kind);

describe('createClaimChecker', () => {
  it('accepts figures however they are written, and nothing the artifacts do not state', () => {
    for (const text of [
      'Processed 2400 transactions per second',
      'Reduced incidents by 60 %',
      'Saved $1.2 million a year',
      'Made deploys 3x faster',
      'Handled two regions',
    ])
      expect(kinds(text)).toEqual([]);
    expect(checker.checkText('Reduced incidents by 42%', ledger)).toEqual([
      { kind: 'number', detail: 'figure "42%" does not appear in the cited artifacts\' outcomes or summary' },
    ]);
    expect(kinds('Processed 2,500 transactions per second')).toEqual(['number']);
    // 60% is stated, 60 ms is not: a percentage is a different figure.
    expect(kinds('Cut latency by 60 ms')).toEqual(['number']);
  });

  it('accepts years of experience the cited dates cover, and no more', () => {
    // 2018-09 to 2026-01 (now, since the ledger is ongoing) is 7 whole years.
    expect(kinds('Backend engineer with 7+ years of experience.', both)).toEqual([]);
    expect(kinds('Backend engineer with 9 years of experience.', both)).toEqual(['number']);
    // "45 ms" in an outcome does not support "45 years".
    expect(kinds('Over 45 years of experience.')).toEqual(['number']);
  });

  it('checks dates in text at year or month granularity, ongoing work running to now', () => {
    expect(kinds('Since March 2021, and through 2025', ledger)).toEqual([]);
    expect(kinds('Since February 2021')).toEqual(['date']);
    expect(kinds('Planned for 2027')).toEqual(['date']);
    expect(kinds('From 2019 to 2021', both)).toEqual([]);
  });

  it('finds skills in text, aliases included, and technologies the taxonomy lacks', () => {
    expect(kinds('Built it in Golang on Postgres with Apache Kafka')).toEqual([]);
    expect(checker.checkText('Rewrote the hot path in Rust', ledger)).toEqual([
      { kind: 'skill', detail: 'skill "Rust" is not among the cited artifacts\' skills' },
    ]);
    expect(checker.checkSkill('ClickHouse', ledger)).toBeNull();
    expect(checker.checkSkill('Snowflake', ledger)?.kind).toBe('skill');
  });

  it('checks employers and titles, but not the company and role applied for', () => {
    expect(kinds('Senior Backend Engineer at Northwind Pay, working with Priya Raman')).toEqual([]);
    expect(kinds('Previously a Staff Engineer at Stripe')).toEqual(['title', 'employer']);
    expect(kinds('Keen to join the Staff Engineer team at Fjord Financial')).toEqual([]);
    expect(kinds('Led the migration at Kestrel Logistics')).toEqual(['employer']);
    expect(kinds('Led the migration at Kestrel Logistics', both)).toEqual([]);
  });

  it('reads subtitles as role and organisation, naming which part is wrong', () => {
    expect(checker.checkSubtitle('Senior Backend Engineer · Northwind Pay', ledger)).toEqual([]);
    expect(checker.checkSubtitle('Backend Engineer, Northwind Pay', ledger)).toEqual([]);
    expect(checker.checkSubtitle('Principal Engineer | Google', ledger).map((i) => i.kind)).toEqual([
      'title',
      'employer',
    ]);
  });

  it('checks an entry’s dates against the cited ranges', () => {
    expect(checker.checkDates({ start: '2021-03', end: null }, ledger)).toEqual([]);
    expect(checker.checkDates({ start: '2018', end: '2020-10' }, both)).toEqual([]);
    expect(
      checker.checkDates({ start: '2018-09', end: null }, checker.support([ORDERS])).map((i) => i.detail),
    ).toEqual(['end "present" is outside the cited artifacts\' dates']);
    expect(checker.checkDates({ start: 'last spring', end: null }, ledger).map((i) => i.kind)).toEqual([
      'date',
    ]);
  });
});
