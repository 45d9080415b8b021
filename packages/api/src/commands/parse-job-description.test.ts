import { createRegistry, getDefaultTaxonomy, type PluginDeps } from '@dossier/core';
import { BUILTIN_PLUGINS } from '@dossier/plugins';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../services/create-logger.js';
import type { Services } from '../services/create-services.js';
import { parseJobDescription } from './parse-job-description.js';

const POSTING = `Senior Backend Engineer at Acme

Requirements:
- 5+ years of Go and PostgreSQL
- Kubernetes in production

Nice to have: Kafka`;

/** Services with the built-in job parser, counting how often it really parses. */
function servicesCountingParses() {
  const builtin = BUILTIN_PLUGINS.find((p) => p.name === 'job-description')!;
  const counted = {
    ...builtin,
    create: (...args: Parameters<typeof builtin.create>) => countParses(builtin.create(...args)),
  };
  const registry = createRegistry();
  registry.register(counted as typeof builtin);
  const deps: PluginDeps = {
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    clock: () => new Date(),
    taxonomy: getDefaultTaxonomy(),
  };
  const calls = { parses: 0 };
  function countParses<T>(handler: T | Promise<T>): Promise<T> {
    return Promise.resolve(handler).then((h) => {
      const parse = (h as { parse: (...args: unknown[]) => unknown }).parse;
      return {
        ...h,
        parse: (...args: unknown[]) => {
          calls.parses += 1;
          return parse.apply(h, args);
        },
      };
    });
  }
  const services = {
    pipeline: { registry, deps: () => deps },
    logger: createLogger('silent'),
  } as unknown as Services;
  return { services, calls };
}

describe('parseJobDescription', () => {
  it('parses the same text once, also when asked twice at the same moment, and hands out copies', async () => {
    const { services, calls } = servicesCountingParses();
    const [a, b] = await Promise.all([
      parseJobDescription({ services, mediaType: 'text/plain', text: POSTING }),
      parseJobDescription({ services, mediaType: 'text/plain', text: POSTING }),
    ]);
    const c = await parseJobDescription({ services, mediaType: 'text/plain', text: POSTING });
    expect(calls.parses).toBe(1);
    expect(a.job.title).toMatch(/Backend Engineer/);
    expect(b.job).toEqual(a.job);
    expect(c.job).toEqual(a.job);
    // Each caller may change its copy without touching the others'.
    a.job.title = 'changed';
    expect(b.job.title).not.toBe('changed');
    expect(
      (await parseJobDescription({ services, mediaType: 'text/plain', text: POSTING })).job.title,
    ).not.toBe('changed');
    await parseJobDescription({ services, mediaType: 'text/plain', text: `${POSTING}\n- Terraform` });
    expect(calls.parses).toBe(2);
  });

  it('does not keep a failure: the same bad text is parsed (and refused) again', async () => {
    const { services, calls } = servicesCountingParses();
    for (let i = 0; i < 2; i++) {
      await expect(
        parseJobDescription({ services, mediaType: 'text/plain', text: '   ' }),
      ).rejects.toBeInstanceOf(AppError);
    }
    expect(calls.parses).toBe(2);
  });
});
