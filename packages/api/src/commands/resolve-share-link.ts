import type { EntityManager } from '@mikro-orm/postgresql';
import { hashShareToken } from './create-share-link.js';

/** A 32-byte token in base64url is 43 characters; anything else cannot be one and is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ResolvedShare {
  shareId: string;
  ownerId: string;
  documentId: string;
  /** The shared version, or the document's current one for a link that follows it. */
  version: number;
}

/**
 * The document behind a public share token, or null when the token is unknown, revoked or expired, or the
 * document itself has expired (an unsaved document past retention that the purge has not reached yet).
 */
export async function resolveShareLink({
  em,
  token,
  now,
}: {
  em: EntityManager;
  token: string;
  now: Date;
}): Promise<ResolvedShare | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await em.execute<
    Array<{
      id: string;
      owner_id: string;
      document_id: string;
      version: number | null;
      current_version: number;
    }>
  >(
    `select s.id, s.owner_id, s.document_id, s.version, d.current_version
     from share_links s join documents d on d.id = s.document_id
     where s.token_hash = ? and s.revoked_at is null
       and (s.expires_at is null or s.expires_at > ?)
       and (d.expires_at is null or d.expires_at > ?)`,
    [hashShareToken(token), now, now],
  );
  if (!row) return null;
  return {
    shareId: row.id,
    ownerId: row.owner_id,
    documentId: row.document_id,
    version: row.version ?? row.current_version,
  };
}
