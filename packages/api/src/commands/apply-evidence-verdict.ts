import type { EvidenceVerdict } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UrlCipher } from '../crypto/url-cipher.js';
import {
  Artifact,
  type EvidenceCheck,
  EvidenceLink,
  type EvidenceStatus,
  type IEvidenceLink,
} from '../db/entities/index.js';
import type { Services } from '../services/create-services.js';
import { createNotification } from './create-notification.js';

/** A link turns `broken` only after this many failed checks in a row… */
export const BROKEN_AFTER_FAILURES = 3;
/** …spread over at least this long, so one bad night never flags a user's proof. */
export const BROKEN_AFTER_MS = 48 * 3_600_000;
/** A failing link is checked again this soon, so three failures span the 48 hours and no more. */
export const FAILURE_RECHECK_MS = 24 * 3_600_000;
export const HISTORY_LIMIT = 10;
const DAY_MS = 86_400_000;

/** A provisional answer is asked again this soon at the earliest… */
export const PROVISIONAL_MIN_RECHECK_MS = 3_600_000;
/** …and this late at the latest, whatever `Retry-After` said. */
export const PROVISIONAL_MAX_RECHECK_MS = 24 * 3_600_000;

/**
 * A verdict as the service records it: which validator gave it, if any. `retryAfterMs` marks a provisional
 * answer (a 429, a 503, a timeout the validator gave up on): asking again later may give a better one.
 */
export type CheckVerdict = EvidenceVerdict & { validator: string | null; retryAfterMs?: number };

/** The fields of a link the state machine reads and writes. */
export type EvidenceState = Pick<
  IEvidenceLink,
  | 'status'
  | 'httpStatus'
  | 'finalUrlEncrypted'
  | 'reason'
  | 'lastCheckedAt'
  | 'consecutiveFailures'
  | 'failingSince'
  | 'nextCheckAt'
  | 'history'
  | 'urlHash'
>;

/**
 * The URL's place in the re-check cycle: a fixed offset derived from its hash, so identical URLs fall due
 * together (and are checked once) while different URLs spread evenly over the period.
 */
export function checkPhaseMs(urlHash: string, periodMs: number): number {
  return Number.parseInt(urlHash.slice(0, 12), 16) % periodMs;
}

/**
 * The next scheduled check: the first time on the URL's phase at least half a period after `after`. In steady
 * state that is exactly one period after the previous scheduled check; a check off the phase (a new link, a
 * "check now", a recovery) is followed by one 0.5 to 1.5 periods later, after which the link is back on phase.
 */
export function nextScheduledCheck(urlHash: string, after: Date, recheckDays: number): Date {
  const period = recheckDays * DAY_MS;
  const phase = checkPhaseMs(urlHash, period);
  const earliest = after.getTime() + period / 2;
  const cycles = Math.floor((earliest - phase) / period) + 1;
  return new Date(cycles * period + phase);
}

/**
 * The stored history as an array. Rows written before migration `json_strings` held an empty history as the
 * JSON string `"[]"`; the migration fixes them, and this still reads one that an older process writes meanwhile.
 */
