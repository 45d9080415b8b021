import type { EntityManager } from '@mikro-orm/postgresql';
import { EvidenceLink, type IEvidenceLink } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { updateEvidence } from './save-evidence.js';

/**
 * Replaces a redirected link's URL with the permanent redirect's target (as an ordinary URL edit: audited, the
 * status back to `unchecked` and the history cleared, so the next scheduler tick checks the new URL). 409 when
 * the link is not `redirected` or its target is unknown, or when the target is already evidence on the artifact.
 */
export async function applyEvidenceRedirect({
  em,
  services,
  ownerId,
  evidenceId,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  evidenceId: string;
  requestId?: string;
}): Promise<IEvidenceLink> {
  const link = await em.findOne(EvidenceLink, { id: evidenceId, owner: ownerId });
  if (!link) throw notFound('Evidence link');
  if (link.status !== 'redirected' || !link.finalUrlEncrypted) {
    throw new AppError('CONFLICT', 'This link has no permanent redirect to apply', {
      details: { status: link.status },
    });
  }
  const target = services.cipher.decrypt(link.finalUrlEncrypted);
  return updateEvidence({
    em,
    services,
    ownerId,
    artifactId: link.artifact.id,
    evidenceId,
    input: { url: target },
    requestId,
  });
}
