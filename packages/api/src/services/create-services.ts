import { createGuardedFetch, type GuardedFetch, getDefaultTaxonomy } from '@dossier/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import { createTokenSigner, type TokenSigner } from '../crypto/tokens.js';
import { createUrlCipher, type UrlCipher } from '../crypto/url-cipher.js';
import { createOrm } from '../db/create-orm.js';
import { createEvaluationService, type EvaluationService } from '../eval/evaluation-service.js';
import { createPipelineHost, type PipelineHost } from '../pipeline/create-pipeline-host.js';
import { createQueue, type JobQueue } from '../queue/create-queue.js';
import { createLogger } from './create-logger.js';
import { createMetrics, type HttpMetrics } from './create-metrics.js';
import { createGenerationEvents, type GenerationEvents } from './generation-events.js';
import { createMemoryHostLimiter, createRedisHostLimiter, type HostLimiter } from './host-limiter.js';
import { createOpenStreams, type OpenStreams } from './open-streams.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { Secrets } from './resolve-secrets.js';
import { createSessionRevocations, type SessionRevocations } from './session-revocations.js';

export type Taxonomy = ReturnType<typeof getDefaultTaxonomy>;

/** Everything a route, command or job may use, built once per process and passed down explicitly. */
export interface Services {
  config: AppConfig;
  logger: Logger;
  orm: MikroORM;
  cipher: UrlCipher;
  signer: TokenSigner;
  /** Sessions ended before their access tokens expire (sign-out, password change, account deletion). */
  sessions: SessionRevocations;
  rateLimiter: RateLimiter;
  redis: Redis | undefined;
  queue: JobQueue;
  metrics: HttpMetrics;
  taxonomy: Taxonomy;
  /** The tailoring pipeline (dossier.config.json or the built-in defaults), shared by routes and jobs. */
  pipeline: PipelineHost;
  /** Generation progress and cancel events: in-process, or Redis pub/sub across processes. */
  events: GenerationEvents;
  /** The event streams this process has open, ended first when it stops. */
  streams: OpenStreams;
  /** Outbound HTTP through the SSRF guard (DOSSIER_OUTBOUND_ALLOWLIST opens private destinations). */
  http: GuardedFetch;
  /** The golden-set evaluation harness that `eval.run` jobs call (see `createEvaluationService`). */
  evaluation: EvaluationService;
  /** Per-host politeness for evidence checks, shared by every worker through Redis (in memory without it). */
  evidenceHosts: HostLimiter;
  clock: () => Date;
  close(): Promise<void>;
}

export interface CreateServicesOptions {
  config: AppConfig;
  databaseUrl: string;
  secrets: Secrets;
  logger?: Logger;
  /** Workers and the CLI do not need the HTTP metrics registry's default collectors to be shared. */
  clock?: () => Date;
}

export async function createServices(opts: CreateServicesOptions): Promise<Services> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const orm = await createOrm({ databaseUrl: opts.databaseUrl, poolMax: config.dbPoolMax });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false })
    : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const metrics = createMetrics();
  const queue = createQueue({ redisUrl: config.redisUrl, logger });
  const clock = opts.clock ?? (() => new Date());
  const pipeline = await createPipelineHost({ appConfig: config, logger, clock });
  const events = createGenerationEvents({ redisUrl: config.redisUrl, redis, logger });
  const services: Services = {
    config,
    logger,
    orm,
    cipher: createUrlCipher(opts.secrets.encryptionKey),
    signer: createTokenSigner(opts.secrets.jwtSecret, config.jwtTtlSeconds),
    sessions: createSessionRevocations({
      orm,
      accessTtlSeconds: config.jwtTtlSeconds,
      pollMs: config.sessionSyncMs,
      logger,
    }),
    rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    redis,
    queue,
    metrics,
    taxonomy: getDefaultTaxonomy(),
    pipeline,
    http: createGuardedFetch({ allowList: config.outboundAllowList }),
    events,
    streams: createOpenStreams(),
    evaluation: createEvaluationService(config.llm ? { llm: () => pipeline.deps().llm } : {}),
    evidenceHosts: redis
      ? createRedisHostLimiter(redis, {
          concurrency: config.evidence.hostConcurrency,
          intervalMs: config.evidence.hostIntervalMs,
        })
      : createMemoryHostLimiter({
          concurrency: config.evidence.hostConcurrency,
          intervalMs: config.evidence.hostIntervalMs,
        }),
    clock,
    async close() {
      services.streams.endAll();
      await queue.close();
      await events.close();
      await services.rateLimiter.close();
      if (redis) redis.disconnect();
      await orm.close(true);
    },
  };
  metrics.gauge('queue_depth', 'Jobs waiting or delayed per queue', ['queue', 'state'], () => queue.depth());
  metrics.gauge('db_pool_connections', 'Database pool connections by state', ['state'], async () => {
    const pool = await readPool(orm);
    return pool
      ? [
          { labels: { state: 'total' }, value: pool.totalCount },
          { labels: { state: 'idle' }, value: pool.idleCount },
          { labels: { state: 'waiting' }, value: pool.waitingCount },
        ]
      : [];
  });
  return services;
}

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pg Pool behind the PostgreSQL driver (its `getNativeClient()`), read for the pool gauges. */
async function readPool(orm: MikroORM): Promise<PgPoolLike | undefined> {
  const conn = orm.em.getConnection() as unknown as { getNativeClient?: () => Promise<unknown> };
  const pool = (await conn.getNativeClient?.().catch(() => undefined)) as PgPoolLike | undefined;
  return pool && typeof pool.totalCount === 'number' ? pool : undefined;
}
