import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PLUGINS } from '@dossier/plugins';
import { inject } from 'vitest';
import type { TestContext } from '../../test-support/create-test-context.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
export const JOB_TEXT = readFileSync(path.join(ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt'), 'utf8');
export const SLOW_PLUGIN = fileURLToPath(
  new URL('../../test-support/slow-generator-plugin.js', import.meta.url),
);

export const ARTIFACTS = [
  {
    title: 'Payments ledger service',
    summary:
      'Designed and built the double-entry ledger that records every card payment, with idempotent writes from Kafka.',
    role: 'Senior Backend Engineer',
    technologies: ['Go', 'PostgreSQL', 'Kafka', 'Kubernetes', 'AWS'],
    outcomes: ['Cut p99 ledger write latency from 180 ms to 45 ms'],
    startDate: '2021-03-01',
    evidence: [{ url: 'https://github.com/northwind-pay/ledger/pull/412', title: 'Idempotent posting API' }],
  },
  {
    title: 'Bank file ingestion pipeline',
    summary:
      'Rewrote the ingestion of bank statement files in Go on PostgreSQL with retries and idempotency.',
    role: 'Backend Engineer',
    technologies: ['Go', 'PostgreSQL', 'Docker'],
    outcomes: ['Ingested several million transactions per day'],
    startDate: '2019-01-01',
    endDate: '2021-02-01',
    evidence: [{ url: 'https://github.com/northwind-pay/ingest' }],
  },
  {
    title: 'Incident review practice',
    summary: 'Led incident reviews and the on-call rotation for the payments team; mentored two engineers.',
    role: 'Tech lead',
    technologies: ['Kubernetes'],
    outcomes: [],
    startDate: '2022-01-01',
    evidence: [],
  },
];

/** Creates the sample artifacts for a user; returns their ids. */
export async function seedPortfolio(t: TestContext, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (const body of ARTIFACTS) {
    const res = await t.request('POST', '/api/v1/artifacts', { token, body });
    if (res.status !== 201) throw new Error(`artifact: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id);
  }
  return ids;
}

/** A new user with the standard portfolio who has just asked for a CV (or letter) from JOB_TEXT: 202, queued. */
export async function userWithGeneration(
  t: TestContext,
  kind: 'cv' | 'cover-letter' = 'cv',
): Promise<{ user: Awaited<ReturnType<TestContext['signUp']>>; id: string }> {
  const user = await t.signUp();
  await seedPortfolio(t, user.token);
  const res = await t.request('POST', `/api/v1/generate/${kind}`, {
    token: user.token,
    body: { jobDescriptionText: JOB_TEXT },
  });
  if (res.status !== 202) throw new Error(`generate/${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return { user, id: res.body.id as string };
}

export interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are asserted field by field
  data: any;
}

/** Reads a generation's event stream until the server ends it (after `done`), or the time runs out. */
export async function readEvents(
  t: TestContext,
  token: string,
  id: string,
  timeoutMs = 20_000,
  onEvent: (event: SseEvent) => void = () => {},
): Promise<{ events: SseEvent[]; headers: Headers; status: number }> {
  const res = await fetch(`${t.url}/api/v1/generations/${id}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const events: SseEvent[] = [];
  if (!res.body || res.status !== 200) return { events, headers: res.headers, status: res.status };
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      if (event && data !== undefined) {
        events.push({ event, data: JSON.parse(data) });
        onEvent(events.at(-1)!);
      }
    }
  }
  return { events, headers: res.headers, status: res.status };
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls GET /generations/:id until its status is one of `statuses`. */
export function waitForStatus(t: TestContext, token: string, id: string, statuses: string[], ms = 20_000) {
  return waitFor(async () => {
    const res = await t.request('GET', `/api/v1/generations/${id}`, { token });
    return statuses.includes(res.body.status) ? res.body : undefined;
  }, ms);
}

/** A dossier.config.json with every built-in plugin, the test generators, and the given chains. */
export function writePipelineConfig(props: {
  slow?: { delayMs?: number; giveUp?: boolean; nul?: boolean };
  flaky?: { failFirst?: number };
  generators: { cv?: string[]; 'cover-letter'?: string[] };
}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-gen-config-'));
  const file = path.join(dir, 'dossier.config.json');
  const config = {
    plugins: [
      ...BUILTIN_PLUGINS.map((p) => ({ use: p.name })),
      { use: SLOW_PLUGIN, options: { 'slow-cv': props.slow ?? {}, 'flaky-writer': props.flaky ?? {} } },
    ],
    generators: props.generators,
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * The test Redis, in a database of its own: suites that run workers must not share queue names with other
 * suites' workers, which would take their jobs (and find no row in their own database).
 */
export function redisDatabase(index: number): string {
  const url = new URL(inject('redisUrl'));
  url.pathname = `/${index}`;
  return url.toString();
}
