import { describe, expect, it } from 'vitest';
import { buildSampleCv, buildSampleLetter } from '../test-support/sample-content.js';
import { formatDateRange, formatLetterDate } from './format-dates.js';
import { BROKEN_LINK_MARKER, prepareExportView } from './prepare-export-view.js';

const links = (view: ReturnType<typeof prepareExportView>) =>
  view.sections.flatMap((s) => s.items.flatMap((i) => i.links));

describe('prepareExportView', () => {
  it('keeps broken links by default, marks them or omits them on request', () => {
    const cv = buildSampleCv();
    expect(links(prepareExportView(cv)).map((l) => l.label)).toContain('Launch post');
    expect(links(prepareExportView(cv, { brokenEvidence: 'mark' })).map((l) => l.label)).toContain(
      `Launch post${BROKEN_LINK_MARKER}`,
    );
    const omitted = links(prepareExportView(cv, { brokenEvidence: 'omit' }));
    expect(omitted.map((l) => l.label)).not.toContain('Launch post');
    expect(omitted).toHaveLength(3);
  });

  it('treats blocked links as unavailable and links of unknown status as fine', () => {
    const cv = buildSampleCv();
    const item = cv.sections[1]!.items[1]!;
    item.links.push({
      url: 'http://10.0.0.1/internal',
      label: 'internal',
      evidenceId: null,
      status: 'blocked',
    });
    item.links.push({ url: 'https://example.com/x', label: 'unknown', evidenceId: null });
    const labels = links(prepareExportView(cv, { brokenEvidence: 'omit' })).map((l) => l.label);
    expect(labels).not.toContain('internal');
    expect(labels).toContain('unknown');
  });

  it('numbers footnotes in reading order, once per URL', () => {
    const cv = buildSampleCv();
    cv.sections[2]!.items[0]!.links.push({ ...cv.sections[1]!.items[0]!.links[0]! });
    const view = prepareExportView(cv, { evidenceFootnotes: true });
    expect(view.footnotes.map((n) => [n.number, n.label])).toEqual([
      [1, 'Ledger batching PR'],
      [2, 'Launch post'],
      [3, 'build-tools repository'],
      [4, 'oncall-bot'],
    ]);
    expect(links(view).map((l) => l.footnote)).toEqual([1, 2, 3, 4, 1]);
    expect(prepareExportView(cv).footnotes).toEqual([]);
  });

  it('hides the headings of a letter’s prose sections and formats its date', () => {
    const view = prepareExportView(buildSampleLetter());
    expect(view.sections.map((s) => s.heading)).toEqual(['', '', '']);
    expect(view.letterDate).toBe('15 January 2026');
  });
});

describe('formatDateRange', () => {
  it('writes every range in one style', () => {
    expect(formatDateRange({ start: '2021-03', end: null })).toBe('Mar 2021 – Present');
    expect(formatDateRange({ start: '2019-06-01', end: '2021-02-28' })).toBe('Jun 2019 – Feb 2021');
    expect(formatDateRange({ start: '2020', end: '2020' })).toBe('2020');
    expect(formatDateRange({ start: 'Spring 2020', end: '2021' })).toBe('Spring 2020 – 2021');
    expect(formatDateRange(null)).toBeNull();
    expect(formatLetterDate('not a date')).toBeNull();
  });
});
