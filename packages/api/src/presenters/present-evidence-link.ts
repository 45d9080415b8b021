import { readHistory } from '../commands/apply-evidence-verdict.js';
import type { UrlCipher } from '../crypto/url-cipher.js';
import type { EvidenceCheck, IEvidenceLink } from '../db/entities/index.js';
import { presentEvidence } from './present-artifact.js';

/** An evidence entity through the same whitelist as the artifact read query's evidence rows. */
export function presentEvidenceLink(e: IEvidenceLink, cipher: UrlCipher, archiveEndpoint?: string) {
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
      reason: e.reason ?? null,
      nextCheckAt: e.nextCheckAt ? e.nextCheckAt.toISOString() : null,
    },
    cipher,
    archiveEndpoint,
  );
}
export type EvidenceView = ReturnType<typeof presentEvidenceLink>;

/** A link's check history, newest first. */
export function presentEvidenceChecks(history: readonly EvidenceCheck[] | string, cipher: UrlCipher) {
  return [...readHistory(history)].reverse().map((c) => ({
    at: c.at,
    status: c.status,
    httpStatus: c.httpStatus ?? null,
    reason: c.reason ?? null,
    finalUrl: c.finalUrlEncrypted ? cipher.decrypt(c.finalUrlEncrypted) : null,
    validator: c.validator ?? null,
  }));
}
