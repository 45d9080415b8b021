import {
  type EvidenceValidatorHandler,
  type EvidenceVerdict,
  isGuardError,
  type PluginDeps,
} from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EvidenceLink, type IEvidenceLink } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import type { HostSlot } from '../services/host-limiter.js';
import { applyVerdictToLinks, type CheckVerdict } from './apply-evidence-verdict.js';
import { recordAudit } from './record-audit.js';
import { quietStageContext } from './render-document.js';

/**
 * How long one check may take, waiting for the host's turn included. Generous: a validator may honour a
 * server's `Retry-After` and retry within one check, and holding the host's slot meanwhile is the polite thing.
 */
export const CHECK_TIMEOUT_MS = 120_000;

/** The host's turn did not come within the caller's patience (`hostWaitMs`); nothing was asked. */
export class HostBusyError extends Error {
  override name = 'HostBusyError';
  constructor(readonly host: string) {
    super(`${host} is busy`);
  }
}

const VERDICT_STATUSES = new Set(['valid', 'redirected', 'unverifiable', 'broken', 'blocked']);
const validatorDeps = new WeakMap<object, PluginDeps>();

/**
 * One plugin-deps object per process for validators, with the guarded fetch: handlers are cached per deps
 * object, so a validator's per-host state (backoff, rate-limit budgets) lives as long as the process.
 */
function evidencePluginDeps(services: Pick<Services, 'pipeline' | 'http'>): PluginDeps {
  let deps = validatorDeps.get(services);
  if (!deps) {
    deps = { ...services.pipeline.deps(), http: services.http };
    validatorDeps.set(services, deps);
  }
  return deps;
}

/**
 * Whether any `evidence-validator` plugin is loaded. Without one, checking would mark every link
 * `unverifiable` for a whole period; the scheduler waits instead and "check now" answers 503.
 */
export function hasEvidenceValidators(services: Pick<Services, 'pipeline'>): boolean {
  return services.pipeline.registry.byKind('evidence-validator').length > 0;
}

/** The validator for a URL: the lowest-`order` registered `evidence-validator` whose `handles` accepts it. */
export async function findEvidenceValidator(
  services: Pick<Services, 'pipeline' | 'http' | 'logger'>,
  url: URL,
): Promise<{ name: string; handler: EvidenceValidatorHandler } | undefined> {
  const deps = evidencePluginDeps(services);
  for (const entry of services.pipeline.registry.byKind('evidence-validator')) {
    const handler = await entry.handler(deps);
    let handles = false;
    try {
      handles = handler.handles(url);
    } catch (err) {
      services.logger.warn({ plugin: entry.plugin.name, err: (err as Error).message }, 'handles() threw');
    }
    if (handles) return { name: entry.plugin.name, handler };
  }
  return undefined;
}

const verdict = (
  status: EvidenceVerdict['status'],
  reason: string,
  validator: string | null,
  httpStatus: number | null = null,
): CheckVerdict => ({ status, httpStatus, finalUrl: null, reason, validator });

/**
 * Checks one URL with its validator, politely: it waits for a slot on the URL's host (per-host concurrency and
 * interval, shared by every worker), then gives the validator {@link CHECK_TIMEOUT_MS} overall.
 *
 * Exceptions become verdicts, so a check always has an outcome: the outbound guard refusing is `blocked`; the
 * validator outlasting our time limit is a failure (`broken`, which only sticks after three over two days);
 * never getting the host's turn is a provisional answer (asked again later); anything else a validator throws
 * is `unverifiable`, since a bug in a plugin says nothing about the link.
 */
