// Loaded into the API and worker processes by `BENCH_CPU_PROF=1 npm run bench:generate` (node --import).
// SIGUSR2 starts a V8 CPU profile; the next SIGUSR2 stops it and writes it to $BENCH_PROF_DIR, so only the
// measured phase is in the profile (not start-up, sign-ups or warm-up).
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_PROF_DIR;
const role = process.argv.includes('worker') ? 'worker' : 'api';
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  let running = false;
  let n = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      n += 1;
      const file = path.join(dir, `${role}-${process.pid}-${n}.cpuprofile`);
      writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
