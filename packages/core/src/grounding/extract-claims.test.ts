import { describe, expect, it } from 'vitest';
import { extractNumbersAndDates, extractOrganisations, extractTitles, numberKey } from './extract-claims.js';

const keys = (text: string): string[] => extractNumbersAndDates(text).numbers.map(numberKey);

describe('extractNumbersAndDates', () => {
  it.each([
    ['Cut latency by 42%', ['%42']],
    ['Cut latency by 42 %', ['%42']],
    ['Cut latency by 42 percent', ['%42']],
    ['Made builds 3x faster', ['#3']],
    ['Made builds 3× faster', ['#3']],
    ['Saved $1.2M a year', ['#1200000']],
    ['Saved $1.2 million a year', ['#1200000']],
    ['Saved $240K', ['#240000']],
    ['Served 2,400 requests', ['#2400']],
    ['Served 2400 requests', ['#2400']],
    ['from 180 ms to 45 ms', ['#180', '#45']],
    ['Ranked 2nd of 40 teams', ['#2', '#40']],
    ['with 5+ years of experience', ['#5']],
    ['Two teams, three regions', []],
    ['Deployed to S3, EC2 and K8s with p99 under control; added 2FA and 3D previews', []],
  ])('%s → %j', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it('flags lengths of experience', () => {
    expect(extractNumbersAndDates('8+ years in Go, 3 teams').numbers.map((n) => n.years)).toEqual([
      true,
      false,
    ]);
  });

  it('reads dates as dates, not figures', () => {
    const { numbers, dates } = extractNumbersAndDates(
      'Shipped in March 2021, rewritten 2023-06, retired 2024; 1,900 stars',
    );
    expect(dates.map(({ year, month }) => [year, month])).toEqual([
      [2021, 3],
      [2023, 6],
      [2024, null],
    ]);
    expect(numbers.map(numberKey)).toEqual(['#1900']);
  });
});

describe('extractTitles', () => {
  it('finds titles without leading verbs and articles', () => {
    expect(extractTitles('Promoted to Senior Backend Engineer in 2022').map((t) => t.phrase)).toEqual([
      'Senior Backend Engineer',
    ]);
    expect(extractTitles('Led Backend Engineer hiring as Head of Data').map((t) => t.phrase)).toEqual([
      'Backend Engineer',
      'Head of Data',
    ]);
    expect(extractTitles('Mentored four engineers; worked with the data team')).toEqual([]);
  });
});

describe('extractOrganisations', () => {
  it('reads "at <Org>" and "joined <Org>"', () => {
    expect(extractOrganisations('At Northwind Pay, I joined Kestrel Logistics and Helio Health.')).toEqual([
      'Northwind Pay',
      'Kestrel Logistics',
      'Helio Health',
    ]);
    expect(extractOrganisations("Worked at Procter & Gamble's lab at scale in March")).toEqual([
      'Procter & Gamble',
    ]);
  });
});
