import type { EntityManager } from '@mikro-orm/postgresql';
import { Artifact, EvidenceLink, type IEvidenceLink } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { TEvidenceCreate, TEvidenceUpdate } from '../routes/evidence/schema.js';
import type { Services } from '../services/create-services.js';
import { prepareEvidence } from './prepare-evidence.js';
import { recordAudit } from './record-audit.js';

interface EvidenceProps {
  em: EntityManager;
  services: Services;
  ownerId: string;
  artifactId: string;
  requestId?: string;
}

// The unique index on (artifact, urlHash) settles races; this check gives the common case a clear answer.
async function assertUrlFree(em: EntityManager, artifactId: string, urlHash: string, exceptId?: string) {
  const taken = await em.count(EvidenceLink, {
    artifact: artifactId,
    urlHash,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (taken > 0) {
    throw new AppError('CONFLICT', 'This URL is already evidence for this artifact', {
      details: { field: 'url' },
    });
  }
}

async function findOwnedLink(em: EntityManager, ownerId: string, artifactId: string, evidenceId: string) {
  const link = await em.findOne(
    EvidenceLink,
    { id: evidenceId, artifact: artifactId, owner: ownerId },
    { populate: ['artifact'] },
  );
  if (!link) throw notFound('Evidence link');
  return link;
}

export async function addEvidence({
  em,
  services,
  ownerId,
  artifactId,
  input,
  requestId,
}: EvidenceProps & { input: TEvidenceCreate }): Promise<IEvidenceLink> {
  const artifact = await em.findOne(Artifact, { id: artifactId, owner: ownerId });
  if (!artifact) throw notFound('Artifact');
  const prepared = prepareEvidence(services.cipher, input, 'body.url');
  await assertUrlFree(em, artifactId, prepared.urlHash);
  const link = em.create(EvidenceLink, {
    artifact,
    owner: ownerId,
    urlEncrypted: prepared.urlEncrypted,
    urlHash: prepared.urlHash,
    kind: prepared.kind,
    title: prepared.title,
  });
  // The artifact's evidence is part of the artifact: a change to it is a change to the artifact.
  artifact.updatedAt = services.clock();
  recordAudit({
    em,
    actorId: ownerId,
    action: 'evidence.create',
    entityType: 'evidence',
    entityId: link.id,
    requestId,
    data: { artifactId },
  });
  await em.flush();
  return link;
}

/**
 * Updates an evidence link. A different URL makes every earlier check meaningless, so the status goes back to
 * `unchecked` and the check results and history are cleared; the kind is re-detected unless one is given.
 */
export async function updateEvidence({
  em,
  services,
  ownerId,
  artifactId,
  evidenceId,
  input,
  requestId,
}: EvidenceProps & { evidenceId: string; input: TEvidenceUpdate }): Promise<IEvidenceLink> {
  const link = await findOwnedLink(em, ownerId, artifactId, evidenceId);
  if (input.url !== undefined) {
    const prepared = prepareEvidence(services.cipher, { url: input.url, kind: input.kind }, 'body.url');
    if (prepared.url !== services.cipher.decrypt(link.urlEncrypted)) {
      if (prepared.urlHash !== link.urlHash) await assertUrlFree(em, artifactId, prepared.urlHash, link.id);
      Object.assign(link, {
        urlEncrypted: prepared.urlEncrypted,
        urlHash: prepared.urlHash,
        kind: prepared.kind,
        status: 'unchecked',
        httpStatus: null,
        finalUrlEncrypted: null,
        lastCheckedAt: null,
        consecutiveFailures: 0,
        reason: null,
        failingSince: null,
        nextCheckAt: null,
        history: [],
      });
    }
  }
  if (input.title !== undefined) link.title = input.title?.trim() || null;
  if (input.kind !== undefined) link.kind = input.kind;
  link.artifact.updatedAt = services.clock();
  recordAudit({
    em,
    actorId: ownerId,
    action: 'evidence.update',
    entityType: 'evidence',
    entityId: link.id,
    requestId,
    data: { artifactId, fields: Object.keys(input) },
  });
  await em.flush();
  return link;
}

export async function deleteEvidence({
  em,
  services,
  ownerId,
  artifactId,
  evidenceId,
  requestId,
}: EvidenceProps & { evidenceId: string }): Promise<void> {
  const link = await findOwnedLink(em, ownerId, artifactId, evidenceId);
  link.artifact.updatedAt = services.clock();
  em.remove(link);
  recordAudit({
    em,
    actorId: ownerId,
    action: 'evidence.delete',
    entityType: 'evidence',
    entityId: evidenceId,
    requestId,
    data: { artifactId },
  });
  await em.flush();
}
