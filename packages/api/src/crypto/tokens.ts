import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const JWT_ISSUER = 'dossier';
export const JWT_AUDIENCE = 'dossier-api';
const ALGORITHMS = ['HS256'];

export interface AccessClaims {
  sub: string;
  role: 'user' | 'admin';
  /** The session (refresh-token family) the token belongs to; tokens issued before sessions had ids have none. */
  sid?: string;
}

export interface TokenSigner {
  sign(claims: AccessClaims): Promise<string>;
  verify(token: string): Promise<AccessClaims>;
}

const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenSigner(
  secret: string,
  ttlSeconds: number,
  now: () => number = Date.now,
): TokenSigner {
  const key = new TextEncoder().encode(secret);
  // Verified tokens are remembered until they expire: a client sends the same token on every request, and
  // HMAC verification plus claim checks would otherwise run each time. Bounded, oldest evicted first.
  const verified = new Map<string, { claims: AccessClaims; exp: number }>();
  return {
    async sign({ sub, role, sid }) {
      return new SignJWT(sid ? { role, sid } : { role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(JWT_ISSUER)
        .setAudience(JWT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (hit.exp * 1000 > now()) return hit.claims;
        verified.delete(token);
      }
      // The algorithm allow-list stops "alg: none" and key-confusion tokens.
      const { payload } = await jwtVerify(token, key, {
        algorithms: ALGORITHMS,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
      });
      const role = payload.role === 'admin' ? 'admin' : 'user';
      const claims: AccessClaims = { sub: String(payload.sub), role };
      if (typeof payload.sid === 'string') claims.sid = payload.sid;
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, { claims, exp: Number(payload.exp) });
      return claims;
    },
  };
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Opaque random secrets: refresh tokens (`dsr_`) and API keys (`dsk_`). Only their SHA-256 is stored. */
export const newSecret = (prefix: 'dsr_' | 'dsk_') => prefix + randomBytes(32).toString('base64url');
