// `quire user app-password`: make an application password (HTTP Basic credentials for /wp-json) for an account.
import type { Command } from 'commander';
import { appPasswordErrors, chunkAppPassword } from '../features/app-passwords/index.js';
import { maskEmail } from '../features/users/index.js';
import { withApp } from './with-app.js';

interface AppPasswordOptions {
  email: string;
  name?: string;
}

/** The name when none is given: unique enough that running the command twice does not clash. */
function defaultName(now: Date): string {
  return `Command line ${now.toISOString().slice(0, 19).replace('T', ' ')}`;
}

export function registerAppPasswordCommand(user: Command): void {
  user
    .command('app-password')
    .description('Make an application password for an account (for the WordPress REST API at /wp-json). It is shown once, on the last line.')
    .requiredOption('--email <email>', 'e-mail address of the account')
    .option('--name <name>', 'what the password is for, e.g. the app that will use it (1–100 characters)')
    .action(async (options: AppPasswordOptions) => {
      const made = await withApp(async (app) => {
        const owner = await app.services.users.findByEmail(options.email.trim().toLowerCase());
        if (!owner) throw appPasswordErrors.userNotFound();
        const created = await app.services.appPasswords.create(owner.id, options.name ?? defaultName(new Date()));
        return { owner, created };
      });
      const { owner, created } = made;
      console.log(`Created application password "${created.appPassword.name}" for "${owner.login}" (${maskEmail(owner.email)}), uuid ${created.appPassword.uuid}.`);
      console.log('Copy it now: it is not shown again. Use it with the login or e-mail address (HTTP Basic); spaces are optional.');
      console.log(chunkAppPassword(created.password));
    });
}
