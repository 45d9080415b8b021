import type { EntityManager } from '@mikro-orm/postgresql';
import { sha256 } from '../crypto/tokens.js';
import { RefreshToken, User } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { issueSession, type Session } from './issue-session.js';
import { recordAudit } from './record-audit.js';

const invalid = () => new AppError('UNAUTHENTICATED', 'Refresh token is invalid, expired or revoked');

/**
 * Rotation: each refresh token works once. A token presented again after rotation means it leaked, so the
 * whole family is revoked and both the thief and the user must log in again.
 */
export async function refreshSession({
  em,
  services,
  refreshToken,
  userAgent,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  refreshToken: string;
  userAgent?: string;
  requestId?: string;
}): Promise<Session> {
  const now = services.clock();
  const row = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) });
  if (!row || row.revokedAt || row.expiresAt <= now) throw invalid();
  if (row.rotatedAt) {
    await em.nativeUpdate(RefreshToken, { family: row.family, revokedAt: null }, { revokedAt: now });
    await services.sessions.revoke(em, row.owner.id, [row.family]);
    recordAudit({
      em,
      actorId: row.owner.id,
      action: 'session.reuse-detected',
      entityType: 'session',
      entityId: row.family,
      requestId,
    });
    await em.flush();
    throw invalid();
  }
  // Conditional update: of two concurrent refreshes with the same token only one wins.
  const won = await em.nativeUpdate(RefreshToken, { id: row.id, rotatedAt: null }, { rotatedAt: now });
  if (won !== 1) throw invalid();
  const user = await em.findOneOrFail(User, { id: row.owner.id });
  return issueSession({ em, services, user, family: row.family, userAgent });
}

/**
 * Ends the session of a refresh token: the token's family is revoked, and so are its access tokens. Possession
 * of the token is the credential (a spent one of the family will do), and an unknown token changes nothing.
 */
export async function logoutSession({
  em,
  services,
  refreshToken,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  refreshToken: string;
  requestId?: string;
}): Promise<void> {
  const row = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) });
  if (!row || row.revokedAt) return;
  const userId = row.owner.id;
  await em.nativeUpdate(RefreshToken, { family: row.family, revokedAt: null }, { revokedAt: new Date() });
  await services.sessions.revoke(em, userId, [row.family]);
  recordAudit({
    em,
    actorId: userId,
    action: 'user.logout',
    entityType: 'session',
    entityId: row.family,
    requestId,
  });
  await em.flush();
}
