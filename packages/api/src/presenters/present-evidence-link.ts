import type { UrlCipher } from '../crypto/url-cipher.js';
import type { IEvidenceLink } from '../db/entities/index.js';
import { presentEvidence } from './present-artifact.js';

/** An evidence entity through the same whitelist as the artifact read query's evidence rows. */
export function presentEvidenceLink(e: IEvidenceLink, cipher: UrlCipher) {
  return presentEvidence(
    {
      id: e.id,
      url: e.urlEncrypted,
      title: e.title ?? null,
      kind: e.kind,
      status: e.status,
      httpStatus: e.httpStatus ?? null,
      finalUrl: e.finalUrlEncrypted ?? null,
      lastCheckedAt: e.lastCheckedAt ? e.lastCheckedAt.toISOString() : null,
      consecutiveFailures: e.consecutiveFailures,
    },
    cipher,
  );
}
export type EvidenceView = ReturnType<typeof presentEvidenceLink>;
