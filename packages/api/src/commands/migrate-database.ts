import type { MikroORM } from '@mikro-orm/postgresql';

/** Applies pending committed migrations; returns the names applied. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function migrateDown(orm: MikroORM, to?: string | 0): Promise<string[]> {
  const reverted = await orm.migrator.down(to === undefined ? undefined : { to });
  return reverted.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}
