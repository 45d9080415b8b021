import { parsePartialDate, type TPipelineArtifact } from '@dossier/core';

export interface ExperienceYears {
  years: number;
  /** The artifacts that open and close the span: citing both grounds the figure. */
  first: TPipelineArtifact;
  last: TPipelineArtifact;
}

/**
 * Whole years of work the artifacts' dates cover, overlaps counted once and gaps not at all. Work done for an
 * organisation counts when there is any; side projects count only when there is nothing else. Ongoing work
 * runs to `now`. Null when under a year or when no dates are readable.
 */
export function computeExperienceYears(
  artifacts: readonly TPipelineArtifact[],
  now: Date,
): ExperienceYears | null {
  const employed = artifacts.filter((a) => a.organization);
  const pool = employed.length > 0 ? employed : artifacts;
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  const spans: Array<{ start: number; end: number; artifact: TPipelineArtifact }> = [];
  for (const artifact of pool) {
    const start = parsePartialDate(artifact.startDate);
    const end = artifact.endDate === null ? null : parsePartialDate(artifact.endDate);
    if (!start || (artifact.endDate !== null && !end)) continue;
    const from = start.year * 12 + (start.month ?? 1);
    const to = end ? end.year * 12 + (end.month ?? 12) : nowMonth;
    if (to >= from) spans.push({ start: from, end: to, artifact });
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let months = 0;
  let open = spans[0]!.start;
  let close = spans[0]!.end;
  for (const span of spans.slice(1)) {
    if (span.start > close + 1) {
      months += close - open + 1;
      open = span.start;
    }
    close = Math.max(close, span.end);
  }
  months += close - open + 1;
  const years = Math.floor(months / 12);
  if (years < 1) return null;
  const last = spans.reduce((best, s) => (s.end > best.end ? s : best));
  return { years, first: spans[0]!.artifact, last: last.artifact };
}
