// RSS that importing the API's workspace packages adds, measured the same way every time:
//   npm run build && npm exec -- node bench/api/import-rss.mjs [runs]
// Each run is a fresh process (so module caches do not carry over) that collects garbage until RSS settles,
// then imports @dossier/core and then @dossier/plugins, and prints the median of the runs in MB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;

async function settledRss() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return process.memoryUsage().rss;
}

async function measureOnce() {
  const base = await settledRss();
  await import('@dossier/core');
  const core = await settledRss();
  await import('@dossier/plugins');
  const plugins = await settledRss();
  process.stdout.write(`${JSON.stringify({ base, core, plugins })}\n`);
}

if (process.argv[2] === '--child') {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  await measureOnce();
} else {
  const runs = Number(process.argv[2] ?? 5);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child'], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    samples.push(JSON.parse(child.stdout));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const row = (key, from) => median(samples.map((s) => (s[key] - s[from]) / MB)).toFixed(1);
  console.log(
    JSON.stringify({
      runs,
      baseMb: median(samples.map((s) => s.base / MB)).toFixed(1),
      coreAddsMb: row('core', 'base'),
      pluginsAddsMb: row('plugins', 'core'),
      totalMb: median(samples.map((s) => s.plugins / MB)).toFixed(1),
    }),
  );
}
