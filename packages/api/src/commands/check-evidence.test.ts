import {
  createRegistry,
  definePlugin,
  type EvidenceVerdict,
  GuardError,
  getDefaultTaxonomy,
  type PluginDeps,
} from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../services/create-logger.js';
import type { Services } from '../services/create-services.js';
import { createMemoryHostLimiter } from '../services/host-limiter.js';
import { runEvidenceCheck } from './check-evidence.js';

const logger = createLogger('silent');

type Behaviour = (url: string, signal: AbortSignal) => Promise<EvidenceVerdict>;

function validator(name: string, order: number, handles: (u: URL) => boolean, behave: Behaviour) {
  return definePlugin({
    name,
    kind: 'evidence-validator',
    version: '1.0.0',
    order,
    create: () => ({ handles, validate: (url, ctx) => behave(url, ctx.signal) }),
  });
}

const ok =
  (reason: string): Behaviour =>
  async () => ({
    status: 'valid',
    httpStatus: 200,
    finalUrl: null,
    reason,
  });

function servicesWith(...plugins: ReturnType<typeof validator>[]) {
  const registry = createRegistry();
  for (const p of plugins) registry.register(p);
  const deps: PluginDeps = {
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    clock: () => new Date(),
    taxonomy: getDefaultTaxonomy(),
  };
  return {
    pipeline: { registry, deps: () => deps } as unknown as Services['pipeline'],
    http: (async () => {
      throw new Error('no network in this test');
    }) as unknown as Services['http'],
    evidenceHosts: createMemoryHostLimiter({ concurrency: 1, intervalMs: 0 }),
    logger,
  };
}

describe('runEvidenceCheck', () => {
  it('passes what the page should name to the validator only when asked', async () => {
    const seen: unknown[] = [];
    const plugin = definePlugin({
      name: 'content',
      kind: 'evidence-validator',
      version: '1.0.0',
      create: () => ({
        handles: () => true,
        validate: async (_url: string, _ctx: unknown, input?: unknown) => {
          seen.push(input);
          return { status: 'valid' as const, httpStatus: 200, finalUrl: null, reason: null };
        },
      }),
    });
    const services = servicesWith(plugin as unknown as ReturnType<typeof validator>);
    await runEvidenceCheck({ services, url: 'https://docs.example/a', expect: { title: 'Ledger rewrite' } });
    await runEvidenceCheck({ services, url: 'https://docs.example/b' });
    expect(seen).toEqual([{ expect: { title: 'Ledger rewrite' } }, undefined]);
  });

  it('asks the lowest-order validator that handles the URL', async () => {
    const services = servicesWith(
      validator('generic', 100, () => true, ok('generic')),
      validator('code-host', 10, (u) => u.hostname === 'code.example', ok('code-host')),
    );
    const code = await runEvidenceCheck({ services, url: 'https://code.example/acme/repo' });
    expect(code).toMatchObject({ status: 'valid', reason: 'code-host', validator: 'code-host' });
    const other = await runEvidenceCheck({ services, url: 'https://docs.example/page' });
    expect(other).toMatchObject({ reason: 'generic', validator: 'generic' });
  });

  it('is unverifiable when no validator handles the URL', async () => {
    const services = servicesWith(validator('code-host', 10, () => false, ok('x')));
    expect(await runEvidenceCheck({ services, url: 'https://docs.example/' })).toEqual({
      status: 'unverifiable',
      httpStatus: null,
      finalUrl: null,
      reason: 'no validator handles this URL',
      validator: null,
    });
  });

  it('turns a guard refusal into blocked and any other exception into unverifiable', async () => {
    const refused = servicesWith(
      validator(
        'v',
        1,
        () => true,
        async () => {
          throw new GuardError('BLOCKED_ADDRESS', 'private address 10.0.0.1');
        },
      ),
    );
    expect(await runEvidenceCheck({ services: refused, url: 'https://intranet.example/' })).toMatchObject({
      status: 'blocked',
      reason: 'private address 10.0.0.1',
    });
    const buggy = servicesWith(
      validator(
        'v',
        1,
        () => true,
        async () => {
          throw new TypeError('cannot read x of undefined');
        },
      ),
    );
    expect(await runEvidenceCheck({ services: buggy, url: 'https://docs.example/' })).toMatchObject({
      status: 'unverifiable',
      reason: 'the validator failed: cannot read x of undefined',
    });
  });

  it('a validator outlasting the time limit is a failure; never getting the host is provisional', async () => {
    const hang: Behaviour = (_url, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const services = servicesWith(validator('slow', 1, () => true, hang));
    const slow = await runEvidenceCheck({ services, url: 'https://slow.example/a', timeoutMs: 100 });
    expect(slow).toMatchObject({ status: 'broken', reason: 'no answer within 0.1 s' });

    const held = await services.evidenceHosts.acquire('slow.example');
    const busy = await runEvidenceCheck({ services, url: 'https://slow.example/b', timeoutMs: 100 });
    expect(busy).toMatchObject({
      status: 'unverifiable',
      reason: 'the host was busy; not checked',
      retryAfterMs: 3_600_000,
    });
    await held.release();
  });

  it('keeps a provisional retryAfterMs and drops a finalUrl equal to the URL', async () => {
    const services = servicesWith(
      validator(
        'v',
        1,
        () => true,
        async (url) => ({
          status: 'unverifiable',
          httpStatus: 429,
          finalUrl: url,
          reason: 'rate limited',
          retryAfterMs: 30_000,
        }),
      ),
    );
    expect(await runEvidenceCheck({ services, url: 'https://docs.example/' })).toEqual({
      status: 'unverifiable',
      httpStatus: 429,
      finalUrl: null,
      reason: 'rate limited',
      validator: 'v',
      retryAfterMs: 30_000,
    });
  });
});
