import type { AtsReport, AtsResult } from '../api/tailoring-types';

export interface PortfolioSupport {
  term: string;
  artifactIds: string[];
  /** Titles the server sent along, when it did. */
  artifactTitles: string[];
}

export interface KeywordCoverage {
  covered: string[];
  /** Missing, with no artifact known to back it (or no portfolio to ask). */
  missing: string[];
  /** Missing from the document, although one of your artifacts has it. */
  inPortfolio: PortfolioSupport[];
  /** Asked for by the job, backed by nothing in the portfolio: for information. */
  notInPortfolio: string[];
  coverage: number | null;
  target: number | null;
}

// The checker reports its figures in `details`, whose shape is checker-specific and not part of the
// contract; this reads the known keys and tolerates strings or `{term|name}` objects in each list.
function term(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['term', 'name', 'keyword', 'skill']) {
      if (typeof v[key] === 'string') return v[key] as string;
    }
  }
  return null;
}

function terms(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(term).filter((item): item is string => !!item);
}

function support(value: unknown): PortfolioSupport[] {
  if (!Array.isArray(value)) return [];
  const out: PortfolioSupport[] = [];
  for (const entry of value) {
    const name = term(entry);
    if (!name || typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const ids: string[] = [];
    const titles: string[] = [];
    const list = Array.isArray(e.artifactIds) ? e.artifactIds : Array.isArray(e.artifacts) ? e.artifacts : [];
    for (const item of list) {
      if (typeof item === 'string') ids.push(item);
      else if (item && typeof item === 'object') {
        const a = item as Record<string, unknown>;
        if (typeof a.id === 'string') ids.push(a.id);
        if (typeof a.title === 'string') titles.push(a.title);
      }
    }
    out.push({ term: name, artifactIds: ids, artifactTitles: titles });
  }
  return out;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function isCoverageResult(result: AtsResult): boolean {
  const details = result.details ?? {};
  return /keyword/i.test(result.checker) || Array.isArray(details.covered);
}

export function findCoverageResult(report: AtsReport | null | undefined): AtsResult | null {
  return report?.results?.find(isCoverageResult) ?? null;
}

export function readCoverage(result: AtsResult): KeywordCoverage {
  const details = (result.details ?? {}) as Record<string, unknown>;
  const inPortfolio = support(
    details.missingPortfolioHasIt ?? details.missingInDocumentInPortfolio ?? details.inPortfolio,
  );
  const backed = new Set(inPortfolio.map((entry) => entry.term.toLowerCase()));
  return {
    covered: terms(details.covered),
    missing: terms(details.missing).filter((name) => !backed.has(name.toLowerCase())),
    inPortfolio,
    notInPortfolio: terms(details.notInPortfolio),
    coverage: num(details.coverage),
    target: num(details.target),
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortedFindings(report: AtsReport | null | undefined) {
  const all = (report?.results ?? []).flatMap((result) =>
    (result.findings ?? []).map((finding) => ({ ...finding, checker: result.checker })),
  );
  return all.sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) ||
      a.checker.localeCompare(b.checker),
  );
}

export const CHECKER_LABELS: Record<string, string> = {
  'keyword-coverage': 'Keyword coverage',
  structure: 'Structure',
  parseability: 'Parseability',
};

export function checkerLabel(name: string): string {
  return CHECKER_LABELS[name] ?? name.replace(/[-_]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
