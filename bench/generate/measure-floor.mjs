// The floor under phase 1, measured: `node measure-floor.mjs` prints one JSON object. Settings come as JSON in
// BENCH_FLOOR_JOB ({artifacts, warmup, runs}).
//
// Every template generation ends with the ATS round trip that the pipeline requires: render the document to PDF
// (pdfkit) and DOCX (docx), read both back with independent extractors (pdfjs-dist, mammoth). This process times
// exactly that on the documents phase 1 makes (the same artifacts and job), warm, in CPU time of the whole
// process (V8's GC and compiler threads take cores too), and the whole in-process template pipeline beside it.
// Nothing else runs in it: no database, queue, HTTP or event stream.
import { readFileSync } from 'node:fs';
import { exportContext, JOB_PATH, loadPipeline, PORTFOLIO_PATH } from '../pipeline/load-pipeline.mjs';

const job = JSON.parse(process.env.BENCH_FLOOR_JOB ?? '{}');
const artifacts = job.artifacts ?? 10;
const warmup = job.warmup ?? 15;
const runs = job.runs ?? 30;

const pipeline = await loadPipeline();
const fixture = JSON.parse(readFileSync(PORTFOLIO_PATH, 'utf8'));
const portfolio = { ...fixture, artifacts: fixture.artifacts.slice(0, artifacts) };
const input = (kind) => ({
  kind,
  job: { text: readFileSync(JOB_PATH, 'utf8'), mediaType: 'text/plain' },
  portfolio,
  exportFormats: ['pdf', 'docx'],
});

const { BUILTIN_PLUGINS } = await import('../../packages/plugins/dist/index.js');
const exporter = (format) => {
  const plugin = BUILTIN_PLUGINS.find((p) => p.kind === 'exporter' && p.name === `${format}-exporter`);
  if (!plugin) throw new Error(`no ${format} exporter among the built-in plugins`);
  return plugin.create({}, pipeline.deps);
};
const pdf = await exporter('pdf');
const docx = await exporter('docx');
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const mammoth = (await import('mammoth')).default;

/** The text of every page, as an ATS reads it: pdfjs's text layer, nothing else. */
async function readPdf(bytes) {
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    const doc = await task.promise;
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ disableNormalization: true });
      for (const item of content.items) chars += item.str?.length ?? 0;
    }
    return chars;
  } finally {
    await task.destroy();
  }
}

const readDocx = async (bytes) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.length;

/** Mean CPU ms of `fn` over `runs` calls after `warmup` untimed ones. */
async function cpuMs(fn) {
  for (let i = 0; i < warmup; i++) await fn();
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / runs;
}

const out = { artifacts, warmup, runs };
for (const kind of ['cv', 'cover-letter']) {
  const last = await pipeline.run(input(kind));
  const content = last.content;
  const pdfBytes = (await pdf.export({ content }, exportContext())).bytes;
  const docxBytes = (await docx.export({ content }, exportContext())).bytes;
  if ((await readPdf(pdfBytes)) === 0 || (await readDocx(docxBytes)) === 0) {
    throw new Error(`${kind}: an extractor read no text back`);
  }
  out[kind] = {
    renderPdfMs: await cpuMs(() => pdf.export({ content }, exportContext())),
    renderDocxMs: await cpuMs(() => docx.export({ content }, exportContext())),
    readPdfMs: await cpuMs(() => readPdf(pdfBytes)),
    readDocxMs: await cpuMs(() => readDocx(docxBytes)),
    pipelineMs: await cpuMs(() => pipeline.run(input(kind))),
  };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
