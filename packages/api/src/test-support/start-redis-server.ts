import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';

/** True when a Redis server answers PING on 127.0.0.1:`port`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * A `redis-server` of a test's own on 127.0.0.1:`port` (no persistence), for tests that stop and restart Redis.
 * Resolves once it answers PING; `stop` kills it and waits for it to exit.
 */
export async function startRedisServer(
  port: number,
  track?: (child: ChildProcess) => void,
): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const bin = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!bin) throw new Error('redis-server is not installed');
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  track?.(child);
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await ping(port)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