export async function runEvidenceCheck({
  services,
  url,
  signal,
  timeoutMs = CHECK_TIMEOUT_MS,
  hostWaitMs,
  expect,
}: {
  services: Pick<Services, 'pipeline' | 'http' | 'evidenceHosts' | 'logger'>;
  url: string;
  /**
   * What the page should still name, for validators with a content check (the `http` validator's
   * `contentCheck` option). Only per-link checks pass it: a scheduled verdict is shared by every link to the URL.
   */
  expect?: { title?: string; handle?: string };
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Give up waiting for the host's turn after this long with {@link HostBusyError} (a batch moves on). */
  hostWaitMs?: number;
}): Promise<CheckVerdict> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return verdict('broken', 'not a valid URL', null);
  }
  const found = await findEvidenceValidator(services, parsed);
  if (!found) return verdict('unverifiable', 'no validator handles this URL', null);
  const timeout = AbortSignal.timeout(timeoutMs);
  const checkSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const host = parsed.hostname.toLowerCase();
  const patience = hostWaitMs === undefined ? undefined : AbortSignal.timeout(hostWaitMs);
  let slot: HostSlot;
  try {
    slot = await services.evidenceHosts.acquire(
      host,
      patience ? AbortSignal.any([checkSignal, patience]) : checkSignal,
    );
  } catch (err) {
    if (patience?.aborted && !timeout.aborted && !signal?.aborted) throw new HostBusyError(host);
    // A caller's abort or a Redis failure is not an answer about the link: the job fails and is retried.
    if (signal?.aborted || !timeout.aborted) throw err;
    // The host was busy the whole time: nothing was asked, so nothing is known. Ask again in an hour.
    return {
      ...verdict('unverifiable', 'the host was busy; not checked', found.name),
      retryAfterMs: 3_600_000,
    };
  }
  try {
    const raw = await found.handler.validate(
      url,
      quietStageContext(checkSignal),
      expect ? { expect } : undefined,
    );
    if (!raw || !VERDICT_STATUSES.has(raw.status)) {
      return verdict('unverifiable', 'the validator gave no usable verdict', found.name);
    }
    // Validators that know of provisional answers set it; third-party ones may leave it out.
    const { retryAfterMs } = raw;
    return {
      status: raw.status,
      httpStatus: typeof raw.httpStatus === 'number' ? raw.httpStatus : null,
      finalUrl: typeof raw.finalUrl === 'string' && raw.finalUrl !== url ? raw.finalUrl : null,
      reason: typeof raw.reason === 'string' ? raw.reason.slice(0, 500) : null,
      validator: found.name,
      ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) ? { retryAfterMs } : {}),
    };
  } catch (err) {
    if (isGuardError(err)) return verdict('blocked', err.message, found.name);
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) return verdict('broken', `no answer within ${timeoutMs / 1000} s`, found.name);
    services.logger.warn({ plugin: found.name, err: (err as Error)?.message }, 'evidence validator failed');
    return verdict('unverifiable', `the validator failed: ${(err as Error)?.message ?? err}`, found.name);
  } finally {
    await slot.release();
  }
}

/**
 * "Check now": checks one of the user's links at once and records the verdict on that link only (another
 * user's copy of the URL keeps its own schedule, so nobody drives someone else's link state). Rate limited
 * per user.
 */
export async function checkEvidenceNow({
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
  if (!hasEvidenceValidators(services)) {
    throw new AppError('UNAVAILABLE', 'No evidence validator is configured on this server', {
      retryAfter: 3600,
    });
  }
  const limit = services.config.evidence.checksPerMinute;
  const rate = await services.rateLimiter.consume(`evidence-check:${ownerId}`, limit, 60);
  if (!rate.allowed) {
    throw new AppError('RATE_LIMITED', `At most ${limit} evidence checks a minute; try again shortly`, {
      retryAfter: rate.retryAfter,
    });
  }
  const url = services.cipher.decrypt(link.urlEncrypted);
  await em.populate(link, ['artifact']);
  const result = await runEvidenceCheck({ services, url, expect: { title: link.artifact.title } });
  await applyVerdictToLinks({
    em,
    services,
    urlHash: link.urlHash,
    verdict: result,
    now: services.clock(),
    linkId: link.id,
  });
  // The user asked for it and the link's state changed with it: audited like every other change they make.
  recordAudit({
    em,
    actorId: ownerId,
    action: 'evidence.check',
    entityType: 'evidence',
    entityId: link.id,
    requestId,
    data: { status: result.status, httpStatus: result.httpStatus ?? null },
  });
  await em.flush();
  return em.findOneOrFail(EvidenceLink, { id: evidenceId });
}
