/** A unique constraint refused the write: MikroORM's exception, or PostgreSQL's SQLSTATE 23505 from raw SQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | null | undefined;
  return e?.name === 'UniqueConstraintViolationException' || e?.code === '23505';
}
