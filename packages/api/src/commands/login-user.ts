import type { EntityManager } from '@mikro-orm/postgresql';
import { dummyPasswordHash, verifyPassword } from '../crypto/passwords.js';
import { sha256 } from '../crypto/tokens.js';
import { User } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { issueSession, type Session } from './issue-session.js';
import { recordAudit } from './record-audit.js';

/**
 * Password login with throttling per e-mail and per client address: after N failures inside the window the
 * next attempts get 429 until the window ends, whether or not the password is right.
 */
export async function loginUser({
  em,
  services,
  email,
  password,
  address,
  userAgent,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  email: string;
  password: string;
  address: string;
  userAgent?: string;
  requestId?: string;
}): Promise<Session> {
  const { rateLimiter, config } = services;
  const keys = [`login:e:${sha256(email)}`, `login:a:${address}`];
  const limits = [config.loginMaxFailures, config.loginMaxFailures * 4];
  for (const [i, key] of keys.entries()) {
    const state = await rateLimiter.peek(key);
    if (state.count >= limits[i]!) {
      throw new AppError('RATE_LIMITED', 'Too many failed logins; try again later', {
        retryAfter: state.retryAfter,
      });
    }
  }
  const user = await em.findOne(User, { email });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    for (const key of keys)
      await rateLimiter.consume(key, Number.MAX_SAFE_INTEGER, config.loginWindowSeconds);
    throw new AppError('UNAUTHENTICATED', 'E-mail or password is incorrect');
  }
  await rateLimiter.reset(keys[0]!);
  recordAudit({
    em,
    actorId: user.id,
    action: 'user.login',
    entityType: 'user',
    entityId: user.id,
    requestId,
  });
  return issueSession({ em, services, user, userAgent });
}
