import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderReportHtml } from './render-report-html.js';
import type { EvalReport } from './types.js';

/** Writes `report.json` and `report.html` into `dir` (created when missing); returns their paths. */
export function writeReport(report: EvalReport, dir: string): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const html = path.join(dir, 'report.html');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderReportHtml(report));
  return { json, html };
}
