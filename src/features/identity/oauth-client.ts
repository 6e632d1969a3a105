// openid-client Configurations for the enabled providers: OIDC ones discovered (and remembered for an hour),
// OAuth 2 ones from static metadata; http allowed only for loopback endpoints; ID tokens judged by our clock.
import * as client from 'openid-client';
import type { Clock } from '../../kernel/clock.js';
import { isLoopbackHttp } from '../../kernel/loopback.js';
import type { EnabledProvider } from './providers.js';

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** Seconds a request to a provider may take: a reader is waiting on the other end. */
const REQUEST_TIMEOUT_S = 10;

export interface OAuthClients {
  /** A Configuration for one sign-in (made fresh: the clock skew is read now); discovery is cached. */
  configurationOf(provider: EnabledProvider): Promise<client.Configuration>;
  /** Keeps the provider's keys (JWKS) fetched during a sign-in for the next ones. */
  remember(provider: EnabledProvider, configuration: client.Configuration): void;
  /** True when the provider's endpoints are plain http on this machine (a local test provider). */
  isLocal(provider: EnabledProvider): Promise<boolean>;
}

interface Discovered {
  readonly metadata: client.ServerMetadata;
  readonly at: number;
}

/** What discovery and keys are kept under: the provider and, for OIDC ones, its issuer. */
const cacheKeyOf = ({ definition, settings }: EnabledProvider) => (definition.kind === 'oidc' ? `${definition.id} ${definition.issuer(settings)}` : definition.id);

const ENDPOINTS = ['issuer', 'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const;

export function createOAuthClients(deps: { readonly clock: Clock }): OAuthClients {
  const discovered = new Map<string, Discovered>();
  const jwks = new Map<string, client.ExportedJWKSCache>();

  async function metadataOf(provider: EnabledProvider): Promise<client.ServerMetadata> {
    const { definition, settings } = provider;
    if (definition.kind === 'oauth2') return definition.serverMetadata(settings);
    // By issuer too: the admin may point the provider at another one (Settings → Sign-in).
    const key = cacheKeyOf(provider);
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
    const issuer = new URL(definition.issuer(settings));
    const found = await client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [],
      timeout: REQUEST_TIMEOUT_S,
    });
    // A plain copy: the helpers openid-client adds are functions, which a Configuration cannot clone.
    const metadata = JSON.parse(JSON.stringify(found.serverMetadata())) as client.ServerMetadata;
    discovered.set(key, { metadata, at: Date.now() });
    return metadata;
  }

  /** http is tolerated only when every endpoint is on loopback; one remote http endpoint refuses the lot. */
  function needsInsecure(metadata: client.ServerMetadata): boolean {
    const urls = ENDPOINTS.map((key) => metadata[key]).filter((value): value is string => typeof value === 'string');
    const plain = urls.filter((url) => url.startsWith('http:'));
    if (plain.length === 0) return false;
    if (!plain.every((url) => isLoopbackHttp(url))) throw new Error('The provider names a plain-http endpoint off this machine.');
    return true;
  }

  return {
    async configurationOf(provider) {
      const { definition, settings } = provider;
      const metadata = await metadataOf(provider);
      const methods = metadata.token_endpoint_auth_methods_supported;
      const basic = definition.clientAuth === 'client_secret_basic'
        || (definition.clientAuth === undefined && methods !== undefined && !methods.includes('client_secret_post') && methods.includes('client_secret_basic'));
      const configuration = new client.Configuration(
        metadata,
        settings.clientId,
        // The ID token's expiry and issue time are judged by the app's clock (the one tests move).
        { client_secret: settings.clientSecret, [client.clockSkew]: Math.round((deps.clock.now().getTime() - Date.now()) / 1000) },
        basic ? client.ClientSecretBasic(settings.clientSecret) : client.ClientSecretPost(settings.clientSecret),
      );
      configuration.timeout = REQUEST_TIMEOUT_S;
      if (needsInsecure(metadata)) client.allowInsecureRequests(configuration);
      const keys = jwks.get(cacheKeyOf(provider));
      if (keys) client.setJwksCache(configuration, keys);
      return configuration;
    },
    remember(provider, configuration) {
      const keys = client.getJwksCache(configuration);
      if (keys) jwks.set(cacheKeyOf(provider), keys);
    },
    async isLocal(provider) {
      return needsInsecure(await metadataOf(provider));
    },
  };
}
