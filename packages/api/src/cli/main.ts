import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load-config.js';
import { registerLinksCommands } from './links-commands.js';

const program = new Command()
  .name('dossier')
  .description(
    'Dossier: evidence-linked portfolios and tailored CVs.\nConfiguration comes from the environment (see README).',
  )
  .showHelpAfterError()
  .exitOverride();

// `dossier links` needs no database, queue or pipeline: loading only its module keeps it quick to start and
// small in memory. Every other invocation (help included) registers all commands.
if (process.argv[2] !== 'links') {
  const [{ registerServerCommands }, { registerAdminCommands }, { registerPipelineCommands }] =
    await Promise.all([
      import('./server-commands.js'),
      import('./admin-commands.js'),
      import('./pipeline-commands.js'),
    ]);
  registerServerCommands(program);
  registerAdminCommands(program);
  registerPipelineCommands(program);
}
registerLinksCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors exit 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  if (err instanceof ConfigError) {
    console.error(`dossier: ${err.message}`);
    process.exit(2);
  }
  console.error(`dossier: ${(err as Error).message ?? err}`);
  process.exit(1);
}
