import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PLUGINS } from '@dossier/plugins';

export const TEST_VALIDATOR_PLUGIN = fileURLToPath(new URL('./test-evidence-validator.js', import.meta.url));

export interface ScriptedAnswer {
  status: number;
  /** Where a 3xx points (a path on the same server). */
  location?: string;
  delayMs?: number;
  reason?: string;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
}

export interface RecordedRequest {
  host: string;
  path: string;
  start: number;
  end: number;
}

/**
 * A 127.0.0.1 server playing many evidence hosts (the test validator sends the host in `x-test-host`). Answers
 * are scripted per `host/path` (200 by default); every request is recorded with its start and end, and the
 * highest number in flight at once is kept per host.
 */
export interface EvidenceTestServer {
  origin: string;
  answer(url: string, answer: ScriptedAnswer): void;
  requests: RecordedRequest[];
  peakConcurrency: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startEvidenceTestServer(defaultDelayMs = 0): Promise<EvidenceTestServer> {
  const answers = new Map<string, ScriptedAnswer>();
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  const peakConcurrency = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const host = String(req.headers['x-test-host'] ?? 'unknown');
    const reqPath = (req.url ?? '/').split('?')[0]!;
    const start = Date.now();
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    peakConcurrency.set(host, Math.max(peakConcurrency.get(host) ?? 0, now));
    const a = answers.get(`${host}${reqPath}`) ?? { status: 200 };
    setTimeout(() => {
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
      requests.push({ host, path: reqPath, start, end: Date.now() });
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (a.location) headers.location = a.location;
      if (a.reason) headers['x-reason'] = a.reason;
      if (a.retryAfter !== undefined) headers['retry-after'] = String(a.retryAfter);
      res.writeHead(a.status, headers);
      res.end('ok');
    }, a.delayMs ?? defaultDelayMs);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    answer(url, answer) {
      const u = new URL(url);
      answers.set(`${u.hostname}${u.pathname}`, answer);
    },
    requests,
    peakConcurrency,
    reset() {
      answers.clear();
      requests.length = 0;
      peakConcurrency.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/**
 * A dossier.config.json with the built-in plugins plus the test validator answering from `origin`. The
 * built-in validators are left out, so no test reaches the internet and a URL off the `.test` hosts is one
 * that no validator handles.
 */
export function writeEvidencePipelineConfig(origin: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-evidence-config-'));
  const file = path.join(dir, 'dossier.config.json');
  const config = {
    plugins: [
      ...BUILTIN_PLUGINS.filter((p) => p.kind !== 'evidence-validator').map((p) => ({ use: p.name })),
      { use: TEST_VALIDATOR_PLUGIN, options: { origin } },
    ],
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Environment for a test context whose evidence checks reach the test server. */
export function evidenceTestEnv(server: EvidenceTestServer): Record<string, string> {
  return {
    DOSSIER_PIPELINE_CONFIG: writeEvidencePipelineConfig(server.origin),
    DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1',
  };
}

/** A dossier.config.json with the built-in plugins other than evidence validators. */
export function writePipelineConfigWithoutValidators(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-evidence-config-'));
  const file = path.join(dir, 'dossier.config.json');
  const plugins = BUILTIN_PLUGINS.filter((p) => p.kind !== 'evidence-validator').map((p) => ({
    use: p.name,
  }));
  writeFileSync(file, JSON.stringify({ plugins }));
  return file;
}
