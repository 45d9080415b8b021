import { describe, expect, it } from 'vitest';
import { findDateRange, isDateOnly } from './find-date-range.js';

describe('findDateRange', () => {
  it.each([
    ['Jan 2020 – Present', '2020-01', null, true],
    ['Sept 2018 – May 2023', '2018-09', '2023-05', false],
    ['2019-2021', '2019', '2021', false],
    ['(2021–2023)', '2021', '2023', false],
    ['03/2020 – 05/2021', '2020-03', '2021-05', false],
    ['2020-03 to 2021-05', '2020-03', '2021-05', false],
    ['June 2023 – present', '2023-06', null, true],
    ['since 2021', '2021', null, true],
    ['März 2019 bis heute', '2019-03', null, true],
    ['2014-09-01 - 2018-06-30', '2014-09-01', '2018-06-30', false],
    ['Fall 2019 – Spring 2020', '2019-09', '2020-03', false],
    ['Exactly-once payouts — FinOps Conf 2023 (Oct 2023)', '2023-10', null, false],
  ])('%s', (text, start, end, ongoing) => {
    expect(findDateRange(text)).toMatchObject({ start, end, ongoing });
  });

  it('ignores numbers that are not dates', () => {
    expect(findDateRange('Raised $2020 from 3,000 users, v2021.1, 12,2019')).toBeNull();
    expect(findDateRange('Cut latency by 73% for 50M+ devices')).toBeNull();
    expect(findDateRange('Seminar 2020')?.start).toBe('2020');
  });

  it('reports where the match is so callers can cut it out', () => {
    const text = 'Staff Engineer — Acme (Mar 2021 – Present)';
    const range = findDateRange(text)!;
    expect(text.slice(range.index, range.index + range.length)).toBe('Mar 2021 – Present');
  });
});

describe('isDateOnly', () => {
  it.each([
    ['June 2023 – present', true],
    ['2 years 10 months', true],
    ['May 2022 – Aug 2022', true],
    ['2018', true],
    ['Princeton, NJ', false],
    ['NeurIPS 2022', false],
  ])('%s → %s', (text, expected) => {
    expect(isDateOnly(text)).toBe(expected);
  });
});
