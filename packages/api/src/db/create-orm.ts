import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities/index.js';

/** Committed migrations live beside the package (plain JS), so the same files run from sources and from dist. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface OrmOptions {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
}

export function ormConfig({ databaseUrl, poolMax = 10, debug = false }: OrmOptions): Options {
  return {
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    debug,
    pool: { min: 0, max: poolMax },
    // Entities are defined with defineEntity, so discovery needs no reflection.
    discovery: { warnWhenNoEntities: true },
    migrations: {
      path: MIGRATIONS_DIR,
      emit: 'js',
      glob: '!(*.d).js',
      snapshot: true,
      snapshotOnMigrate: false,
      snapshotName: '.snapshot-dossier',
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  };
}

export type Orm = MikroORM;

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}
