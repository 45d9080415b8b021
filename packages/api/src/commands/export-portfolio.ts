import type { Portfolio } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Label, User } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { presentArtifact } from '../presenters/present-artifact.js';
import type { Services } from '../services/create-services.js';
import { queryArtifacts } from './query-artifacts.js';

/** Everything a user curates, as the portable Dossier portfolio document. Pages through artifacts 100 at a time. */
export async function exportPortfolio({
  em,
  services,
  ownerId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
}): Promise<Portfolio> {
  const user = await em.findOne(User, { id: ownerId });
  if (!user) throw notFound('User');
  const labels = await em.find(Label, { owner: ownerId }, { orderBy: { name: 'asc' } });
  const artifacts: Portfolio['artifacts'] = [];
  let cursor: string | undefined;
  do {
    const page = await queryArtifacts(em, { ownerId, limit: 100, sort: '-startDate', cursor });
    for (const row of page.rows) {
      const {
        createdAt: _c,
        updatedAt: _u,
        revision: _r,
        ...view
      } = presentArtifact(row, services.cipher, services.taxonomy);
      artifacts.push(view);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    format: 'dossier-portfolio',
    version: 1,
    exportedAt: services.clock().toISOString(),
    profile: { name: user.name ?? null, email: user.email },
    labels: labels.map((l) => ({
      id: l.id,
      name: l.name,
      description: l.description ?? null,
      colour: l.colour,
      skillFocus: l.skillFocus,
    })),
    artifacts,
  };
}
