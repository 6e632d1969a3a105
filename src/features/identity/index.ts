// Public surface of identities: signing in with providers (OAuth 2 / OIDC), linking and unlinking them.
import type { AuthProvidersConfig } from '../../config/schema.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { TokensService } from '../tokens/index.js';
import type { UsersService } from '../users/index.js';
import { createAuthTransactions } from './auth-transactions.js';
import { type AvatarStore, createAvatarStore } from './avatars.js';
import { type IdentityService, createIdentityService } from './identity.service.js';
import { createOAuthClients } from './oauth-client.js';
import { type StoredProvidersWatch, mergeProviderConfigs } from './provider-settings.js';
import type { EnabledProvider, ProviderDefinition } from './providers.js';
import { PROVIDERS, enabledProviders } from './registry.js';
import { type ProviderSignInService, createProviderSignInService } from './sign-in.service.js';

export { AUTH_TRANSACTION_LIFETIME_MS, AUTH_TRANSACTION_PURPOSE } from './auth-transactions.js';
export type { AuthTransaction } from './auth-transactions.js';
export { AVATAR_MAX_BYTES, AVATAR_TIMEOUT_MS, createAvatarStore } from './avatars.js';
export type { AvatarStore } from './avatars.js';
export { PLACEHOLDER_EMAIL_DOMAIN, isPlaceholderEmail } from './identity.js';
export type { Identity } from './identity.js';
export { identityErrors } from './identity.errors.js';
export { createIdentityService } from './identity.service.js';
export type { IdentityService, SignInOptions, SignedInIdentity } from './identity.service.js';
export { PROVIDERS, enabledProviders } from './registry.js';
export { configFromStored, mergeProviderConfigs, watchStoredProviders } from './provider-settings.js';
export type { StoredProvidersWatch } from './provider-settings.js';
export { checkProvider } from './provider-check.js';
export type { ProviderCheck } from './provider-check.js';
export type {
  AuthProviderId, EnabledProvider, OAuth2ProviderDefinition, OidcProviderDefinition, ProfileSource, ProviderDefinition, ProviderProfile,
} from './providers.js';
export { profileFromClaims } from './providers/oidc-claims.js';
export { redirectUriOf } from './sign-in.service.js';
export type { BeginSignIn, CompletedSignIn, ProviderSignInService } from './sign-in.service.js';

export interface IdentityFeatureDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly users: Pick<UsersService, 'findById'>;
  readonly usersWithin: (tx: Db) => Pick<UsersService, 'create'>;
  readonly tokens: Pick<TokensService, 'issue' | 'peek' | 'consume'>;
  /** Pictures are kept in `${dataDir}/avatars`. */
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly authProviders: AuthProvidersConfig;
  /** The known providers (default: all of PROVIDERS); tests may add their own. */
  readonly registry?: readonly ProviderDefinition[];
  /** Providers set up in the admin (Settings → Sign-in); the environment's `authProviders` win over them. */
  readonly storedProviders?: StoredProvidersWatch;
}

export interface IdentityFeature {
  readonly identities: IdentityService;
  readonly signIn: ProviderSignInService;
  readonly avatars: AvatarStore;
}

const NO_PROVIDERS: AuthProvidersConfig = Object.freeze({});

/** Builds the identity services together: they share the avatar store and the enabled providers. */
export function createIdentityFeature(deps: IdentityFeatureDeps): IdentityFeature {
  const avatars = createAvatarStore({ dir: `${deps.dataDir}/avatars` });
  const identities = createIdentityService({ db: deps.db, clock: deps.clock, users: deps.users, usersWithin: deps.usersWithin, avatars });
  // Rebuilt only when the stored providers' snapshot changes (a new object each time they are read).
  let built: { stored: AuthProvidersConfig; providers: EnabledProvider[] } | undefined;
  const providers = () => {
    const stored = deps.storedProviders?.current() ?? NO_PROVIDERS;
    if (built?.stored !== stored) built = { stored, providers: enabledProviders(mergeProviderConfigs(deps.authProviders, stored), deps.registry ?? PROVIDERS) };
    return built.providers;
  };
  const signIn = createProviderSignInService({
    providers,
    clients: createOAuthClients({ clock: deps.clock }),
    transactions: createAuthTransactions({ tokens: deps.tokens, clock: deps.clock }),
    identities,
    publicUrl: deps.publicUrl,
  });
  return { identities, signIn, avatars };
}
