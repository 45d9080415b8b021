import { randomUUID } from 'node:crypto';
import { EVIDENCE_KINDS } from '@dossier/core';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Artifact } from './artifact.js';
import { User } from './user.js';

export const EVIDENCE_STATUSES = [
  'unchecked',
  'valid',
  'redirected',
  'unverifiable',
  'broken',
  'blocked',
] as const;

export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** One check as the validator answered it (`status` is the verdict, not the link status it led to). */
export interface EvidenceCheck {
  at: string;
  status: EvidenceStatus;
  httpStatus: number | null;
  reason: string | null;
  /** Where the request ended after redirects, encrypted like the link's own URL. */
  finalUrlEncrypted?: string | null;
  /** What checked it: a validator plugin's name. */
  validator?: string | null;
}

export const EvidenceLink = defineEntity({
  name: 'EvidenceLink',
  tableName: 'evidence_links',
  uniques: [{ properties: ['artifact', 'urlHash'], name: 'evidence_links_artifact_url_unique' }],
  indexes: [
    { name: 'evidence_links_owner_status_idx', properties: ['owner', 'status'] },
    { name: 'evidence_links_url_hash_idx', properties: ['urlHash'] },
    { name: 'evidence_links_next_check_idx', properties: ['nextCheckAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    artifact: () => p.manyToOne(Artifact).deleteRule('cascade').index(),
    /** Denormalised owner so authorization and health queries need no join. */
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    /** AES-256-GCM ciphertext of the URL (`v1:iv:tag:data`, base64 parts). */
    urlEncrypted: p.text(),
    /** HMAC-SHA-256 of the normalised URL: look-up and de-duplication without decrypting. */
    urlHash: p.string().length(64),
    title: p.string().length(300).nullable(),
    kind: p.enum(EVIDENCE_KINDS),
    status: p.enum(EVIDENCE_STATUSES).default('unchecked'),
    httpStatus: p.integer().nullable(),
    finalUrlEncrypted: p.text().nullable(),
    lastCheckedAt: p.datetime().nullable(),
    consecutiveFailures: p.integer().default(0),
    /** The last verdict's explanation (e.g. `HTTP 404`, `bot wall`), shown beside the status. */
    reason: p.text().nullable(),
    /** When the current run of failures began; a link turns `broken` only once it spans 48 hours. */
    failingSince: p.datetime().nullable(),
    /** When the scheduler next checks the link; null means as soon as possible (a new or edited link). */
    nextCheckAt: p.datetime().nullable(),
    /** The last ten checks, newest last. */
    history: p.json<EvidenceCheck[]>().defaultRaw(`'[]'`),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IEvidenceLink = InferEntity<typeof EvidenceLink>;
