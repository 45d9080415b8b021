import { describe, expect, it } from 'vitest';
import { classifyDate, findDateStyles } from './date-styles.js';

describe('findDateStyles', () => {
  it('counts each date style once per date', () => {
    expect(findDateStyles('Jan 2020 – Mar 2021, then 04/2021 to 2022-05')).toEqual({
      'Mon YYYY': 2,
      'MM/YYYY': 1,
      'YYYY-MM': 1,
    });
  });

  it('treats "May 2016" as compatible with both month styles', () => {
    expect(findDateStyles('June 2018 - Present; July 2016 - June 2018; May 2016')).toEqual({
      'Month YYYY': 3,
    });
    expect(findDateStyles('Jun 2018 - Present; May 2016')).toEqual({ 'Mon YYYY': 1 });
  });
});

describe('classifyDate', () => {
  it('sorts structured dates by the precision exporters show', () => {
    expect(['2021-03', '2021-03-01', '2021', 'Spring 2020', '2021-13'].map(classifyDate)).toEqual([
      'month',
      'month',
      'year',
      'other',
      'other',
    ]);
  });
});
