import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import { createLogger } from '../services/create-logger.js';
import { createServices, type Services } from '../services/create-services.js';
import { resolveSecrets } from '../services/resolve-secrets.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './start-embedded-postgres.js';

export interface Runtime {
  services: Services;
  embedded: EmbeddedPostgresHandle | undefined;
  logger: Logger;
  shutdown(): Promise<void>;
}

/**
 * Brings up what a process needs: the database (DATABASE_URL, or an embedded PostgreSQL under the data
 * directory when none is set), keys, and the service container. Every entry point (serve, worker, migrate,
 * seed, user/apikey create) goes through here so they all see the same database.
 */
export async function bootRuntime(config: AppConfig, opts: { logger?: Logger } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    databaseUrl = embedded.databaseUrl;
  }
  try {
    const services = await createServices({ config, databaseUrl, secrets: resolveSecrets(config), logger });
    return {
      services,
      embedded,
      logger,
      async shutdown() {
        await services.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
