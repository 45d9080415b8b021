// Runs `dossier serve` in N worker processes that share one listening port (node:cluster, round-robin).
// Usage: node bench/api/cluster.mjs <workers> <path to dist/cli/main.js> [serve args…]
// Workers start one after another (each syncs the skill taxonomy at start-up). SIGTERM/SIGINT stop them all.
import cluster from 'node:cluster';
import { once } from 'node:events';

const [count, main, ...args] = process.argv.slice(2);
const n = Number.parseInt(count ?? '', 10);
if (!n || !main) {
  console.error('usage: cluster.mjs <workers> <main.js> [args…]');
  process.exit(2);
}

cluster.setupPrimary({ exec: main, args, execArgv: process.execArgv });
let stopping = false;

cluster.on('exit', (worker, code, signal) => {
  if (stopping) return;
  console.error(`bench cluster: worker ${worker.process.pid} exited (${signal ?? code}); stopping`);
  stop(1);
});

async function stop(code) {
  if (stopping) return;
  stopping = true;
  const workers = Object.values(cluster.workers ?? {});
  const force = setTimeout(() => {
    for (const w of workers) w.process.kill('SIGKILL');
    process.exit(code || 1);
  }, 10_000);
  force.unref();
  await Promise.all(
    workers.map((w) => {
      if (w.isDead()) return undefined;
      const exited = once(w, 'exit');
      w.process.kill('SIGTERM');
      return exited;
    }),
  );
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

function started(worker) {
  return new Promise((resolve, reject) => {
    const onListening = () => {
      worker.off('exit', onExit);
      resolve();
    };
    const onExit = () => {
      worker.off('listening', onListening);
      reject(new Error(`worker ${worker.process.pid} exited before listening`));
    };
    worker.once('listening', onListening);
    worker.once('exit', onExit);
  });
}

for (let i = 0; i < n; i++) {
  try {
    await started(cluster.fork());
  } catch (err) {
    console.error(`bench cluster: ${err.message}`);
    stop(1);
    break;
  }
}
if (!stopping)
  console.log(
    `bench cluster: ${n} workers listening (pids ${Object.values(cluster.workers)
      .map((w) => w.process.pid)
      .join(', ')})`,
  );
