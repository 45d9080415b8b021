import type { Services } from '../services/create-services.js';

/**
 * Runs a retention delete in batches until a batch comes back short: `statement(limit)` deletes at most `limit`
 * rows (`… limit N for update skip locked … returning id`), each batch its own statement so no long transaction
 * holds locks, with a yield between batches so a long purge never blocks the event loop (a blocked loop stalls
 * queue jobs). Returns how many rows went.
 */
export async function deleteInBatches(
  services: Services,
  statement: (limit: number) => string,
  params: unknown[],
  { signal, batchSize }: { signal?: AbortSignal | undefined; batchSize: number },
): Promise<number> {
  let deleted = 0;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await services.orm.em.fork().execute<Array<{ id: string }>>(statement(batchSize), params);
    deleted += rows.length;
    if (rows.length < batchSize) return deleted;
    await new Promise((r) => setImmediate(r));
  }
}
