import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newSecret, sha256 } from '../crypto/tokens.js';
import { type IUser, RefreshToken } from '../db/entities/index.js';
import { presentUser, type UserView } from '../presenters/present-user.js';
import type { Services } from '../services/create-services.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: UserView;
}

/**
 * Signs an access token and stores a new refresh token, in a new family (a new session) unless one is given.
 * The access token names its family (`sid`), so ending the session also ends the token.
 */
export async function issueSession({
  em,
  services,
  user,
  family = randomUUID(),
  userAgent,
}: {
  em: EntityManager;
  services: Services;
  user: IUser;
  family?: string;
  /** The request's User-Agent, kept (shortened) so the account's sessions can be told apart. */
  userAgent?: string;
}): Promise<Session> {
  const refreshToken = newSecret('dsr_');
  em.create(RefreshToken, {
    owner: user.id,
    family,
    tokenHash: sha256(refreshToken),
    userAgent: userAgent ? userAgent.slice(0, 300) : null,
    expiresAt: new Date(services.clock().getTime() + services.config.refreshTtlDays * 86400_000),
  });
  await em.flush();
  const accessToken = await services.signer.sign({ sub: user.id, role: user.role, sid: family });
  return { accessToken, refreshToken, user: presentUser(user) };
}
