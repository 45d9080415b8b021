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

/** Signs an access token and stores a new refresh token (in a new family unless one is given). */
export async function issueSession({
  em,
  services,
  user,
  family,
}: {
  em: EntityManager;
  services: Services;
  user: IUser;
  family?: string;
}): Promise<Session> {
  const refreshToken = newSecret('dsr_');
  em.create(RefreshToken, {
    owner: user.id,
    family: family ?? randomUUID(),
    tokenHash: sha256(refreshToken),
    expiresAt: new Date(services.clock().getTime() + services.config.refreshTtlDays * 86400_000),
  });
  await em.flush();
  const accessToken = await services.signer.sign({ sub: user.id, role: user.role });
  return { accessToken, refreshToken, user: presentUser(user) };
}
