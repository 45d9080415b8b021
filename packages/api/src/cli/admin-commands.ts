import type { Command } from 'commander';
import { createApiKey } from '../commands/manage-api-keys.js';
import { registerUser } from '../commands/register-user.js';
import { setPassword } from '../commands/update-account.js';
import { loadConfig } from '../config/load-config.js';
import { User } from '../db/entities/index.js';
import { ZChangePassword } from '../routes/account/schema.js';
import { ZRegister } from '../routes/auth/schema.js';
import { bootRuntime } from '../runtime/boot-runtime.js';

export function registerAdminCommands(program: Command) {
  const user = program.command('user').description('Manage user accounts.');
  user
    .command('create')
    .description('Create a user account.')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .option('--password <password>', 'password (at least 10 characters); or set DOSSIER_PASSWORD')
    .option('--name <name>', 'display name')
    .option('--admin', 'give the account the admin role')
    .action(async (opts: { email: string; password?: string; name?: string; admin?: boolean }) => {
      const parsed = ZRegister.safeParse({
        email: opts.email,
        password: opts.password ?? process.env.DOSSIER_PASSWORD ?? '',
        ...(opts.name ? { name: opts.name } : {}),
      });
      if (!parsed.success) {
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      const runtime = await bootRuntime(loadConfig());
      try {
        const session = await registerUser({
          em: runtime.services.orm.em.fork(),
          services: runtime.services,
          ...parsed.data,
          role: opts.admin ? 'admin' : 'user',
        });
        process.stdout.write(`created ${session.user.role} ${session.user.email} (${session.user.id})\n`);
      } finally {
        await runtime.shutdown();
      }
    });

  user
    .command('set-password')
    .description(
      'Set a new password for an account (for one who lost it) and sign it out everywhere; the password comes from --password or DOSSIER_PASSWORD.',
    )
    .requiredOption('--email <email>', 'the account')
    .option('--password <password>', 'the new password (at least 10 characters); or set DOSSIER_PASSWORD')
    .action(async (opts: { email: string; password?: string }) => {
      const parsed = ZChangePassword.shape.newPassword.safeParse(
        opts.password ?? process.env.DOSSIER_PASSWORD ?? '',
      );
      if (!parsed.success) throw new Error(`password: ${parsed.error.issues[0]!.message}`);
      const runtime = await bootRuntime(loadConfig());
      try {
        const em = runtime.services.orm.em.fork();
        const account = await em.findOne(User, { email: opts.email.trim().toLowerCase() });
        if (!account) throw new Error(`no user with e-mail ${opts.email}`);
        const ended = await setPassword({
          em,
          services: runtime.services,
          user: account,
          newPassword: parsed.data,
          actorId: null,
        });
        process.stdout.write(`password set for ${account.email}; sessions ended: ${ended}\n`);
      } finally {
        await runtime.shutdown();
      }
    });

  const apikey = program.command('apikey').description('Manage API keys.');
  apikey
    .command('create')
    .description('Create an API key for a user; the key is printed once.')
    .requiredOption('--email <email>', 'the owner')
    .option('--name <name>', 'a name to tell keys apart', 'cli')
    .action(async (opts: { email: string; name: string }) => {
      const runtime = await bootRuntime(loadConfig());
      try {
        const em = runtime.services.orm.em.fork();
        const owner = await em.findOne(User, { email: opts.email.trim().toLowerCase() });
        if (!owner) throw new Error(`no user with e-mail ${opts.email}`);
        const key = await createApiKey({ em, ownerId: owner.id, name: opts.name });
        process.stdout.write(`${key.key}\n`);
      } finally {
        await runtime.shutdown();
      }
    });
}
