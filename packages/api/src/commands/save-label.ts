import type { EntityManager } from '@mikro-orm/postgresql';
import { Label } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { TLabelCreate, TLabelUpdate } from '../routes/labels/schema.js';
import { recordAudit } from './record-audit.js';

/** "Backend" and "backend " are one label: the unique key is the trimmed, lower-cased name. */
export function labelNameKey(name: string): string {
  const key = name.trim().toLowerCase();
  // Lower-casing can lengthen a few characters (e.g. "İ"); refuse rather than truncate into a false clash.
  if (key.length > 80) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request body', {
      details: { issues: [{ path: 'body.name', message: 'Name is too long', code: 'too_big' }] },
    });
  }
  return key;
}

// The unique index settles races; this check only gives the common case a clear message.
async function assertNameFree(em: EntityManager, ownerId: string, nameKey: string, exceptId?: string) {
  const taken = await em.count(Label, {
    owner: ownerId,
    nameKey,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (taken > 0) {
    throw new AppError('CONFLICT', 'A label with this name already exists', { details: { field: 'name' } });
  }
}

export async function createLabel({
  em,
  ownerId,
  input,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  input: TLabelCreate;
  requestId?: string;
}): Promise<string> {
  const nameKey = labelNameKey(input.name);
  await assertNameFree(em, ownerId, nameKey);
  const label = em.create(Label, {
    owner: ownerId,
    name: input.name,
    nameKey,
    description: input.description || null,
    ...(input.colour ? { colour: input.colour } : {}),
    skillFocus: [...new Set(input.skillFocus)],
  });
  recordAudit({
    em,
    actorId: ownerId,
    action: 'label.create',
    entityType: 'label',
    entityId: label.id,
    requestId,
  });
  await em.flush();
  return label.id;
}

export async function updateLabel({
  em,
  ownerId,
  id,
  input,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id: string;
  input: TLabelUpdate;
  requestId?: string;
}): Promise<void> {
  const label = await em.findOne(Label, { id, owner: ownerId });
  if (!label) throw notFound('Label');
  if (input.name !== undefined) {
    const nameKey = labelNameKey(input.name);
    if (nameKey !== label.nameKey) await assertNameFree(em, ownerId, nameKey, id);
    label.name = input.name;
    label.nameKey = nameKey;
  }
  if (input.description !== undefined) label.description = input.description || null;
  if (input.colour !== undefined) label.colour = input.colour;
  if (input.skillFocus !== undefined) label.skillFocus = [...new Set(input.skillFocus)];
  recordAudit({
    em,
    actorId: ownerId,
    action: 'label.update',
    entityType: 'label',
    entityId: id,
    requestId,
    data: { fields: Object.keys(input) },
  });
  await em.flush();
}
