import { cancelEvalRun } from '../../commands/cancel-eval-run.js';
import { compareEvalRuns, hasReport } from '../../commands/compare-eval-runs.js';
import { findEvalRun, listEvalRuns } from '../../commands/query-eval-runs.js';
import { requestEvalRun } from '../../commands/request-eval-run.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { evalRunRowOf, presentEvalRun } from '../../presenters/present-eval-run.js';
import {
  ZEvalComparison,
  ZEvalRunCreate,
  ZEvalRunDetail,
  ZEvalRunListQuery,
  ZEvalRunPage,
  ZEvalRunPairParams,
  ZEvalRunParams,
  ZEvalRunView,
} from './schema.js';

const location = (id: string) => `/api/v1/eval/runs/${id}`;

/**
 * The report page runs its own scripts (sorting, charts) but is the harness's HTML, not the app's: it is
 * served sandboxed in an opaque origin that can reach nothing, so whatever a report contains cannot act as
 * the signed-in administrator.
 */
const REPORT_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "sandbox allow-scripts; default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'private, no-store',
};

async function loadRun(em: Parameters<typeof findEvalRun>[0], id: string) {
  const row = await findEvalRun(em, id);
  if (!row) throw notFound('Evaluation run');
  return row;
}

function notFinished(status: string) {
  return new AppError(
    'CONFLICT',
    `The evaluation run has ${status === 'succeeded' ? 'no report' : `status ${status}`}`,
    {
      details: { status },
    },
  );
}

export const evalRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/eval/runs',
    tag: 'eval',
    summary: 'Queue a golden-set evaluation run (administrators)',
    auth: 'admin',
    body: ZEvalRunCreate,
    response: { status: 202, schema: ZEvalRunView, description: 'Queued, with Location' },
    async handler(rc) {
      const run = await requestEvalRun({
        em: rc.em,
        services: rc.services,
        actorId: rc.principal.userId,
        input: rc.input.body,
        requestId: rc.requestId,
      });
      // The answer is the run as queued: a worker may already have claimed it, and GET shows that.
      return {
        status: 202,
        body: presentEvalRun(evalRunRowOf(run)),
        headers: { Location: location(run.id) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/eval/runs',
    tag: 'eval',
    summary: 'List evaluation runs, newest first (administrators)',
    auth: 'admin',
    query: ZEvalRunListQuery,
    response: { status: 200, schema: ZEvalRunPage },
    async handler({ em, input }) {
      const { rows, nextCursor } = await listEvalRuns(em, input.query);
      return { body: { items: rows.map(presentEvalRun), nextCursor } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/eval/runs/:id',
    tag: 'eval',
    summary: 'Get one evaluation run: status, progress, summary, and the report when done (administrators)',
    auth: 'admin',
    params: ZEvalRunParams,
    response: { status: 200, schema: ZEvalRunDetail },
    async handler({ em, input }) {
      const row = await loadRun(em, input.params.id);
      let comparison = null;
      if (row.compare_with && hasReport(row)) {
        const other = await findEvalRun(em, row.compare_with);
        if (other && hasReport(other)) comparison = compareEvalRuns(other, row);
      }
      return {
        body: { ...presentEvalRun(row), report: hasReport(row) ? row.report : null, comparison },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/eval/runs/:id/report.html',
    tag: 'eval',
    summary: "A succeeded run's self-contained HTML report (administrators)",
    auth: 'admin',
    params: ZEvalRunParams,
    response: { status: 200, description: 'text/html' },
    async handler({ em, services, input }) {
      const row = await loadRun(em, input.params.id);
      if (!hasReport(row)) throw notFinished(row.status);
      return { status: 200, body: services.evaluation.renderHtml(row.report), headers: REPORT_HEADERS };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/eval/runs/:id/compare/:otherId',
    tag: 'eval',
    summary: 'Two succeeded runs side by side: means with deltas, per-case deltas (administrators)',
    auth: 'admin',
    params: ZEvalRunPairParams,
    response: { status: 200, schema: ZEvalComparison },
    async handler({ em, input }) {
      const a = await loadRun(em, input.params.id);
      const b = await loadRun(em, input.params.otherId);
      if (!hasReport(a)) throw notFinished(a.status);
      if (!hasReport(b)) throw notFinished(b.status);
      return { body: compareEvalRuns(a, b) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/eval/runs/:id/cancel',
    tag: 'eval',
    summary: 'Cancel a queued or running evaluation run (administrators)',
    auth: 'admin',
    params: ZEvalRunParams,
    response: { status: 202, schema: ZEvalRunView },
    async handler(rc) {
      const id = rc.input.params.id;
      await cancelEvalRun({
        em: rc.em,
        services: rc.services,
        actorId: rc.principal.userId,
        id,
        requestId: rc.requestId,
      });
      return {
        status: 202,
        body: presentEvalRun(await loadRun(rc.em, id)),
        headers: { Location: location(id) },
      };
    },
  }),
];
