import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Artifact, EvidenceLink, Label } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { TArtifactCreate, TArtifactUpdate } from '../routes/artifacts/schema.js';
import type { Services } from '../services/create-services.js';
import { buildSearchText, deriveArtifactSkills } from './derive-artifact-skills.js';
import { prepareEvidence } from './prepare-evidence.js';
import { recordAudit } from './record-audit.js';

async function ownedLabels(em: EntityManager, ownerId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const labels = await em.find(Label, { id: { $in: unique }, owner: ownerId });
  if (labels.length !== unique.length) {
    const found = new Set(labels.map((l) => l.id));
    throw notFound(`Label ${unique.find((id) => !found.has(id))}`);
  }
  return labels;
}

function refresh(
  a: Parameters<typeof deriveArtifactSkills>[1] & { collaborators: string[] },
  services: Services,
) {
  return {
    skills: deriveArtifactSkills(services.taxonomy, a),
    searchText: buildSearchText(a),
  };
}

export async function createArtifact({
  em,
  services,
  ownerId,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  input: TArtifactCreate;
  requestId?: string;
}): Promise<string> {
  const labels = await ownedLabels(em, ownerId, input.labelIds);
  const evidence = input.evidence.map((e, i) =>
    prepareEvidence(services.cipher, e, `body.evidence.${i}.url`),
  );
  const seen = new Set<string>();
  for (const [i, e] of evidence.entries()) {
    if (seen.has(e.urlHash)) {
      throw new AppError('CONFLICT', 'The same evidence URL is listed twice', {
        details: { field: `evidence.${i}.url` },
      });
    }
    seen.add(e.urlHash);
  }
  const fields = {
    title: input.title,
    summary: input.summary,
    role: input.role ?? null,
    technologies: input.technologies,
    collaborators: input.collaborators,
    outcomes: input.outcomes,
  };
  const artifact = em.create(Artifact, {
    owner: ownerId,
    ...fields,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    visibility: input.visibility,
    ...refresh(fields, services),
  });
  for (const label of labels) artifact.labels.add(label);
  // Evidence is listed by creation time; distinct timestamps keep the order the user gave within one request.
  const t0 = Date.now();
  for (const [i, e] of evidence.entries()) {
    em.create(EvidenceLink, {
      createdAt: new Date(t0 + i),
      artifact,
      owner: ownerId,
      urlEncrypted: e.urlEncrypted,
      urlHash: e.urlHash,
      kind: e.kind,
      title: e.title,
    });
  }
  recordAudit({
    em,
    actorId: ownerId,
    action: 'artifact.create',
    entityType: 'artifact',
    entityId: artifact.id,
    requestId,
  });
  await em.flush();
  return artifact.id;
}

/** 409 EDIT_CONFLICT: the edit was based on `baseRevision` and the artifact has moved on to `current`. */
function artifactEditConflict(baseRevision: number, current: number): AppError {
  return new AppError(
    'EDIT_CONFLICT',
    `This artifact was changed after revision ${baseRevision} was read (it is now at revision ${current}); nothing was saved`,
    { details: { field: 'baseRevision', baseRevision, currentRevision: current } },
  );
}

/** How often an unconditional update is retried when a concurrent edit lands between its read and its write. */
const UNCONDITIONAL_ATTEMPTS = 3;

interface UpdateArtifactProps {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  input: TArtifactUpdate;
  requestId?: string;
}

/**
 * Applies a PATCH. Every accepted edit raises the revision by one (even one that only changes the label set), and
 * the write itself is conditional on the revision read (the ORM's version check), so two concurrent edits
 * cannot both be applied to the same revision: with `baseRevision` the loser gets EDIT_CONFLICT; without one,
 * the update is re-read and applied again on top of the other (last writer wins, as the caller asked).
 */
export async function updateArtifact(props: UpdateArtifactProps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await applyArtifactUpdate(props);
      return;
    } catch (error) {
      if (!(error instanceof OptimisticLockError)) throw error;
      props.em.clear();
      const base = props.input.baseRevision;
      if (base !== undefined || attempt >= UNCONDITIONAL_ATTEMPTS) {
        const now = await props.em.findOne(
          Artifact,
          { id: props.id, owner: props.ownerId },
          { fields: ['revision'] },
        );
        if (!now) throw notFound('Artifact');
        throw artifactEditConflict(base ?? now.revision, now.revision);
      }
    }
  }
}

async function applyArtifactUpdate({
  em,
  services,
  ownerId,
  id,
  input,
  requestId,
}: UpdateArtifactProps): Promise<void> {
  const artifact = await em.findOne(Artifact, { id, owner: ownerId }, { populate: ['labels'] });
  if (!artifact) throw notFound('Artifact');
  const { labelIds, baseRevision, ...rest } = input;
  if (baseRevision !== undefined && baseRevision !== artifact.revision) {
    throw artifactEditConflict(baseRevision, artifact.revision);
  }
  for (const [k, v] of Object.entries(rest)) {
    if (v !== undefined) (artifact as unknown as Record<string, unknown>)[k] = v;
  }
  const start = artifact.startDate;
  if (artifact.endDate && artifact.endDate < start) {
    throw new AppError('VALIDATION_FAILED', 'endDate must not be before startDate', {
      details: {
        issues: [{ path: 'body.endDate', message: 'endDate must not be before startDate', code: 'custom' }],
      },
    });
  }
  if (labelIds) artifact.labels.set(await ownedLabels(em, ownerId, labelIds));
  Object.assign(artifact, refresh(artifact, services));
  // Always a row update, so the revision moves (and its check runs) even when only the label set changed.
  artifact.updatedAt = new Date();
  recordAudit({
    em,
    actorId: ownerId,
    action: 'artifact.update',
    entityType: 'artifact',
    entityId: id,
    requestId,
    data: { fields: Object.keys(input).filter((k) => k !== 'baseRevision') },
  });
  await em.flush();
}
