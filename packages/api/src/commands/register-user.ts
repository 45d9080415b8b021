import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../crypto/passwords.js';
import { User } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { issueSession, type Session } from './issue-session.js';
import { recordAudit } from './record-audit.js';

export async function registerUser({
  em,
  services,
  email,
  password,
  name,
  role = 'user',
  userAgent,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  email: string;
  password: string;
  name?: string | null;
  role?: 'user' | 'admin';
  userAgent?: string;
  requestId?: string;
}): Promise<Session> {
  if (await em.count(User, { email })) {
    throw new AppError('CONFLICT', 'An account with this e-mail already exists', {
      details: { field: 'email' },
    });
  }
  const user = em.create(User, {
    email,
    name: name ?? null,
    passwordHash: await hashPassword(password),
    role,
  });
  recordAudit({
    em,
    actorId: user.id,
    action: 'user.register',
    entityType: 'user',
    entityId: user.id,
    requestId,
  });
  await em.flush();
  return issueSession({ em, services, user, userAgent });
}
