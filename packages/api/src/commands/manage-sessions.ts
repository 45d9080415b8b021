import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { AppError } from '../errors/app-error.js';
import { presentSession, type SessionView } from '../presenters/present-session.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

// A session is one refresh-token family: a sign-in (or sign-up) and every renewal since. It is active while its
// newest token can still be used (neither spent, revoked nor expired). Access tokens name their family (`sid`).

/** More than any person has; an account signed in from a script in a loop still gets a bounded answer. */
const LIST_LIMIT = 200;

interface SessionRow {
  id: string;
  signed_in_at: Date;
  renewed_at: Date;
  expires_at: Date;
  user_agent: string | null;
}

const ACTIVE = 'bool_or(revoked_at is null and rotated_at is null and expires_at > now())';

/** The account's active sessions, the most recently renewed first; `current` marks the caller's own. */
export async function listSessions({
  em,
  userId,
  currentSessionId,
}: {
  em: EntityManager;
  userId: string;
  currentSessionId?: string;
}): Promise<SessionView[]> {
  const rows = await em.execute<SessionRow[]>(
    `select family as id, min(created_at) as signed_in_at, max(created_at) as renewed_at,
            max(expires_at) as expires_at, (array_agg(user_agent order by created_at desc))[1] as user_agent
       from refresh_tokens where owner_id = ?
      group by family having ${ACTIVE}
      order by max(created_at) desc limit ${LIST_LIMIT}`,
    [userId],
  );
  return rows.map((row) =>
    presentSession({
      id: row.id,
      current: row.id === currentSessionId,
      signedInAt: new Date(row.signed_in_at),
      renewedAt: new Date(row.renewed_at),
      expiresAt: new Date(row.expires_at),
      userAgent: row.user_agent,
    }),
  );
}

/**
 * Ends sessions: their refresh tokens are revoked and their access tokens refused from now on. Which families
 * count: every active one, and every one that got a token within an access token's lifetime (an access token
 * may outlive the refresh token issued with it). Returns how many *active* sessions were ended.
 */
async function endFamilies(
  em: EntityManager,
  services: Services,
  userId: string,
  which: { only: string } | { except: string | undefined },
): Promise<number> {
  const [where, params] =
    'only' in which
      ? ['family = ?', [which.only]]
      : which.except
        ? ['family <> ?', [which.except]]
        : ['true', []];
  const rows = await em.execute<Array<{ family: string; active: boolean }>>(
    `select family, ${ACTIVE} as active from refresh_tokens
      where owner_id = ? and ${where}
      group by family
     having ${ACTIVE} or max(created_at) > now() - make_interval(secs => ?)`,
    [userId, ...params, services.config.jwtTtlSeconds],
  );
  if (rows.length === 0) return 0;
  const families = rows.map((r) => r.family);
  await em.execute(
    'update refresh_tokens set revoked_at = now() where owner_id = ? and family = any(?::uuid[]) and revoked_at is null',
    [userId, pgArray(families)],
    'run',
  );
  await services.sessions.revoke(em, userId, families);
  return rows.filter((r) => r.active).length;
}

/** Ends one active session of the account (the caller's own included); another's or an ended one → 404. */
export async function endSession({
  em,
  services,
  userId,
  sessionId,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  userId: string;
  sessionId: string;
  requestId?: string;
}): Promise<void> {
  const ended = await endFamilies(em, services, userId, { only: sessionId });
  if (ended === 0) throw new AppError('NOT_FOUND', 'Session not found');
  recordAudit({
    em,
    actorId: userId,
    action: 'session.end',
    entityType: 'session',
    entityId: sessionId,
    requestId,
  });
  await em.flush();
}

/**
 * Ends every session of the account but the caller's (all of them when the caller uses an API key). Returns
 * how many active sessions ended; audited when there were any.
 */
export async function endOtherSessions({
  em,
  services,
  userId,
  currentSessionId,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  userId: string;
  currentSessionId: string | undefined;
  requestId?: string;
}): Promise<number> {
  const ended = await endFamilies(em, services, userId, { except: currentSessionId });
  if (ended > 0) {
    recordAudit({
      em,
      actorId: userId,
      action: 'session.end-others',
      entityType: 'user',
      entityId: userId,
      requestId,
      data: { sessionsEnded: ended },
    });
    await em.flush();
  }
  return ended;
}

/** Ends every session of the account (a password change); the caller audits. Returns how many were active. */
export const endAllSessions = (em: EntityManager, services: Services, userId: string) =>
  endFamilies(em, services, userId, { except: undefined });
