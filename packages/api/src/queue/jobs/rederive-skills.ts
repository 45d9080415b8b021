import { z } from 'zod';
import { deriveArtifactSkills } from '../../commands/derive-artifact-skills.js';
import { pgArray } from '../../db/pg-array.js';
import type { Services } from '../../services/create-services.js';
import { defineJob } from '../define-job.js';

const BATCH = 500;

export const ZRederivePayload = z.object({ taxonomyVersion: z.string().min(1) });

interface Row {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  technologies: string[];
  outcomes: string[];
  skills: string[];
}

/**
 * After the shipped taxonomy changes, every artifact's derived skills are recomputed so filters and matching
 * see the new aliases. Keyset pages of 500 with a fresh EntityManager each, one UPDATE per page for the rows
 * that changed; re-running it changes nothing, so it is safe to retry or duplicate.
 */
export function createRederiveSkillsJob(services: Services) {
  return defineJob({
    id: 'skills.rederive',
    version: 1,
    payload: ZRederivePayload,
    retries: 3,
    backoffMs: 5_000,
    timeoutMs: 30 * 60_000,
    async handler(_payload, ctx) {
      let after = '00000000-0000-0000-0000-000000000000';
      let changed = 0;
      for (;;) {
        ctx.signal.throwIfAborted();
        const em = services.orm.em.fork();
        const rows = await em.execute<Row[]>(
          `select id, title, summary, role, technologies, outcomes, skills from artifacts
           where id > ? order by id limit ${BATCH}`,
          [after],
        );
        if (rows.length === 0) break;
        const updates: Array<[string, string[]]> = [];
        for (const r of rows) {
          const next = deriveArtifactSkills(services.taxonomy, r);
          if (next.join('\u0000') !== (r.skills ?? []).join('\u0000')) updates.push([r.id, next]);
        }
        if (updates.length) {
          const params: unknown[] = [];
          const values = updates
            .map(([id, skills]) => {
              params.push(id, pgArray(skills));
              return '(?::uuid, ?::text[])';
            })
            .join(', ');
          await em.execute(
            `update artifacts a set skills = v.skills from (values ${values}) as v(id, skills) where a.id = v.id`,
            params,
          );
          changed += updates.length;
        }
        after = rows[rows.length - 1]!.id;
        // Yield between pages so a long run never blocks the event loop (a blocked loop stalls queue jobs).
        await new Promise((r) => setImmediate(r));
      }
      services.logger.info({ job: 'skills.rederive', changed }, 'artifact skills re-derived');
    },
  });
}
