import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../crypto/passwords.js';
import { createTestDatabase } from '../test-support/create-test-context.js';

// The CLI as users run it: the built bin under Node 24, configured by the environment only.
const BIN = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('../../../core', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../../fixtures/pipeline', import.meta.url));

let env: Record<string, string>;
beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('The CLI is not built; run `npm run build` first (npm test does).');
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: await createTestDatabase(),
    DOSSIER_ENCRYPTION_KEY: 'ab'.repeat(32),
    DOSSIER_JWT_SECRET: 'c'.repeat(40),
    LOG_LEVEL: 'silent',
  };
});

const dossier = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...env, ...extra },
    timeout: 60_000,
  });

describe('dossier CLI', () => {
  it('has --help for every command', () => {
    for (const cmd of [
      [],
      ['serve'],
      ['worker'],
      ['migrate'],
      ['seed'],
      ['user', 'create'],
      ['user', 'set-password'],
      ['plugins', 'new'],
      ['apikey', 'create'],
    ]) {
      const r = dossier([...cmd, '--help']);
      expect(r.status, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: dossier/);
    }
  });

  it('exits 2 naming the file when an input file cannot be read', () => {
    const missing = dossier(['jd', 'parse', '/no/such/posting.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('dossier: cannot read /no/such/posting.txt: no such file\n');
    const folder = dossier(['jd', 'parse', '/tmp']);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/^dossier: cannot read .*: it is a folder, not a file\n$/);
  });

  it('exits 2 on a usage error and names a bad variable', () => {
    expect(dossier(['no-such-command']).status).toBe(2);
    expect(dossier(['user', 'create']).status).toBe(2);
    const bad = dossier(['migrate', '--status'], { PORT: 'not-a-port' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('PORT');
  });

  it('migrates, creates a user and prints a new API key', () => {
    const migrated = dossier(['migrate']);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/applied: Migration/);
    expect(dossier(['migrate', '--status']).stdout).toContain('up to date');
    const user = dossier(['user', 'create', '--email', 'Ops@Example.test', '--name', 'Ops', '--admin'], {
      DOSSIER_PASSWORD: 'a long enough password',
    });
    expect(user.status, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/created admin ops@example\.test/);
    const weak = dossier(['user', 'create', '--email', 'x@example.test', '--password', 'short']);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password/);
    const key = dossier(['apikey', 'create', '--email', 'ops@example.test']);
    expect(key.status, key.stderr).toBe(0);
    expect(key.stdout.trim()).toMatch(/^dsk_[A-Za-z0-9_-]{40,}$/);
    const missing = dossier(['apikey', 'create', '--email', 'nobody@example.test']);
    expect(missing.status).toBe(1);
  });

  it('sets a new password for an account and ends its sessions', async () => {
    const made = dossier(['user', 'create', '--email', 'locked-out@example.test'], {
      DOSSIER_PASSWORD: 'the forgotten password',
    });
    expect(made.status, made.stderr).toBe(0);
    const reset = dossier(['user', 'set-password', '--email', 'Locked-Out@example.test'], {
      DOSSIER_PASSWORD: 'a fresh password to use',
    });
    expect(reset.status, reset.stderr).toBe(0);
    // `user create` signs the account in once (a session), which the reset ends.
    expect(reset.stdout).toBe('password set for locked-out@example.test; sessions ended: 1\n');
    const weak = dossier([
      'user',
      'set-password',
      '--email',
      'locked-out@example.test',
      '--password',
      'short',
    ]);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password: Must be at least 10 characters/);
    const nobody = dossier([
      'user',
      'set-password',
      '--email',
      'nobody@example.test',
      '--password',
      'long enough pw',
    ]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('no user with e-mail nobody@example.test');

    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select u.password_hash, a.actor_id, a.data from users u
           join audit_events a on a.entity_id = u.id::text and a.action = 'user.password'
          where u.email = 'locked-out@example.test'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBeNull();
      expect(rows[0].data).toEqual({ sessionsEnded: 1, by: 'operator' });
      expect(await verifyPassword('a fresh password to use', rows[0].password_hash)).toBe(true);
    } finally {
      await db.end();
    }
  });

  it('writes a plugin package of each kind that passes the contract as written and loads from a config', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dossier-plugin-'));
    try {
      // Where a plugin finds @dossier/core: here, a link to this checkout's package.
      mkdirSync(path.join(root, 'node_modules', '@dossier'), { recursive: true });
      symlinkSync(CORE_DIR, path.join(root, 'node_modules', '@dossier', 'core'));
      const kinds = ['matcher', 'generator', 'exporter', 'ats-checker'];
      for (const kind of kinds) {
        const made = dossier(['plugins', 'new', `my-${kind}`, '--kind', kind, '--dir', root]);
        expect(made.status, made.stderr).toBe(0);
        expect(made.stdout).toContain(
          `created ${kind} plugin my-${kind} in ${path.join(root, `my-${kind}`)}`,
        );
        const check = spawnSync(process.execPath, ['check.mjs'], {
          cwd: path.join(root, `my-${kind}`),
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(check.status, check.stderr).toBe(0);
        expect(check.stdout).toBe(`my-${kind} passes the plugin contract\n`);
      }
      const config = path.join(root, 'dossier.config.json');
      writeFileSync(config, JSON.stringify({ plugins: kinds.map((kind) => ({ use: `./my-${kind}` })) }));
      const listed = dossier(['plugins', 'list', '--config', config, '--json']);
      expect(listed.status, listed.stderr).toBe(0);
      const names = (JSON.parse(listed.stdout) as Array<{ name: string; kind: string }>).map((p) => [
        p.name,
        p.kind,
      ]);
      expect(names).toEqual(expect.arrayContaining(kinds.map((kind) => [`my-${kind}`, kind])));

      // The generator, as written, makes a CV the rest of the pipeline accepts: grounded, ATS-checked, exported.
      const builtins = JSON.parse(dossier(['plugins', 'list', '--json']).stdout) as Array<{ name: string }>;
      writeFileSync(
        config,
        JSON.stringify({
          plugins: [...builtins.map((p) => ({ use: p.name })), { use: './my-generator' }],
          generators: { cv: ['my-generator'], 'cover-letter': ['template-cover-letter'] },
        }),
      );
      const out = path.join(root, 'cv.md');
      const tailored = dossier([
        ...['tailor', '--config', config, '--kind', 'cv', '--format', 'md', '--out', out, '--json'],
        ...['--portfolio', path.join(FIXTURES, 'portfolio.json')],
        ...['--job', path.join(FIXTURES, 'jobs/backend-engineer.txt')],
      ]);
      expect(tailored.status, tailored.stderr).toBe(0);
      const result = JSON.parse(tailored.stdout);
      expect(result).toMatchObject({
        generator: 'my-generator',
        fallbackReason: null,
        ats: { passed: true },
      });
      const markdown = readFileSync(out, 'utf8');
      expect(markdown).toContain('## Selected work');
      expect(markdown).toContain('### Payments ledger service');
      expect(markdown).toContain('(https://github.com/northwind-pay/ledger/pull/412)');

      const again = dossier(['plugins', 'new', 'my-matcher', '--kind', 'matcher', '--dir', root]);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already exists');
      expect(dossier(['plugins', 'new', 'Bad_Name', '--kind', 'matcher', '--dir', root]).status).toBe(2);
      expect(dossier(['plugins', 'new', 'a-parser', '--kind', 'parser', '--dir', root]).status).toBe(2);
      expect(dossier(['plugins', 'new', 'no-kind', '--dir', root]).status).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses to start a worker without Redis', () => {
    const r = dossier(['worker']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('REDIS_URL');
  });
});
