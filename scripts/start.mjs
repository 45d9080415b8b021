// `npm start`: build every package (turbo caches unchanged ones), then run Dossier on its embedded default —
// embedded PostgreSQL under DOSSIER_DATA_DIR, in-process queue, migrations applied, demo account seeded —
// or on DATABASE_URL / REDIS_URL when they are set.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (build.status !== 0) {
  console.error('npm start: the build failed (see above).');
  process.exit(build.status ?? 1);
}
const { NODE_FLAGS } = await import(path.join(root, 'packages/api/dist/runtime/node-flags.js'));
const args = [
  ...NODE_FLAGS,
  path.join(root, 'packages/api/dist/cli/main.js'),
  'serve',
  '--demo',
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
