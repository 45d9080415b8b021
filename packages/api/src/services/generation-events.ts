import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What flows about one generation: progress and status for watchers, `cancel` for the process running it. */
export type GenerationEvent =
  | { type: 'progress'; stage: string; percent: number; message: string }
  | { type: 'status'; status: GenerationStatus }
  | {
      type: 'done';
      status: GenerationStatus;
      documentId: string | null;
      error?: { code: string; message: string } | null;
    }
  | { type: 'cancel' };

export type GenerationListener = (event: GenerationEvent) => void;

/** Stops delivery to the listener; `ready` settles once delivery is live (Redis confirmed the subscription). */
export type Unsubscribe = (() => void) & { ready: Promise<void> };

export interface GenerationEvents {
  readonly kind: 'in-process' | 'redis';
  /** Never rejects: delivery is best effort (watchers also read the row). */
  publish(generationId: string, event: GenerationEvent): Promise<void>;
  subscribe(generationId: string, listener: GenerationListener): Unsubscribe;
  close(): Promise<void>;
}

const CHANNEL_PREFIX = 'dossier:generation:';

function withReady(fn: () => void, ready: Promise<void>): Unsubscribe {
  return Object.assign(fn, { ready });
}

/** One process: the API and the in-process queue share an emitter. */
export function createMemoryGenerationEvents(): GenerationEvents {
  const emitter = new EventEmitter();
  // Every open event stream and every running generation adds a listener; the default cap of 10 is not a leak here.
  emitter.setMaxListeners(0);
  return {
    kind: 'in-process',
    async publish(id, event) {
      emitter.emit(id, event);
    },
    subscribe(id, listener) {
      emitter.on(id, listener);
      return withReady(() => emitter.off(id, listener), Promise.resolve());
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Redis pub/sub, so a worker process reaches the API process holding a user's event stream (and a cancel
 * reaches the worker). Publishing uses the shared client; a dedicated subscriber connection, opened on first
 * use, carries one channel per watched generation, subscribed while anyone listens.
 */
export function createRedisGenerationEvents(opts: {
  redisUrl: string;
  publisher: Redis;
  logger: Logger;
}): GenerationEvents {
  const { publisher, logger } = opts;
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let subscriber: Redis | undefined;
  const counts = new Map<string, number>();
  const pending = new Map<string, Promise<void>>();
  let closed = false;

  const connection = (): Redis => {
    if (subscriber) return subscriber;
    const sub = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    sub.on('error', (err) => logger.warn({ err: err.message }, 'generation events subscriber error'));
    sub.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(CHANNEL_PREFIX)) return;
      try {
        local.emit(channel.slice(CHANNEL_PREFIX.length), JSON.parse(message) as GenerationEvent);
      } catch (err) {
        logger.warn({ channel, err: (err as Error).message }, 'malformed generation event');
      }
    });
    subscriber = sub;
    return sub;
  };

  return {
    kind: 'redis',
    async publish(id, event) {
      // Events are best effort: watchers also poll the row, so a Redis hiccup must not fail the generation.
      await publisher.publish(CHANNEL_PREFIX + id, JSON.stringify(event)).catch((err: Error) => {
        logger.warn({ generationId: id, err: err.message }, 'generation event not published');
      });
    },
    subscribe(id, listener) {
      if (closed) return withReady(() => {}, Promise.resolve());
      local.on(id, listener);
      const channel = CHANNEL_PREFIX + id;
      const n = counts.get(id) ?? 0;
      counts.set(id, n + 1);
      let ready = pending.get(id);
      if (n === 0 || !ready) {
        // ioredis re-subscribes its channels by itself after a reconnect.
        ready = connection()
          .subscribe(channel)
          .then(
            () => {},
            (err: Error) => logger.warn({ channel, err: err.message }, 'subscribe failed'),
          );
        pending.set(id, ready);
      }
      let done = false;
      return withReady(() => {
        if (done) return;
        done = true;
        local.off(id, listener);
        const left = (counts.get(id) ?? 1) - 1;
        if (left > 0) {
          counts.set(id, left);
          return;
        }
        counts.delete(id);
        pending.delete(id);
        subscriber?.unsubscribe(channel).catch(() => {});
      }, ready);
    },
    async close() {
      closed = true;
      local.removeAllListeners();
      counts.clear();
      pending.clear();
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}

export function createGenerationEvents(opts: {
  redisUrl: string | undefined;
  redis: Redis | undefined;
  logger: Logger;
}): GenerationEvents {
  return opts.redisUrl && opts.redis
    ? createRedisGenerationEvents({ redisUrl: opts.redisUrl, publisher: opts.redis, logger: opts.logger })
    : createMemoryGenerationEvents();
}
