// One process per portfolio size (so its peak RSS is its own): `node measure-size.mjs <out.json>` with the
// settings as JSON in BENCH_PIPELINE_JOB. Warms up, then times CV and cover-letter runs alternately through
// the whole template pipeline, then times the PDF and DOCX exporters alone on the final content, since the
// ATS stage renders both (the export stage reuses those renders; see create-export-renderer.ts in core).
import { writeFileSync } from 'node:fs';
import { generatePortfolio } from './generate-portfolio.mjs';
import { exportContext, loadPipeline } from './load-pipeline.mjs';
import { startRssSampler, summarize } from './stats.mjs';

const KINDS = ['cv', 'cover-letter'];
const STAGES = ['parse', 'match', 'generate', 'ground', 'ats', 'export'];

function check(result, kind) {
  const expected = kind === 'cv' ? 'template-cv' : 'template-cover-letter';
  if (result.generator !== expected)
    throw new Error(`${kind}: generator ${result.generator}, not ${expected}`);
  for (const format of ['pdf', 'docx']) {
    if (!(result.exports[format]?.bytes.length > 0)) throw new Error(`${kind}: no ${format} export`);
  }
  if (!result.ats) throw new Error(`${kind}: no ATS report`);
}

async function timeExporter(handler, content, runs, warmup) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < warmup + runs; i += 1) {
    const started = performance.now();
    const out = await handler.export({ content }, exportContext());
    const elapsed = performance.now() - started;
    bytes = out.bytes.length;
    if (i >= warmup) times.push(elapsed);
  }
  return { ...summarize(times), bytes };
}

async function main() {
  const out = process.argv[2];
  const job = JSON.parse(process.env.BENCH_PIPELINE_JOB ?? '{}');
  const { size, runs, warmup, seed, exporterRuns } = job;
  const rss = startRssSampler(50);
  const pipeline = await loadPipeline();
  const portfolio = generatePortfolio({ profile: pipeline.profile, size, seed, taxonomy: pipeline.taxonomy });
  const input = (kind) => ({
    kind,
    job: { text: pipeline.jobText, mediaType: 'text/plain' },
    portfolio,
    exportFormats: ['pdf', 'docx'],
  });

  const samples = Object.fromEntries(
    KINDS.map((k) => [
      k,
      { total: [], cpu: [], unattributed: [], ...Object.fromEntries(STAGES.map((s) => [s, []])) },
    ]),
  );
  const last = {};
  const wallStarted = performance.now();
  for (let i = 0; i < warmup + runs; i += 1) {
    for (const kind of KINDS) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const result = await pipeline.run(input(kind));
      const total = performance.now() - started;
      // CPU time is what the run cost whatever else the machine was doing (wall time includes waiting for
      // a core); it can exceed wall time when V8's GC and compiler threads work alongside.
      const cpu = process.cpuUsage(cpuBefore);
      check(result, kind);
      last[kind] = result;
      if (i < warmup) continue;
      const s = samples[kind];
      s.total.push(total);
      s.cpu.push((cpu.user + cpu.system) / 1000);
      let attributed = 0;
      for (const stage of STAGES) {
        s[stage].push(result.timings[stage]);
        attributed += result.timings[stage];
      }
      // Input validation (zod over the whole portfolio), config parsing and the runner's own bookkeeping.
      s.unattributed.push(total - attributed);
    }
    process.stderr.write(
      `\r  ${size} artifacts: run ${i + 1}/${warmup + runs}${i < warmup ? ' (warm-up)' : ''}   `,
    );
  }
  process.stderr.write('\n');
  const wallSeconds = (performance.now() - wallStarted) / 1000;

  const pdf = await pipeline.registry.get('pdf-exporter').handler(pipeline.deps);
  const docx = await pipeline.registry.get('docx-exporter').handler(pipeline.deps);
  const kinds = {};
  for (const kind of KINDS) {
    const result = last[kind];
    kinds[kind] = {
      stages: Object.fromEntries(
        [...STAGES, 'unattributed', 'total', 'cpu'].map((name) => [name, summarize(samples[kind][name])]),
      ),
      document: {
        featuredArtifacts: new Set(
          result.content.sections.flatMap((s) =>
            s.items.flatMap((it) => it.sources.map((src) => src.artifactId)),
          ),
        ).size,
        atsScore: result.ats.score,
        pdfBytes: result.exports.pdf.bytes.length,
        docxBytes: result.exports.docx.bytes.length,
        diagnostics: result.diagnostics.length,
      },
      exportersAlone: {
        pdf: await timeExporter(pdf, result.content, exporterRuns, 3),
        docx: await timeExporter(docx, result.content, exporterRuns, 3),
      },
    };
  }
  const cpu = process.cpuUsage();
  const cpuSeconds = Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100;
  writeFileSync(
    out,
    JSON.stringify({ size, runs, warmup, seed, wallSeconds, cpuSeconds, kinds, memory: rss.stop() }, null, 2),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
