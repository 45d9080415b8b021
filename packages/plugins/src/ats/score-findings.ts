import { ATS_PASS_SCORE, type TAtsFinding } from '@dossier/core';

const PENALTY: Record<TAtsFinding['severity'], number> = { error: 25, warning: 8, info: 0 };

/** 100 less a fixed penalty per finding; passes with no error at or above the ATS pass score. */
export function scoreFindings(findings: TAtsFinding[]): { score: number; passed: boolean } {
  const score = Math.max(0, 100 - findings.reduce((sum, f) => sum + PENALTY[f.severity], 0));
  return { score, passed: score >= ATS_PASS_SCORE && !findings.some((f) => f.severity === 'error') };
}
