import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyPassword } from '../crypto/passwords.js';
import { AuditEvent, User } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';

/**
 * Deletes the account and, through ON DELETE CASCADE, everything it owns, in one transaction. The audit
 * event outlives the account because it holds the actor id as plain data.
 */
export async function deleteAccount({
  em,
  userId,
  password,
  services,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  userId: string;
  password: string;
  requestId?: string;
}): Promise<void> {
  const user = await em.findOne(User, { id: userId });
  if (!user) throw new AppError('NOT_FOUND', 'Account not found');
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError('FORBIDDEN', 'Password is incorrect', { details: { field: 'password' } });
  }
  await em.transactional(async (tx) => {
    const counts = await tx.execute<Array<{ artifacts: string; evidence: string; labels: string }>>(
      `select (select count(*) from artifacts where owner_id = ?) as artifacts,
              (select count(*) from evidence_links where owner_id = ?) as evidence,
              (select count(*) from labels where owner_id = ?) as labels`,
      [userId, userId, userId],
    );
    await tx.nativeDelete(User, { id: userId });
    tx.create(AuditEvent, {
      actorId: userId,
      action: 'user.delete',
      entityType: 'user',
      entityId: userId,
      requestId: requestId ?? null,
      data: { deleted: counts[0] ?? {} },
    });
  });
  // Tokens already issued to the account are refused from now on, not only until they expire.
  await services.sessions.revoke(em, userId, 'all');
}
