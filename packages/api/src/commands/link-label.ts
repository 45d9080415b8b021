import type { EntityManager } from '@mikro-orm/postgresql';
import { Artifact, Label } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

interface LinkLabelProps {
  em: EntityManager;
  ownerId: string;
  labelId: string;
  artifactId: string;
  requestId?: string;
}

// Both ends must belong to the caller; someone else's label or artifact is indistinguishable from none.
async function assertBothOwned(em: EntityManager, { ownerId, labelId, artifactId }: LinkLabelProps) {
  if ((await em.count(Label, { id: labelId, owner: ownerId })) === 0) throw notFound('Label');
  if ((await em.count(Artifact, { id: artifactId, owner: ownerId })) === 0) throw notFound('Artifact');
}

/**
 * Attaches or detaches a label. Both are idempotent at the SQL level (`on conflict do nothing`, a delete that
 * may match nothing), so concurrent repeats cannot fail; an audit event is written and the artifact's revision
 * raised only when the set changed.
 */
export async function linkLabel(props: LinkLabelProps & { attach: boolean }): Promise<{ changed: boolean }> {
  const { ownerId, labelId, artifactId, requestId, attach } = props;
  return props.em.transactional(async (em) => {
    await assertBothOwned(em, props);
    const sql = attach
      ? 'insert into artifact_labels (artifact_id, label_id) values (?, ?) on conflict do nothing'
      : 'delete from artifact_labels where artifact_id = ? and label_id = ?';
    const res = await em.execute<{ affectedRows: number }>(sql, [artifactId, labelId], 'run');
    const changed = res.affectedRows > 0;
    if (changed) {
      // The label set is part of what PATCH /artifacts/:id writes, so a change to it is a new revision: an
      // editor still showing the old set gets EDIT_CONFLICT instead of quietly undoing this.
      await em.execute(
        'update artifacts set revision = revision + 1, updated_at = now() where id = ?',
        [artifactId],
        'run',
      );
      recordAudit({
        em,
        actorId: ownerId,
        action: attach ? 'label.attach' : 'label.detach',
        entityType: 'label',
        entityId: labelId,
        requestId,
        data: { artifactId },
      });
    }
    return { changed };
  });
}
