import type { EntityManager } from '@mikro-orm/postgresql';
import { sha256 } from '../crypto/tokens.js';
import { type IJobDescription, JobDescription } from '../db/entities/index.js';
import { withoutNul } from '../db/without-nul.js';
import { isUniqueViolation } from '../errors/is-unique-violation.js';
import type { TJobDescriptionCreate } from '../routes/job-descriptions/schema.js';
import type { Services } from '../services/create-services.js';
import { fetchJobPosting } from './fetch-job-posting.js';
import { parseJobDescription } from './parse-job-description.js';
import { recordAudit } from './record-audit.js';

/**
 * Whitespace does not make a different posting: line endings unified, runs of spaces and tabs collapsed, ends
 * trimmed. (The same rule as pasted text in POST /generate, so both paths find the same row.)
 */
export const normalizeJobText = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();

/** The content hash stored with a job description: SHA-256 of its normalised text. */
export const jobTextHash = (text: string) => sha256(normalizeJobText(text));

/**
 * Stores a job description from pasted text or a URL, parsed by the pipeline's job parser. The same text (by
 * content hash) for the same user is the existing row, returned with `created: false`.
 */
export async function createJobDescription({
  em,
  services,
  ownerId,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  input: TJobDescriptionCreate;
  requestId?: string;
}): Promise<{ jobDescription: IJobDescription; created: boolean }> {
  let text: string;
  let parsed: Awaited<ReturnType<typeof parseJobDescription>>['job'];
  if (input.text !== undefined) {
    text = normalizeJobText(input.text);
    // Pasted text is known before parsing: a repeat costs one indexed read.
    const existing = await em.findOne(JobDescription, { owner: ownerId, contentHash: sha256(text) });
    if (existing) return { jobDescription: existing, created: false };
    ({ job: parsed } = await parseJobDescription({ services, mediaType: 'text/plain', text }));
  } else {
    const page = await fetchJobPosting({ services, url: input.url! });
    // A page may carry NUL characters, which PostgreSQL cannot store (pasted text with one is refused).
    ({ job: parsed } = await parseJobDescription({
      services,
      mediaType: page.mediaType,
      text: withoutNul(page.text),
    }));
    // A page's text is what the parser saw after HTML conversion, so the same posting is only found now.
    text = normalizeJobText(parsed.text);
    const existing = await em.findOne(JobDescription, { owner: ownerId, contentHash: sha256(text) });
    if (existing) return { jobDescription: existing, created: false };
  }
  const contentHash = sha256(text);

  const row = em.create(JobDescription, {
    owner: ownerId,
    source: input.text !== undefined ? 'text' : 'url',
    sourceUrl: input.url !== undefined ? new URL(input.url).href : null,
    title: (parsed.title.trim() || 'Untitled position').slice(0, 300),
    company: parsed.company ? parsed.company.slice(0, 300) : null,
    text,
    contentHash,
    parsed,
  });
  recordAudit({
    em,
    actorId: ownerId,
    action: 'job-description.create',
    entityType: 'job-description',
    entityId: row.id,
    requestId,
    data: { source: row.source },
  });
  try {
    await em.flush();
  } catch (err) {
    // The same new text twice at once: the unique (owner, hash) index keeps one; answer with it.
    if (!isUniqueViolation(err)) throw err;
    em.clear();
    const winner = await em.findOne(JobDescription, { owner: ownerId, contentHash });
    if (!winner) throw err;
    return { jobDescription: winner, created: false };
  }
  return { jobDescription: row, created: true };
}
