// `quire user add`: create an account from the command line.
import type { Command } from 'commander';
import { Option } from 'commander';
import { maskEmail, roles } from '../features/users/index.js';
import { registerAppPasswordCommand } from './app-password.js';
import { withApp } from './with-app.js';

interface UserAddOptions {
  email: string;
  role: string;
  password?: string;
  login?: string;
  name?: string;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage accounts.');
  user
    .command('add')
    .description('Create an account.')
    .requiredOption('--email <email>', 'e-mail address (also used to sign in)')
    .addOption(new Option('--role <role>', 'role').choices(roles).makeOptionMandatory())
    .option('--password <password>', 'password (8–256 characters); without it the person uses a reset link')
    .option('--login <login>', 'login shown in author URLs (default: the part of the e-mail before @)')
    .option('--name <name>', 'display name (default: the login)')
    .action(async (options: UserAddOptions) => {
      const created = await withApp((app) =>
        app.services.users.create({
          email: options.email,
          role: options.role,
          password: options.password,
          login: options.login,
          displayName: options.name,
        }),
      );
      console.log(`Created ${created.role} "${created.login}" (${maskEmail(created.email)}), id ${created.id}.`);
    });
  registerAppPasswordCommand(user);
}
