// Our PDF export against the way browser-based resume builders export: the same CV rendered to HTML by the
// html-exporter and printed to PDF by headless Chromium (playwright-core, browser and page kept warm).
// `node measure-chromium.mjs <out.json>`, settings as JSON in BENCH_PIPELINE_JOB. Prints alternate (ours,
// Chromium, ours, …) so a busy machine slows both alike. The browser is closed on exit, error or signal.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { generatePortfolio } from './generate-portfolio.mjs';
import { exportContext, loadPipeline } from './load-pipeline.mjs';
import { descendants, mib, startRssSampler, summarize, treeCpuMs, treeMemoryKiB } from './stats.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Page count from pdfjs, the extractor the ATS checker uses, so both PDFs are counted alike. */
async function pageCount(bytes) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}

const SETTLE_MS = 30;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function main() {
  const out = process.argv[2];
  const { size, seed, runs, warmup, executablePath } = JSON.parse(process.env.BENCH_PIPELINE_JOB ?? '{}');
  const rss = startRssSampler(50);
  const pipeline = await loadPipeline();
  const portfolio = generatePortfolio({ profile: pipeline.profile, size, seed, taxonomy: pipeline.taxonomy });
  const result = await pipeline.run({
    kind: 'cv',
    job: { text: pipeline.jobText, mediaType: 'text/plain' },
    portfolio,
    exportFormats: ['pdf', 'docx', 'html'],
  });
  const { content } = result;
  const html = new TextDecoder().decode(result.exports.html.bytes);
  const pdfExporter = await pipeline.registry.get('pdf-exporter').handler(pipeline.deps);

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const close = () => browser.close().catch(() => {});
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => close().finally(() => process.exit(130)));
  }
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const ours = [];
    const printOnly = [];
    const withSetContent = [];
    let oursBytes;
    let chromiumBytes;
    let browserPeakKiB = 0;
    // CPU time over the timed runs, which a busy machine does not inflate as it does wall time: ours from
    // process.cpuUsage, Chromium's summed over its processes (browser, renderer, GPU, utility) from /proc.
    const browserPids = descendants(process.pid);
    let oursCpuMs = 0;
    let chromiumCpuMs = 0;
    for (let i = 0; i < warmup + runs; i += 1) {
      // Each timed call starts on a quiet machine: Chromium keeps working for a moment after page.pdf
      // resolves (its other processes), which would otherwise land on whichever call comes next.
      await settle();
      const cpuBefore = process.cpuUsage();
      let started = performance.now();
      oursBytes = (await pdfExporter.export({ content }, exportContext())).bytes;
      const oursMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);

      await settle();
      const browserCpuBefore = treeCpuMs(browserPids);
      started = performance.now();
      chromiumBytes = await page.pdf({ format: 'A4' });
      const printMs = performance.now() - started;
      if (i >= warmup) {
        oursCpuMs += (cpu.user + cpu.system) / 1000;
        chromiumCpuMs += treeCpuMs(browserPids) - browserCpuBefore;
      }

      // What an editor that re-renders after each change pays: load the HTML again, then print.
      started = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ format: 'A4' });
      const fullMs = performance.now() - started;

      // Reading smaps_rollup makes the kernel walk Chromium's page tables: costly, so every fifth round only.
      if (i % 5 === 4) browserPeakKiB = Math.max(browserPeakKiB, treeMemoryKiB(descendants(process.pid)));
      if (i < warmup) continue;
      ours.push(oursMs);
      printOnly.push(printMs);
      withSetContent.push(fullMs);
    }
    const oursSummary = summarize(ours);
    const printSummary = summarize(printOnly);
    const fullSummary = summarize(withSetContent);
    writeFileSync(
      out,
      JSON.stringify(
        {
          size,
          runs,
          warmup,
          chromiumVersion: browser.version(),
          htmlBytes: result.exports.html.bytes.length,
          ours: { ...oursSummary, bytes: oursBytes.length, pages: await pageCount(oursBytes) },
          chromiumPrint: {
            ...printSummary,
            bytes: chromiumBytes.length,
            pages: await pageCount(chromiumBytes),
          },
          chromiumSetContentAndPrint: fullSummary,
          ratioP50: Math.round((printSummary.p50 / oursSummary.p50) * 100) / 100,
          ratioP50WithSetContent: Math.round((fullSummary.p50 / oursSummary.p50) * 100) / 100,
          cpuMsPerExport: {
            ours: Math.round((oursCpuMs / runs) * 100) / 100,
            chromium: Math.round((chromiumCpuMs / runs) * 100) / 100,
            ratio: Math.round((chromiumCpuMs / oursCpuMs) * 100) / 100,
            chromiumProcesses: browserPids.length,
          },
          memory: { node: rss.stop(), chromiumTreePeakPssMiB: mib(browserPeakKiB * 1024) },
        },
        null,
        2,
      ),
    );
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
