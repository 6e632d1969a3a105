// Sign-in providers set up in the admin (the `authProviders` site setting) beside those of the server environment
// (QUIRE_AUTH_*, which win): the providers in force, kept as a snapshot refreshed whenever the settings change, so
// the sign-in routes and the comment form read them without waiting.
import type { AuthProviderConfig, AuthProviderId, AuthProvidersConfig } from '../../config/schema.js';
import type { ChangeBus } from '../../kernel/events.js';
import type { SettingsService, StoredAuthProviders } from '../settings/index.js';

/** The enabled stored providers as configuration (Google's issuer is its own; OAuth 2 endpoints are the providers'). */
export function configFromStored(stored: StoredAuthProviders): AuthProvidersConfig {
  const result: Partial<Record<AuthProviderId, AuthProviderConfig>> = {};
  for (const [id, p] of Object.entries(stored) as [AuthProviderId, NonNullable<StoredAuthProviders[AuthProviderId]>][]) {
    if (!p.enabled || !p.clientId || !p.clientSecret) continue;
    if (id === 'oidc' && !p.issuer) continue;
    result[id] = {
      clientId: p.clientId, clientSecret: p.clientSecret,
      ...(id === 'oidc' && p.issuer ? { issuer: p.issuer } : {}),
      ...(id === 'oidc' && p.name ? { name: p.name } : {}),
    };
  }
  return Object.freeze(result);
}

/** The providers in force: the environment's, and the settings' for the providers the environment leaves alone. */
export function mergeProviderConfigs(environment: AuthProvidersConfig, stored: AuthProvidersConfig): AuthProvidersConfig {
  return Object.freeze({ ...stored, ...environment });
}

export interface StoredProvidersWatch {
  /** The stored providers as last read (empty until the first read). */
  current(): AuthProvidersConfig;
}

/**
 * Reads the stored providers now and after every settings change (in this process or, through the bus, another).
 * A failed read keeps the last snapshot: sign-in goes on with what it had.
 */
export function watchStoredProviders(deps: { readonly settings: Pick<SettingsService, 'get'>; readonly events: ChangeBus }): StoredProvidersWatch {
  let snapshot: AuthProvidersConfig = Object.freeze({});
  const refresh = () => {
    deps.settings.get().then((s) => {
      snapshot = configFromStored(s.authProviders);
    }, () => {});
  };
  deps.events.subscribe((event) => {
    if (event.type === 'settings') refresh();
  });
  refresh();
  return { current: () => snapshot };
}
