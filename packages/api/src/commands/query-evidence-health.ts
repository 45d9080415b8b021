import type { EntityManager } from '@mikro-orm/postgresql';
import type { EvidenceRow } from '../presenters/present-artifact.js';

/** The product's goal for the share of verifiable links that are valid. */
export const EVIDENCE_HEALTH_TARGET = 0.95;
/** Links listed under "attention" at most. */
export const ATTENTION_LIMIT = 100;

export interface EvidenceHealth {
  total: number;
  /** Checked at least once: every link except `unchecked`. */
  checked: number;
  /** Checked links whose status says something about the proof: all but `unverifiable`. */
  verifiable: number;
  valid: number;
  redirected: number;
  broken: number;
  /** Failed checks piling up, not yet broken (counted under their current status too). */
  failing: number;
  blocked: number;
  unverifiable: number;
  unchecked: number;
  /**
   * (valid + redirected) / verifiable, or null with nothing verifiable. A redirected link still proves the
   * claim (it counts as valid) but needs its URL updated, so it is also listed under attention.
   */
  share: number | null;
  target: number;
}

export type AttentionRow = EvidenceRow & { artifactId: string; artifactTitle: string };

/**
 * A user's evidence health: counts per status in one statement over the (owner, status) index, and the links
 * that need attention (broken, redirected or failing), worst first.
 */
export async function queryEvidenceHealth(
  em: EntityManager,
  ownerId: string,
): Promise<{ health: EvidenceHealth; attention: AttentionRow[] }> {
  const [counts] = await em.execute<Array<Record<string, string | number>>>(
    `select count(*) as total,
       count(*) filter (where status = 'valid') as valid,
       count(*) filter (where status = 'redirected') as redirected,
       count(*) filter (where status = 'broken') as broken,
       count(*) filter (where status = 'blocked') as blocked,
       count(*) filter (where status = 'unverifiable') as unverifiable,
       count(*) filter (where status = 'unchecked') as unchecked,
       count(*) filter (where consecutive_failures > 0 and status <> 'broken') as failing
     from evidence_links where owner_id = ?`,
    [ownerId],
  );
  const n = (k: string) => Number(counts?.[k] ?? 0);
  const checked = n('total') - n('unchecked');
  const verifiable = checked - n('unverifiable');
  const health: EvidenceHealth = {
    total: n('total'),
    checked,
    verifiable,
    valid: n('valid'),
    redirected: n('redirected'),
    broken: n('broken'),
    failing: n('failing'),
    blocked: n('blocked'),
    unverifiable: n('unverifiable'),
    unchecked: n('unchecked'),
    share: verifiable > 0 ? (n('valid') + n('redirected')) / verifiable : null,
    target: EVIDENCE_HEALTH_TARGET,
  };
  const attention = await em.execute<AttentionRow[]>(
    `select e.id, e.url_encrypted as url, e.title, e.kind, e.status, e.http_status as "httpStatus",
       e.final_url_encrypted as "finalUrl", e.last_checked_at as "lastCheckedAt",
       e.consecutive_failures as "consecutiveFailures", e.reason, e.next_check_at as "nextCheckAt",
       a.id as "artifactId", a.title as "artifactTitle"
     from evidence_links e join artifacts a on a.id = e.artifact_id
     where e.owner_id = ? and (e.status in ('broken', 'redirected') or e.consecutive_failures > 0)
     order by case e.status when 'broken' then 0 when 'redirected' then 2 else 1 end,
       e.last_checked_at desc nulls last, e.id
     limit ${ATTENTION_LIMIT}`,
    [ownerId],
  );
  return { health, attention };
}
