import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { migrateDown, migrateUp, pendingMigrations } from '../commands/migrate-database.js';
import { seedDemo } from '../commands/seed-demo.js';
import { syncSkills } from '../commands/sync-skills.js';
import { loadConfig } from '../config/load-config.js';
import { createApp } from '../http/create-app.js';
import { warmUpPipeline } from '../pipeline/warm-up-pipeline.js';
import { createRederiveSkillsJob } from '../queue/jobs/rederive-skills.js';
import { createJobs } from '../queue/jobs.js';
import { scheduleMaintenance } from '../queue/schedule-maintenance.js';
import { bootRuntime, type Runtime } from '../runtime/boot-runtime.js';
import { takeOverShutdownSignals } from '../runtime/start-embedded-postgres.js';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

function onSignals(runtime: Runtime, stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    stop()
      .then(() => runtime.shutdown())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  // This shutdown stops the embedded PostgreSQL itself (runtime.shutdown), after the server and the queue.
  takeOverShutdownSignals();
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

export function registerServerCommands(program: Command) {
  program
    .command('serve')
    .description('Run the API and the web app; with no DATABASE_URL, on the embedded PostgreSQL.')
    .option('--no-migrate', 'do not apply pending migrations at start')
    .option('--demo', 'create the demo account and portfolio if missing, and print its credentials')
    .option('--worker', 'also process queue jobs in this process (always on with the in-process queue)')
    .action(async (opts: { migrate: boolean; demo?: boolean; worker?: boolean }) => {
      const config = loadConfig();
      if (!config.webDist) config.webDist = DEFAULT_WEB_DIST;
      const runtime = await bootRuntime(config);
      const { services } = runtime;
      if (opts.migrate) {
        const applied = await migrateUp(services.orm);
        if (applied.length) runtime.logger.info({ applied }, 'migrations applied');
      }
      if (services.queue.kind === 'in-process' || opts.worker)
        services.queue.process(createJobs(services), 2);
      const sync = await syncSkills(services.orm.em.fork(), services.taxonomy);
      if (sync.changed > 0) {
        // The taxonomy changed: recompute artifacts' derived skills in the background, once per version.
        await services.queue.enqueue(
          createRederiveSkillsJob(services),
          { taxonomyVersion: sync.version },
          { jobId: `skills-rederive-${sync.version}` },
        );
      }
      let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
      if (opts.demo) demo = await seedDemo({ em: services.orm.em.fork(), services });
      const stopMaintenance = scheduleMaintenance(services);
      const app = createApp(services);
      const server = app.listen(config.port, config.host);
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const url = `http://${config.host}:${port}`;
      const lines = [
        '',
        `  Dossier is running at ${url}`,
        `  API: ${url}/api/v1  ·  reference: ${url}/api/v1/docs`,
        `  Database: ${runtime.embedded ? `embedded PostgreSQL (data in ${path.resolve(config.dataDir)})` : 'DATABASE_URL'}`,
        `  Queue: ${services.queue.kind === 'redis' ? 'Redis (REDIS_URL)' : 'in-process'}`,
      ];
      if (demo) lines.push(`  Demo account: ${demo.email} / ${demo.password}`);
      lines.push('');
      process.stdout.write(`${lines.join('\n')}\n`);
      onSignals(runtime, async () => {
        await stopMaintenance();
        // Open event streams would hold server.close() until they end on their own: end them first.
        services.streams.endAll();
        await new Promise<void>((r) => server.close(() => r()));
      });
    });

  program
    .command('worker')
    .description('Process queue jobs (needs REDIS_URL for a separate worker process).')
    .option('-c, --concurrency <n>', 'jobs processed at once', (v) => Number.parseInt(v, 10), 2)
    .action(async (opts: { concurrency: number }) => {
      const config = loadConfig();
      if (!config.redisUrl) {
        throw new Error('dossier worker needs REDIS_URL; without it `dossier serve` runs jobs in-process');
      }
      const runtime = await bootRuntime(config);
      const warm = await warmUpPipeline({
        pipeline: runtime.services.pipeline,
        runs: config.workerWarmupRuns,
        logger: runtime.logger,
      });
      if (warm.runs > 0)
        runtime.logger.info({ runs: warm.runs, ms: Math.round(warm.ms) }, 'pipeline warmed up');
      const jobs = createJobs(runtime.services);
      runtime.services.queue.process(jobs, opts.concurrency);
      const stopMaintenance = scheduleMaintenance(runtime.services);
      runtime.logger.info({ concurrency: opts.concurrency, jobs: jobs.map((j) => j.id) }, 'worker started');
      onSignals(runtime, async () => stopMaintenance());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations (or revert with --down).')
    .option('--down', 'revert the most recent migration')
    .option('--status', 'list pending migrations and exit')
    .action(async (opts: { down?: boolean; status?: boolean }) => {
      const runtime = await bootRuntime(loadConfig());
      try {
        const orm = runtime.services.orm;
        if (opts.status) {
          const pending = await pendingMigrations(orm);
          process.stdout.write(pending.length ? `pending:\n  ${pending.join('\n  ')}\n` : 'up to date\n');
        } else if (opts.down) {
          const names = await migrateDown(orm);
          process.stdout.write(names.length ? `reverted: ${names.join(', ')}\n` : 'nothing to revert\n');
        } else {
          const names = await migrateUp(orm);
          process.stdout.write(names.length ? `applied: ${names.join(', ')}\n` : 'up to date\n');
        }
      } finally {
        await runtime.shutdown();
      }
    });

  program
    .command('seed')
    .description('Sync the skill taxonomy into the database and create the demo account and portfolio.')
    .action(async () => {
      const runtime = await bootRuntime(loadConfig());
      try {
        const { services } = runtime;
        await migrateUp(services.orm);
        const { total: n } = await syncSkills(services.orm.em.fork(), services.taxonomy);
        const demo = await seedDemo({ em: services.orm.em.fork(), services });
        process.stdout.write(
          `skills: ${n}\ndemo account: ${demo.email} / ${demo.password} (${demo.created ? 'created' : 'already present'})\n`,
        );
      } finally {
        await runtime.shutdown();
      }
    });
}
