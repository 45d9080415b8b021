import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, verifyPassword } from '../crypto/passwords.js';
import { type IUser, User } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import { presentUser, type UserView } from '../presenters/present-user.js';
import type { Services } from '../services/create-services.js';
import { issueSession, type Session } from './issue-session.js';
import { endAllSessions } from './manage-sessions.js';
import { recordAudit } from './record-audit.js';

const wrongPassword = () =>
  new AppError('FORBIDDEN', 'The current password is incorrect', { details: { field: 'currentPassword' } });

async function loadUser(em: EntityManager, userId: string) {
  const user = await em.findOne(User, { id: userId });
  if (!user) throw new AppError('NOT_FOUND', 'Account not found');
  return user;
}

/**
 * Changes the account's name and/or e-mail. A new e-mail is the sign-in name, so it needs the current password
 * and must not belong to another account.
 */
export async function updateAccount({
  em,
  userId,
  input,
  requestId,
}: {
  em: EntityManager;
  userId: string;
  input: { name?: string | null; email?: string; currentPassword?: string };
  requestId?: string;
}): Promise<UserView> {
  const user = await loadUser(em, userId);
  const fields: string[] = [];
  if (input.email !== undefined && input.email !== user.email) {
    if (!input.currentPassword) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request body', {
        details: {
          issues: [
            {
              path: 'body.currentPassword',
              message: 'Enter your current password to change the e-mail',
              code: 'custom',
            },
          ],
        },
      });
    }
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw wrongPassword();
    if (await em.count(User, { email: input.email, id: { $ne: userId } })) {
      throw new AppError('CONFLICT', 'An account with this e-mail already exists', {
        details: { field: 'email' },
      });
    }
    user.email = input.email;
    fields.push('email');
  }
  if (input.name !== undefined && (input.name || null) !== (user.name ?? null)) {
    user.name = input.name || null;
    fields.push('name');
  }
  if (fields.length) {
    recordAudit({
      em,
      actorId: userId,
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      requestId,
      data: { fields },
    });
    await em.flush();
  }
  return presentUser(user);
}

/**
 * Changes the password after checking the current one. Every refresh token of the account is revoked, so no
 * other browser or device can renew its session; the caller gets a new session. (Access tokens already issued
 * stay valid until they expire: they are not looked up on each request.)
 */
export async function changePassword({
  em,
  services,
  userId,
  currentPassword,
  newPassword,
  userAgent,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  userId: string;
  currentPassword: string;
  newPassword: string;
  userAgent?: string;
  requestId?: string;
}): Promise<Session> {
  const user = await loadUser(em, userId);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw wrongPassword();
  if (await verifyPassword(newPassword, user.passwordHash)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request body', {
      details: {
        issues: [
          { path: 'body.newPassword', message: 'Choose a password you do not use now', code: 'custom' },
        ],
      },
    });
  }
  await setPassword({
    em,
    services,
    user,
    newPassword,
    actorId: userId,
    ...(requestId ? { requestId } : {}),
  });
  return issueSession({ em, services, user, userAgent });
}

/**
 * Sets a new password and ends every session of the account, access tokens included; audited as
 * `user.password`. `actorId` null: an operator did it (`dossier user set-password`).
 */
export async function setPassword({
  em,
  services,
  user,
  newPassword,
  actorId,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  user: IUser;
  newPassword: string;
  actorId: string | null;
  requestId?: string;
}): Promise<number> {
  user.passwordHash = await hashPassword(newPassword);
  const ended = await endAllSessions(em, services, user.id);
  recordAudit({
    em,
    actorId,
    action: 'user.password',
    entityType: 'user',
    entityId: user.id,
    requestId,
    data: { sessionsEnded: ended, ...(actorId === null ? { by: 'operator' } : {}) },
  });
  await em.flush();
  return ended;
}
