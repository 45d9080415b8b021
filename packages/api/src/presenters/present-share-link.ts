import type { IShareLink } from '../db/entities/index.js';

const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentShareLink(s: IShareLink) {
  return {
    id: s.id,
    version: s.version ?? null,
    expiresAt: isoOrNull(s.expiresAt),
    revokedAt: isoOrNull(s.revokedAt),
    createdAt: s.createdAt.toISOString(),
  };
}