export function readHistory(history: unknown): EvidenceCheck[] {
  if (Array.isArray(history)) return history as EvidenceCheck[];
  if (typeof history === 'string') {
    try {
      const parsed = JSON.parse(history);
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** Failing: failed checks are piling up but have not yet made the link `broken`. */
export const isFailing = (l: Pick<IEvidenceLink, 'status' | 'consecutiveFailures'>) =>
  l.consecutiveFailures > 0 && l.status !== 'broken';

/**
 * Applies one verdict to a link (mutating it) and says which status it turned to when that is worth telling
 * the user (`broken` or `redirected`, on the transition only).
 *
 * - `valid`, `redirected`, `unverifiable`: taken at once; a success resets the failure count.
 * - `blocked` (the outbound guard refused the address): taken at once; it is not a failure of the site.
 * - `broken`: a failure. The link keeps its previous status, and shows `failing`, until it has failed
 *   {@link BROKEN_AFTER_FAILURES} times in a row over at least {@link BROKEN_AFTER_MS}.
 */
export function applyEvidenceVerdict(
  link: EvidenceState,
  verdict: CheckVerdict,
  now: Date,
  opts: { cipher: UrlCipher; recheckDays: number },
): EvidenceStatus | null {
  const before = link.status;
  const check: EvidenceCheck = {
    at: now.toISOString(),
    status: verdict.status,
    httpStatus: verdict.httpStatus,
    reason: verdict.reason,
    finalUrlEncrypted: verdict.finalUrl ? opts.cipher.encrypt(verdict.finalUrl) : null,
    validator: verdict.validator,
  };
  link.history = [...readHistory(link.history), check].slice(-HISTORY_LIMIT);
  link.lastCheckedAt = now;

  const provisional = typeof verdict.retryAfterMs === 'number' && verdict.retryAfterMs >= 0;
  if (provisional && verdict.status !== 'blocked') {
    // A rate limit or an overloaded server says nothing about the proof: keep the status, its explanation and
    // the failure count as they are (the check is in the history), and ask again once the server said it
    // would answer.
    const wait = Math.min(
      PROVISIONAL_MAX_RECHECK_MS,
      Math.max(PROVISIONAL_MIN_RECHECK_MS, verdict.retryAfterMs!),
    );
    link.nextCheckAt = new Date(now.getTime() + wait);
    return null;
  }
  link.httpStatus = verdict.httpStatus;
  link.reason = verdict.reason;

  if (verdict.status === 'broken') {
    link.consecutiveFailures += 1;
    link.failingSince ??= now;
    const span = now.getTime() - link.failingSince.getTime();
    if (link.consecutiveFailures >= BROKEN_AFTER_FAILURES && span >= BROKEN_AFTER_MS) link.status = 'broken';
    // A redirected link keeps its redirect target (the user may still apply it); otherwise record where the
    // failing request ended.
    if (link.status !== 'redirected') {
      link.finalUrlEncrypted = verdict.finalUrl ? opts.cipher.encrypt(verdict.finalUrl) : null;
    }
  } else {
    link.status = verdict.status;
    link.consecutiveFailures = 0;
    link.failingSince = null;
    link.finalUrlEncrypted = verdict.finalUrl ? opts.cipher.encrypt(verdict.finalUrl) : null;
  }

  link.nextCheckAt = isFailing(link)
    ? new Date(now.getTime() + FAILURE_RECHECK_MS)
    : nextScheduledCheck(link.urlHash, now, opts.recheckDays);

  const after = link.status;
  return after !== before && (after === 'broken' || after === 'redirected') ? after : null;
}

const NOTICE = {
  broken: (what: string) => ({
    title: `Evidence for “${what}” is broken`,
    body: 'The link has failed three checks over two days. An archived copy may still be available.',
  }),
  redirected: (what: string) => ({
    title: `Evidence for “${what}” has moved`,
    body: 'The link redirects permanently to a new address; you can switch the evidence to it.',
  }),
} as const;

const PAGE = 200;

/**
 * Records one verdict on every link with the URL hash (one check serves every user who cites the URL), or on
 * the given link only. Notifies each owner whose link turned broken or redirected. Never puts the URL in a
 * notification: URLs are encrypted at rest and notifications are not.
 */
export async function applyVerdictToLinks({
  em,
  services,
  urlHash,
  verdict,
  now,
  linkId,
}: {
  em: EntityManager;
  services: Pick<Services, 'cipher' | 'config'>;
  urlHash: string;
  verdict: CheckVerdict;
  now: Date;
  linkId?: string;
}): Promise<{ updated: number; turned: Array<{ id: string; status: EvidenceStatus }> }> {
  const opts = { cipher: services.cipher, recheckDays: services.config.evidence.recheckDays };
  const turned: Array<{ id: string; status: EvidenceStatus }> = [];
  let updated = 0;
  let lastId: string | undefined;
  for (;;) {
    // One transaction per page: a link's new status and its owner's notification become visible together.
    const page = await em.transactional(async (tx) => {
      const links = await tx.find(
        EvidenceLink,
        { urlHash, ...(linkId ? { id: linkId } : lastId ? { id: { $gt: lastId } } : {}) },
        { orderBy: { id: 'asc' }, limit: PAGE },
      );
      const notices: Array<{ link: IEvidenceLink; status: 'broken' | 'redirected' }> = [];
      for (const link of links) {
        const status = applyEvidenceVerdict(link, verdict, now, opts);
        if (status === 'broken' || status === 'redirected') notices.push({ link, status });
      }
      await tx.flush();
      for (const { link, status } of notices) {
        const artifact = await tx.findOne(Artifact, { id: link.artifact.id }, { fields: ['id', 'title'] });
        const what = link.title ?? artifact?.title ?? 'an artifact';
        await createNotification({
          em: tx,
          ownerId: link.owner.id,
          type: `evidence.${status}`,
          ...NOTICE[status](what),
          link: `/artifacts/${link.artifact.id}`,
        });
        turned.push({ id: link.id, status });
      }
      return { count: links.length, lastId: links.at(-1)?.id };
    });
    updated += page.count;
    lastId = page.lastId;
    em.clear();
    if (linkId || page.count < PAGE) break;
  }
  return { updated, turned };
}
