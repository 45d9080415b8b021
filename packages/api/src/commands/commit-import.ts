import { parseHttpUrl, type TPipelineArtifact, type TPipelinePortfolio } from '@dossier/core';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { ImportJob, Label } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import { EVIDENCE_KINDS, type TArtifactCreate, ZArtifactCreate } from '../routes/artifacts/schema.js';
import type { TImportCommit } from '../routes/imports/schema.js';
import { ZLabelCreate } from '../routes/labels/schema.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';
import { createArtifact } from './save-artifact.js';
import { createLabel } from './save-label.js';

export interface CommitNote {
  /** Index of the proposed artifact the note is about. */
  artifact: number;
  message: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Trimmed, non-empty, de-duplicated, each clipped to the field's length, at most `maxItems`. */
function cleanList(values: readonly string[], maxItems: number, maxLength: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values) {
    const v = clip(raw.trim(), maxLength);
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
    if (out.length === maxItems) break;
  }
  return out;
}

/** Parsers give `2021`, `2021-03` or `2021-03-15`; artifacts store calendar dates. */
export function toDate(raw: string | null | undefined): string | null {
  const m = raw ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(raw.trim()) : null;
  if (!m) return null;
  const s = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : null;
}

const isEvidenceKind = (k: string): k is (typeof EVIDENCE_KINDS)[number] =>
  (EVIDENCE_KINDS as readonly string[]).includes(k);

/**
 * A proposed (pipeline) artifact → the create command's input. The summary is never empty (the first outcome,
 * else the title); the organization joins the role when the title does not already name it; evidence that is
 * not an absolute http(s) URL is left out with a note. Returns null, with a note, when it cannot be stored.
 */
export function toArtifactCreate(
  a: TPipelineArtifact,
  index: number,
  labelIds: string[],
  notes: CommitNote[],
): TArtifactCreate | null {
  const note = (message: string) => notes.push({ artifact: index, message });
  const title = clip(a.title.trim() || 'Untitled', 300);
  const outcomes = cleanList(a.outcomes ?? [], 50, 1000);
  const summary = clip((a.summary ?? '').trim() || outcomes[0] || title, 20_000);
  const org = a.organization?.trim();
  const role = a.role?.trim()
    ? org && !title.includes(org)
      ? `${a.role.trim()} at ${org}`
      : a.role.trim()
    : null;
  const startDate = toDate(a.startDate);
  if (!startDate) {
    note(`Skipped "${clip(title, 80)}": its start date "${a.startDate}" is not a date`);
    return null;
  }
  let endDate = toDate(a.endDate);
  if (a.endDate && !endDate) note(`Left out the end date "${a.endDate}": it is not a date`);
  if (endDate && endDate < startDate) {
    note(`Left out the end date ${endDate}: it is before the start date ${startDate}`);
    endDate = null;
  }
  const evidence: TArtifactCreate['evidence'] = [];
  const seen = new Set<string>();
  for (const e of a.evidence ?? []) {
    const parsed = parseHttpUrl(e.url);
    if (!parsed || parsed.toString().length > 2048) {
      note(`Skipped evidence "${clip(e.url, 100)}": not an absolute http(s) URL`);
      continue;
    }
    const url = parsed.toString();
    if (seen.has(url)) continue;
    if (evidence.length === 50) {
      note('Kept the first 50 evidence links');
      break;
    }
    seen.add(url);
    const evidenceTitle = e.title?.trim() ? clip(e.title.trim(), 300) : undefined;
    // `other` is what parsers fall back to; leaving it out lets the URL's own kind be detected.
    const kind = e.kind !== 'other' && isEvidenceKind(e.kind) ? e.kind : undefined;
    evidence.push({ url, ...(evidenceTitle ? { title: evidenceTitle } : {}), ...(kind ? { kind } : {}) });
  }
  const checked = ZArtifactCreate.safeParse({
    title,
    summary,
    role: role ? clip(role, 200) : null,
    technologies: cleanList(a.technologies ?? [], 100, 100),
    collaborators: cleanList(a.collaborators ?? [], 100, 200),
    outcomes,
    startDate,
    endDate,
    evidence,
    labelIds,
    ...(a.visibility ? { visibility: a.visibility } : {}),
  });
  if (!checked.success) {
    note(`Skipped "${clip(title, 80)}": ${checked.error.issues.map((i) => i.message).join('; ')}`);
    return null;
  }
  return checked.data;
}

/**
 * The labels the chosen artifacts name (a restored Dossier export names them), by name key → id: each matched to
 * the owner's label of that name, or created as the file describes it (description, colour, skill focus, each
 * left out when not valid here). A name that cannot be a label is left off with a note.
 */
