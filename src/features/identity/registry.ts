// The one list of sign-in providers (add a provider: one file in providers/ and one entry here), and which are on.
import type { AuthProvidersConfig } from '../../config/schema.js';
import type { EnabledProvider, ProviderDefinition } from './providers.js';
import { facebookProvider } from './providers/facebook.js';
import { githubProvider } from './providers/github.js';
import { googleProvider } from './providers/google.js';
import { oidcProvider } from './providers/oidc.js';
import { wordpressProvider } from './providers/wordpress.js';
import { xProvider } from './providers/x.js';

/** Every provider Quire knows. The OAuth 2 ones (facebook, x, wordpress, github) each add one file and one entry. */
export const PROVIDERS: readonly ProviderDefinition[] = [
  googleProvider,
  facebookProvider,
  xProvider,
  wordpressProvider,
  githubProvider,
  oidcProvider,
];

/** The providers the configuration enables, in the registry's order (the order of the icons). */
export function enabledProviders(config: AuthProvidersConfig, registry: readonly ProviderDefinition[] = PROVIDERS): EnabledProvider[] {
  return registry.flatMap((definition) => {
    const settings = config[definition.id];
    return settings ? [{ definition, settings, label: definition.label(settings) }] : [];
  });
}
