import type { EntityManager } from '@mikro-orm/postgresql';
import type { LabelRow } from '../presenters/present-label.js';

/**
 * A user's labels with the number of artifacts carrying each, in one statement: the count is a correlated
 * subquery over the pivot's primary key rather than a populate of every artifact.
 */
export async function queryLabels(
  em: EntityManager,
  q: { ownerId: string; ids?: string[] },
): Promise<LabelRow[]> {
  const where = ['l.owner_id = ?'];
  const params: unknown[] = [q.ownerId];
  if (q.ids) {
    // MikroORM inlines an array parameter as a comma list ('a', 'b'), so it must sit inside array[...].
    where.push('l.id = any(array[?]::uuid[])');
    params.push(q.ids);
  }
  return em.execute<LabelRow[]>(
    `select l.id, l.name, l.description, l.colour, l.skill_focus,
       (select count(*) from artifact_labels al where al.label_id = l.id)::int as artifact_count
     from labels l where ${where.join(' and ')}
     order by l.name_key, l.name, l.id`,
    params,
  );
}
