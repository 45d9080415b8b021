import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { pgArray } from '../db/pg-array.js';

/**
 * Ending a session before its access token expires. Access tokens are stateless JWTs that name their session
 * (`sid`, the refresh-token family), so an ended session is written to `session_revocations` and every API
 * process keeps the rows still in force in memory: checking a token costs a map lookup, not a query.
 *
 * A process learns what others wrote by reading the rows written since its last read, at most once per
 * `pollMs` and only while requests arrive (the read is started by a request and never waited for, except the
 * very first). What this process revokes itself is refused at once. Rows are read again with a minute's overlap,
 * so a revocation whose transaction commits a little after it was stamped is not skipped.
 */
export interface SessionRevocations {
  /** Whether tokens of this session (or every session of this user) have been ended. */
  isRevoked(userId: string, sessionId: string | undefined): Promise<boolean>;
  /**
   * Ends these sessions of the user, or every session with `'all'` (the account is gone). Runs on `em`, so it
   * commits with the caller's transaction; call it after the writes it belongs to.
   */
  revoke(em: EntityManager, userId: string, sessions: readonly string[] | 'all'): Promise<void>;
}

/** How far back each read looks again, for revocations committed after the previous read but stamped before. */
const OVERLAP_MS = 60_000;
/** A revocation is kept this long past the life of an access token, for clocks that disagree a little. */
const SKEW_SECONDS = 60;

interface RevocationRow {
  user_id: string;
  family: string | null;
  expires_at: Date | string;
  db_now: Date | string;
}

export function createSessionRevocations({
  orm,
  accessTtlSeconds,
  pollMs,
  logger,
  now = Date.now,
}: {
  orm: MikroORM;
  accessTtlSeconds: number;
  pollMs: number;
  logger: Logger;
  now?: () => number;
}): SessionRevocations {
  // Session (family) id → when the revocation stops mattering; user id → the same, for "every session".
  const sessions = new Map<string, number>();
  const users = new Map<string, number>();
  let since: Date | undefined;
  let readAt = 0;
  let reading: Promise<void> | undefined;

  const remember = (userId: string, family: string | null, until: number) => {
    const map = family ? sessions : users;
    const key = family ?? userId;
    if ((map.get(key) ?? 0) < until) map.set(key, until);
  };

  const forgetExpired = (at: number) => {
    for (const map of [sessions, users]) {
      for (const [key, until] of map) if (until <= at) map.delete(key);
    }
  };

  async function read(): Promise<void> {
    const rows = await orm.em.getConnection().execute<RevocationRow[]>(
      `select r.user_id, r.family, r.expires_at, n.db_now
         from (select now() as db_now) n
         left join session_revocations r on r.revoked_at > ?::timestamptz and r.expires_at > n.db_now`,
      [since ? new Date(since.getTime() - OVERLAP_MS).toISOString() : '-infinity'],
    );
    for (const row of rows) {
      if (row.user_id) remember(row.user_id, row.family, new Date(row.expires_at).getTime());
    }
    since = new Date(rows[0]!.db_now);
    readAt = now();
    forgetExpired(readAt);
  }

  const readOnce = () => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  return {
    async isRevoked(userId, sessionId) {
      if (!since) await readOnce();
      else if (now() - readAt >= pollMs && !reading) {
        // Answer from what is known; the next requests see what this read brings.
        readOnce().catch((err: Error) =>
          logger.warn({ err: err.message }, 'reading session revocations failed'),
        );
      }
      const at = now();
      const user = users.get(userId);
      if (user !== undefined && user > at) return true;
      const session = sessionId === undefined ? undefined : sessions.get(sessionId);
      return session !== undefined && session > at;
    },

    async revoke(em, userId, ended) {
      const families = ended === 'all' ? null : [...new Set(ended)];
      if (families?.length === 0) return;
      // "Every session" is one row with no family: the unnest of an array that holds one null.
      await em.execute(
        `insert into session_revocations (id, user_id, family, revoked_at, expires_at)
           select gen_random_uuid(), ?, f, now(), now() + make_interval(secs => ?)
             from unnest(?::uuid[]) f`,
        [userId, accessTtlSeconds + SKEW_SECONDS, families ? pgArray(families) : '{NULL}'],
        'run',
      );
      await em.execute('delete from session_revocations where expires_at < now()', [], 'run');
      const until = now() + (accessTtlSeconds + SKEW_SECONDS) * 1000;
      for (const family of families ?? [null]) remember(userId, family, until);
    },
  };
}