async function resolveNamedLabels({
  em,
  ownerId,
  proposal,
  indexes,
  notes,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  proposal: TPipelinePortfolio;
  indexes: number[];
  notes: CommitNote[];
  requestId?: string;
}): Promise<Map<string, string>> {
  const wanted = new Map<string, { name: string; artifact: number }>();
  for (const i of indexes) {
    for (const l of proposal.artifacts[i]!.labels ?? []) {
      const name = l.name.trim();
      const key = name.toLowerCase();
      if (!name || wanted.has(key)) continue;
      if (!ZLabelCreate.shape.name.safeParse(name).success || key.length > 80) {
        notes.push({
          artifact: i,
          message: `Left off the label "${clip(name, 80)}": not a valid label name`,
        });
        continue;
      }
      wanted.set(key, { name, artifact: i });
    }
  }
  const ids = new Map<string, string>();
  if (wanted.size === 0) return ids;
  const existing = await em.find(Label, { owner: ownerId, nameKey: { $in: [...wanted.keys()] } });
  for (const label of existing) ids.set(label.nameKey, label.id);
  const described = new Map((proposal.labels ?? []).map((l) => [l.name.trim().toLowerCase(), l]));
  for (const [key, { name }] of wanted) {
    if (ids.has(key)) continue;
    const about = described.get(key);
    const field = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
      const checked = schema.safeParse(value);
      return checked.success ? checked.data : undefined;
    };
    const colour = field(ZLabelCreate.shape.colour, about?.colour);
    const description = field(ZLabelCreate.shape.description, about?.description ?? undefined);
    const skillFocus = field(ZLabelCreate.shape.skillFocus, about?.skillFocus) ?? [];
    ids.set(
      key,
      await createLabel({
        em,
        ownerId,
        input: { name, ...(colour ? { colour } : {}), ...(description ? { description } : {}), skillFocus },
        requestId,
      }),
    );
  }
  return ids;
}

/**
 * Turns the chosen proposed artifacts of a ready import into artifacts, all in one transaction with the
 * import's status change. The import row is locked first, so two concurrent commits cannot both pass the
 * status check: the second finds it committed (409).
 */
export async function commitImport({
  em,
  services,
  ownerId,
  id,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  input: TImportCommit;
  requestId?: string;
}): Promise<{ artifactIds: string[]; notes: CommitNote[] }> {
  return em.transactional(async (tx) => {
    const job = await tx.findOne(ImportJob, { id, owner: ownerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!job) throw notFound('Import');
    if (job.status === 'committed') throw new AppError('CONFLICT', 'This import was already committed');
    if (job.status !== 'ready' || !job.proposal) {
      throw new AppError('CONFLICT', `This import is ${job.status}; only a ready import can be committed`, {
        details: { status: job.status },
      });
    }
    const proposed = job.proposal.artifacts;
    const indexes = input.artifacts === 'all' ? proposed.map((_a, i) => i) : [...new Set(input.artifacts)];
    const outOfRange = input.artifacts === 'all' ? [] : input.artifacts.filter((i) => i >= proposed.length);
    if (outOfRange.length) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request body', {
        details: {
          issues: outOfRange.map((i) => ({
            path: `body.artifacts.${(input.artifacts as number[]).indexOf(i)}`,
            message: `No proposed artifact ${i}; the proposal has ${proposed.length}`,
            code: 'too_big',
          })),
        },
      });
    }
    const notes: CommitNote[] = [];
    const named = await resolveNamedLabels({
      em: tx as EntityManager,
      ownerId,
      proposal: job.proposal,
      indexes,
      notes,
      requestId,
    });
    const inputs = indexes.flatMap((i) => {
      const own = (proposed[i]!.labels ?? []).flatMap((l) => named.get(l.name.trim().toLowerCase()) ?? []);
      const created = toArtifactCreate(proposed[i]!, i, [...new Set([...input.labelIds, ...own])], notes);
      return created ? [created] : [];
    });
    if (inputs.length === 0) {
      throw new AppError('UNPROCESSABLE', 'None of the chosen artifacts can be created', {
        details: { notes },
      });
    }
    const artifactIds: string[] = [];
    for (const artifact of inputs) {
      artifactIds.push(
        await createArtifact({ em: tx as EntityManager, services, ownerId, input: artifact, requestId }),
      );
    }
    job.status = 'committed';
    job.payload = null;
    recordAudit({
      em: tx as EntityManager,
      actorId: ownerId,
      action: 'import.commit',
      entityType: 'import',
      entityId: id,
      requestId,
      data: { artifactIds, skipped: notes.length },
    });
    await tx.flush();
    return { artifactIds, notes };
  });
}
