// The install step: while no administrator exists, a one-time link lets the owner create one.
import { AppError } from '../../kernel/errors.js';
import type { TokensService } from '../tokens/index.js';
import type { User, UsersService } from '../users/index.js';

const PURPOSE = 'setup';
const LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface SetupInput {
  readonly email: string;
  readonly login?: string;
  readonly displayName?: string;
  readonly password: string;
}

export interface SetupService {
  /** A fresh setup token when the site has no administrator yet (older ones stop working); else undefined. */
  issueLinkIfNeeded(): Promise<string | undefined>;
  isLinkValid(token: string): Promise<boolean>;
  complete(token: string, input: SetupInput): Promise<User>;
}

export function setupLinkExpired(): AppError {
  return new AppError({
    code: 'SETUP_LINK_INVALID',
    kind: 'not_found',
    message: 'This setup link has expired or was already used. Restart Quire to print a new one, or run `npx quire user add`.',
  });
}

export function createSetupService(deps: { readonly users: UsersService; readonly tokens: TokensService }): SetupService {
  const { users, tokens } = deps;
  return {
    async issueLinkIfNeeded() {
      if (await users.hasAdministrator()) return undefined;
      await tokens.revokeUnused(PURPOSE);
      return tokens.issue(PURPOSE, 'administrator', LIFETIME_MS);
    },
    async isLinkValid(token) {
      return (await tokens.peek(PURPOSE, token)) !== undefined && !(await users.hasAdministrator());
    },
    async complete(token, input) {
      if (!(await this.isLinkValid(token))) throw setupLinkExpired();
      const admin = await users.create({ ...input, role: 'administrator' });
      await tokens.consume(PURPOSE, token);
      return admin;
    },
  };
}
