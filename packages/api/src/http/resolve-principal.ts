import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { type AccessClaims, sha256 } from '../crypto/tokens.js';
import { ApiKey } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import type { Principal } from './define-route.js';

/**
 * Reads a bearer JWT or an X-API-Key. A credential that is present but wrong is a 401 straight away; no
 * credential yields undefined and the route decides.
 */
export async function resolvePrincipal(
  ctx: Context,
  services: Services,
  em: EntityManager,
): Promise<Principal | undefined> {
  const header = ctx.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    let claims: AccessClaims;
    try {
      claims = await services.signer.verify(match[1]!);
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Access token is invalid or expired');
    }
    if (await services.sessions.isRevoked(claims.sub, claims.sid)) {
      throw new AppError('UNAUTHENTICATED', 'This session has been signed out');
    }
    return {
      userId: claims.sub,
      role: claims.role,
      via: 'jwt',
      ...(claims.sid ? { sessionId: claims.sid } : {}),
    };
  }
  const apiKey = ctx.get('x-api-key');
  if (apiKey) {
    const rows = await em.execute<
      Array<{ id: string; owner_id: string; role: 'user' | 'admin'; last_used_at: Date | null }>
    >(
      'select k.id, k.owner_id, u.role, k.last_used_at from api_keys k join users u on u.id = k.owner_id where k.key_hash = ?',
      [sha256(apiKey)],
    );
    const row = rows[0];
    if (!row) throw new AppError('UNAUTHENTICATED', 'API key is invalid or revoked');
    // Last-used is informative; writing it at most once a minute keeps key-authenticated traffic read-only.
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
      await em.nativeUpdate(ApiKey, { id: row.id }, { lastUsedAt: new Date() });
    }
    return { userId: row.owner_id, role: row.role, via: 'api-key' };
  }
  return undefined;
}
