// Our PDF export against the way browser-based resume builders export: the same CV rendered to HTML by the
// html-exporter and printed to PDF by headless Chromium (playwright-core, browser and page kept warm).
// `node measure-chromium.mjs <out.json>`, settings as JSON in BENCH_PIPELINE_JOB. Prints alternate (ours,
// Chromium, ours, …) so a busy machine slows both alike; ours runs in its own process, as in a worker. The
// browser and that process are closed on exit, error or signal.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { generatePortfolio } from './generate-portfolio.mjs';
import { loadPipeline } from './load-pipeline.mjs';
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

/** The PDF exporter in its own process (pdf-export-worker.mjs): `run()` exports once and says how long it took. */
async function startExportWorker(content) {
  const child = fork(new URL('./pdf-export-worker.mjs', import.meta.url), [], { serialization: 'advanced' });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`the PDF export worker exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  await next('loaded');
  child.send({ type: 'content', content });
  await next('ready');
  return {
    run() {
      child.send({ type: 'export' });
      return next('exported');
    },
    pid: child.pid,
    close: () => child.kill(),
  };
}

const SETTLE_MS = 30;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function main() {
  const out = process.argv[2];
  const { size, seed, runs, warmup, block, executablePath } = JSON.parse(
    process.env.BENCH_PIPELINE_JOB ?? '{}',
  );
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
  const worker = await startExportWorker(content);

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const close = () => {
    worker.close();
    return browser.close().catch(() => {});
  };
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
    // Chromium's processes: this process's descendants other than the export worker.
    const chromiumTree = () => descendants(process.pid).filter((pid) => String(pid) !== String(worker.pid));
    const browserPids = chromiumTree();
    let oursCpuMs = 0;
    let chromiumCpuMs = 0;
    for (let i = 0; i < warmup + runs; i += 1) {
      // Each timed call starts on a quiet machine: Chromium keeps working for a moment after page.pdf
      // resolves (its other processes), which would otherwise land on whichever call comes next.
      await settle();
      const exported = await worker.run();
      oursBytes = exported.bytes;
      const oursMs = exported.ms;
      await settle();
      const browserCpuBefore = treeCpuMs(browserPids);
      let started = performance.now();
      chromiumBytes = await page.pdf({ format: 'A4' });
      const printMs = performance.now() - started;
      if (i >= warmup) {
        oursCpuMs += exported.cpuMs;
        chromiumCpuMs += treeCpuMs(browserPids) - browserCpuBefore;
      }

      // What an editor that re-renders after each change pays: load the HTML again, then print.
      started = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ format: 'A4' });
      const fullMs = performance.now() - started;

      // Reading smaps_rollup makes the kernel walk Chromium's page tables: costly, so every fifth round only.
      if (i % 5 === 4) browserPeakKiB = Math.max(browserPeakKiB, treeMemoryKiB(chromiumTree()));
      if (i < warmup) continue;
      ours.push(oursMs);
      printOnly.push(printMs);
      withSetContent.push(fullMs);
    }

    // Back to back: blocks of calls in a row on each side, as a worker exporting under load runs them; each
    // call is timed alone, and the blocks alternate so a busy machine still slows both alike.
    const oursSteady = [];
    const printSteady = [];
    for (let b = 0; b < Math.ceil(runs / block); b += 1) {
      await settle();
      for (let j = 0; j < block; j += 1) oursSteady.push((await worker.run()).ms);
      await settle();
      for (let j = 0; j < block; j += 1) {
        const started = performance.now();
        await page.pdf({ format: 'A4' });
        printSteady.push(performance.now() - started);
      }
    }
    const steady = { block, ours: summarize(oursSteady), chromiumPrint: summarize(printSteady) };
    steady.ratioP50 = Math.round((steady.chromiumPrint.p50 / steady.ours.p50) * 100) / 100;

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
          steady,
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
