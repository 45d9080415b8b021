import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildLlmPortFromConfig } from '@dossier/plugins';
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { type RunEvaluationOptions, runEvaluation } from '../eval/run-evaluation.js';
import { baselineMeans, compareRuns, compareToBaseline, toBaseline } from '../eval/summarize.js';
import type { EvalProgress, EvalReport, MetricSummary } from '../eval/types.js';
import { writeReport } from '../eval/write-report.js';
import { readPipelineConfigFile } from '../pipeline/load-pipeline-config.js';
import { table } from './output.js';

interface EvalOptions {
  golden: string;
  corpus?: string;
  config?: string;
  compare?: string;
  baseline?: string;
  updateBaseline?: boolean;
  report?: string;
  json?: boolean;
  concurrency: number;
  workers: number;
  limit?: number;
  atsEmulation: boolean;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
  return n;
};

/** A progress bar on stderr when it is a terminal; silent otherwise so `--json` output and pipes stay clean. */
function evalProgressPrinter(label: string) {
  const tty = process.stderr.isTTY;
  return {
    update: (p: EvalProgress) => {
      if (!tty || p.total === 0) return;
      const width = 24;
      const filled = Math.round((p.done / p.total) * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${p.caseId ? ` ${p.caseId}` : ''}\u001b[K`,
      );
    },
    done: () => {
      if (tty) process.stderr.write('\r\u001b[K');
    },
  };
}

/** Run options for one pipeline configuration file (none: the template pipeline). */
function configRun(
  file: string | undefined,
): Pick<RunEvaluationOptions, 'pipelineConfig' | 'configDir' | 'configName' | 'llm'> {
  if (!file) return { configName: 'template' };
  const { json, dir } = readPipelineConfigFile(file);
  // An LLM generator needs the model from the environment; without one it falls back to the template.
  const appConfig = loadConfig();
  const llmConfig = appConfig.llm;
  const llm = llmConfig
    ? () =>
        buildLlmPortFromConfig({
          providers: [{ name: 'default', ...llmConfig }],
          budgetTokens:
            (json as { llm?: { budgetTokens?: number } })?.llm?.budgetTokens ?? appConfig.llmBudgetTokens,
        })
    : undefined;
  return { pipelineConfig: json, configDir: dir, configName: path.basename(file), ...(llm ? { llm } : {}) };
}

const f = (v: number, digits = 3) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));
const ci = (s: MetricSummary, digits = 3) => `${f(s.ci95[0], digits)}–${f(s.ci95[1], digits)}`;

function summaryTable(report: EvalReport): string {
  const m = report.summary.metrics;
  const t = report.thresholds;
  const row = (name: string, s: MetricSummary | null, gate = '', digits = 3): string[] =>
    s ? [name, f(s.mean, digits), f(s.median, digits), ci(s, digits), gate] : [name, '–', '–', '–', gate];
  const rate = (name: string, v: number, gate: string): string[] => [name, f(v), '', '', gate];
  return table(
    ['metric', 'mean', 'median', '95% CI', 'gate'],
    [
      row('keyword coverage (CV)', m.keywordCoverage, `≥ ${t.keywordCoverageMean}`),
      rate('ATS pass rate (CV)', m.atsPassRate, `≥ ${t.atsPassRate}`),
      row('emulated ATS pass rate', m.atsEmulationPassRate),
      row('grounding', m.grounding, `≥ ${t.groundingMean}`),
      rate('fabrications', m.fabrications, `≤ ${t.maxFabrications}`),
      row('nDCG@5', m.ndcgAt5),
      row('must-feature recall', m.mustFeatureRecall),
      row('ROUGE-L F', m.rougeL),
      row('keyword-weighted overlap', m.keywordWeightedOverlap),
      row('evidence coverage', m.evidenceCoverage),
      row('words', m.words, '', 0),
      row('Flesch reading ease', m.readability, '', 1),
      row('latency per case (ms)', m.latencyMs, '', 0),
      rate('tokens', m.tokens, ''),
      ['cost (USD)', m.costUsd.toFixed(4), '', '', ''],
    ],
  );
}

export function registerEvalCommands(program: Command) {
  program
    .command('eval')
    .description(
      'Score the pipeline against a golden set; exit 1 when a metric misses its threshold or regresses.',
    )
    .option('--golden <dir>', 'the golden set', 'golden')
    .option('--corpus <jsonl>', 'a JSONL job corpus whose postings become extra cases')
    .option('--config <file>', 'pipeline configuration (dossier.config.json); default: template generators')
    .option('--compare <file>', 'a second pipeline configuration to compare against, case by case')
    .option('--baseline <file>', 'a baseline (or report.json) to check for regressions')
    .option(
      '--update-baseline',
      'write this run as the baseline (to --baseline, default <golden>/baseline.json)',
    )
    .option('--report <dir>', 'write report.json and report.html to this folder')
    .option('--json', 'print the summary as JSON')
    .option('--concurrency <n>', 'cases evaluated at once', positiveInt('--concurrency'), 2)
    .option('--workers <n>', 'worker threads to spread the cases over', positiveInt('--workers'), 1)
    .option('--limit <n>', 'evaluate the first N cases only', positiveInt('--limit'))
    .option('--no-ats-emulation', 'skip the emulated ATS suite')
    .action(async (opts: EvalOptions) => {
      const common: RunEvaluationOptions = {
        goldenDir: opts.golden,
        ...(opts.corpus ? { corpus: opts.corpus } : {}),
        concurrency: opts.concurrency,
        workers: opts.workers,
        ...(opts.limit ? { limit: opts.limit } : {}),
        atsEmulation: opts.atsEmulation,
      };
      const a = configRun(opts.config);
      const progressA = opts.json ? undefined : evalProgressPrinter(a.configName ?? 'A');
      const report = await runEvaluation({ ...common, ...a, onProgress: progressA?.update });
      progressA?.done();
      if (opts.compare) {
        const b = configRun(opts.compare);
        const progressB = opts.json ? undefined : evalProgressPrinter(b.configName ?? 'B');
        const other = await runEvaluation({ ...common, ...b, onProgress: progressB?.update });
        progressB?.done();
        report.compare = {
          config: other.config,
          summary: other.summary,
          comparisons: compareRuns(report.cases, other.cases),
        };
      }
      const baselineFile =
        opts.baseline ?? (opts.updateBaseline ? path.join(opts.golden, 'baseline.json') : undefined);
      let regressed: string[] = [];
      if (baselineFile && existsSync(baselineFile)) {
        let means: Record<string, number>;
        try {
          means = baselineMeans(JSON.parse(readFileSync(baselineFile, 'utf8')));
        } catch (err) {
          throw new Error(`baseline ${baselineFile}: ${(err as Error).message}`);
        }
        const deltas = compareToBaseline(report.summary, means, report.thresholds.regressionTolerance);
        report.baseline = { file: path.resolve(baselineFile), deltas };
        regressed = deltas
          .filter((d) => d.regressed)
          .map((d) => `${d.metric} regressed: ${f(d.baseline)} → ${f(d.current)}`);
      } else if (opts.baseline && !opts.updateBaseline) {
        throw new Error(`baseline ${opts.baseline} does not exist (write one with --update-baseline)`);
      }
      if (opts.updateBaseline && baselineFile) {
        writeFileSync(
          baselineFile,
          `${JSON.stringify(toBaseline(report.summary, report.config, report.finishedAt), null, 2)}\n`,
        );
        // The new baseline accepts this run's means, so they are not regressions.
        regressed = [];
      }
      const written = opts.report ? writeReport(report, opts.report) : null;
      const failures = [...report.summary.failures, ...regressed];
      const passed = failures.length === 0;
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              ...report.summary,
              passed,
              failures,
              ...(report.baseline ? { baseline: report.baseline } : {}),
              ...(report.compare
                ? {
                    compare: {
                      config: report.compare.config,
                      passed: report.compare.summary.passed,
                      comparisons: report.compare.comparisons.map(({ perCase: _, ...c }) => c),
                    },
                  }
                : {}),
              ...(report.notes ? { notes: report.notes } : {}),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        const lines = [
          `${report.summary.cases} cases · configuration ${report.config.name} (${report.config.generator})`,
          '',
          summaryTable(report),
        ];
        if (report.compare) {
          lines.push(
            '',
            `${report.config.name} vs ${report.compare.config.name} (Wilcoxon signed-rank, two-sided):`,
            table(
              ['metric', report.config.name, report.compare.config.name, 'delta', 'p'],
              report.compare.comparisons.map((c) => [
                c.metric,
                f(c.meanA),
                f(c.meanB),
                f(c.meanDelta),
                c.pValue.toFixed(4),
              ]),
            ),
          );
        }
        if (report.baseline) {
          lines.push(
            '',
            `against ${report.baseline.file}:`,
            table(
              ['metric', 'baseline', 'current', 'regressed'],
              report.baseline.deltas.map((d) => [
                d.metric,
                f(d.baseline),
                f(d.current),
                d.regressed ? 'yes' : '',
              ]),
            ),
          );
        }
        for (const note of report.notes ?? []) lines.push(`note: ${note}`);
        const failing = report.cases.filter((c) => c.failures.length > 0);
        if (failing.length > 0) {
          lines.push('', `${failing.length} case${failing.length === 1 ? '' : 's'} below a threshold:`);
          for (const c of failing.slice(0, 20)) lines.push(`  ${c.caseId}: ${c.failures.join('; ')}`);
          if (failing.length > 20) lines.push(`  … and ${failing.length - 20} more (see the report)`);
        }
        if (opts.updateBaseline && baselineFile) lines.push('', `baseline written to ${baselineFile}`);
        if (written) lines.push('', `report: ${written.html}`);
        lines.push('', passed ? 'PASSED' : `FAILED: ${failures.join('; ')}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!passed) process.exitCode = 1;
    });
}
