import type { EntityManager } from '@mikro-orm/postgresql';
import { Artifact, EvidenceLink, type IEvidenceLink } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';

/** An artifact's evidence links in the order they were added (the order the artifact view uses). */
export async function listEvidence({
  em,
  ownerId,
  artifactId,
}: {
  em: EntityManager;
  ownerId: string;
  artifactId: string;
}): Promise<IEvidenceLink[]> {
  // An artifact with no evidence and another user's artifact must not look alike: the first is an empty list.
  if ((await em.count(Artifact, { id: artifactId, owner: ownerId })) === 0) throw notFound('Artifact');
  return em.find(
    EvidenceLink,
    { artifact: artifactId, owner: ownerId },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}
