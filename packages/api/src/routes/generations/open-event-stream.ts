import { PassThrough } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { findGeneration } from '../../commands/query-generations.js';
import type { Principal } from '../../http/define-route.js';
import type { GenerationRow } from '../../presenters/present-generation.js';
import type { Services } from '../../services/create-services.js';
import type { GenerationEvent } from '../../services/generation-events.js';

const HEARTBEAT_MS = 15_000;
/** Events are best effort (a Redis restart drops some); the row is re-read this often as a safety net. */
const POLL_MS = 2_000;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and similar proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
};

/**
 * A server-sent event stream of one generation: the current state first, then `progress`, `status` and a
 * final `done`, after which the stream ends. Subscribes before reading the row, so nothing falls between the
 * snapshot and the live events. The caller returns the stream as the response body.
 * A stream opened with a session's token ends (without `done`) once that session is signed out, within a poll
 * interval: the client's reconnect is then refused like any other request of that session.
 */
export async function openGenerationEventStream({
  ctx,
  em,
  services,
  principal,
  row: initial,
}: {
  ctx: Context;
  em: EntityManager;
  services: Services;
  principal: Principal;
  row: GenerationRow;
}): Promise<PassThrough> {
  const id = initial.id;
  const stream = new PassThrough();
  let ended = false;
  let lastStatus: string | undefined;
  const timers: NodeJS.Timeout[] = [];

  const write = (chunk: string) => {
    if (!ended) stream.write(chunk);
  };
  const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const finish = (status: string, documentId: string | null, error?: unknown) => {
    if (ended) return;
    if (lastStatus !== status) send('status', { status });
    lastStatus = status;
    send('done', { status, documentId, ...(error ? { error } : {}) });
    cleanup();
    ended = true;
    stream.end();
  };

  // Live events wait until the snapshot is out, so the stream always starts with the current state.
  let early: GenerationEvent[] | undefined = [];
  const onEvent = (event: GenerationEvent) => {
    if (ended) return;
    if (early) {
      early.push(event);
      return;
    }
    switch (event.type) {
      case 'progress':
        send('progress', { stage: event.stage, percent: event.percent, message: event.message });
        break;
      case 'status':
        if (TERMINAL.has(event.status)) break; // `done` carries the final status, with the document
        lastStatus = event.status;
        send('status', { status: event.status });
        break;
      case 'done':
        finish(event.status, event.documentId, event.error ?? undefined);
        break;
      default:
        break;
    }
  };

  const unsubscribe = services.events.subscribe(id, onEvent);
  // Ends the stream without `done`: the generation is not over, and the client reconnects.
  const cut = () => {
    cleanup();
    ended = true;
    stream.end();
  };
  // A stopping server ends its streams.
  const untrack = services.streams.track(cut);
  function cleanup() {
    for (const t of timers) clearInterval(t);
    unsubscribe();
    untrack();
  }
  stream.on('close', cleanup);
  // The response, not the request: a request's 'close' only says its (empty) body was read.
  ctx.res.on('close', () => {
    cleanup();
    ended = true;
    stream.end();
  });

  const sendSnapshot = (row: GenerationRow) => {
    if (TERMINAL.has(row.status)) {
      finish(row.status, row.document_id, row.error ?? undefined);
      return;
    }
    if (lastStatus !== row.status) {
      lastStatus = row.status;
      send('status', { status: row.status });
    }
  };

  await unsubscribe.ready;
  const row = (await findGeneration(em, { id })) ?? initial;
  write('retry: 3000\n\n');
  sendSnapshot(row);
  if (!ended && row.stage) {
    send('progress', { stage: row.stage, percent: row.progress, message: `${row.stage}: in progress` });
  }
  const replay = early;
  early = undefined;
  for (const event of replay) onEvent(event);
  if (!ended) {
    timers.push(setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS));
    const pollEm = services.orm.em.fork();
    timers.push(
      setInterval(() => {
        services.sessions
          .isRevoked(principal.userId, principal.sessionId)
          .then(async (revoked) => {
            if (revoked) return cut();
            const fresh = await findGeneration(pollEm, { id });
            if (fresh) sendSnapshot(fresh);
            else finish('cancelled', null);
          })
          .catch(() => {});
      }, POLL_MS),
    );
    const socket = ctx.req.socket;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
  }
  return stream;
}
