import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const statementNames = new Map<string, string>();

/**
 * Runs a hot read as a named prepared statement on the driver's pg pool, so PostgreSQL plans it once per
 * connection instead of on every request (the ORM's raw `execute` inlines parameters, so no plan is reused).
 * `?` placeholders become `$n`. Inside a transaction it falls back to the ORM so the read sees the transaction.
 */
export async function executePrepared<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  // Anything that is not a plain ORM EntityManager outside a transaction (a transaction, a capturing stub)
  // goes through `execute`, which sees the transaction and records the SQL.
  if (typeof em.isInTransaction !== 'function' || em.isInTransaction()) return em.execute<T[]>(sql, params);
  const conn = em.getConnection?.() as unknown as { getNativeClient?: () => Promise<PgPool> } | undefined;
  const pool = await conn?.getNativeClient?.();
  if (!pool) return em.execute<T[]>(sql, params);
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  let name = statementNames.get(text);
  if (!name) {
    name = `dossier_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const result = await pool.query({ name, text, values: params });
  return result.rows as T[];
}
