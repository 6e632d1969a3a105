// Reads the QUIRE_AUTH_* variables: which sign-in providers are enabled, their credentials and endpoints.
import { isLoopbackHost } from '../kernel/loopback.js';
import type { AuthProviderConfig, AuthProviderId, AuthProvidersConfig } from './schema.js';

type Text = (name: string) => string | undefined;

const OAUTH2: readonly (readonly [AuthProviderId, string])[] = [
  ['facebook', 'FACEBOOK'], ['x', 'X'], ['wordpress', 'WORDPRESS'], ['github', 'GITHUB'],
];

export const GOOGLE_ISSUER = 'https://accounts.google.com';

/**
 * The enabled providers (client id set). Endpoints must be https: an authorization code, a client secret and
 * tokens travel through them. Plain http is accepted only on loopback hosts (127.0.0.1, ::1, localhost), where
 * nothing crosses a network: the tests run real local providers (oidc-provider, small OAuth 2 servers) there.
 */
export function parseAuthProviders(text: Text, problems: string[]): AuthProvidersConfig {
  const providers: Partial<Record<AuthProviderId, AuthProviderConfig>> = {};
  const google = credentials(text, 'GOOGLE', problems, ['ISSUER']);
  if (google) providers.google = { ...google, issuer: url(text, 'QUIRE_AUTH_GOOGLE_ISSUER', problems) ?? GOOGLE_ISSUER };
  for (const [id, prefix] of OAUTH2) {
    const keys = ['AUTHORIZE_URL', 'TOKEN_URL', 'USERINFO_URL'];
    const found = credentials(text, prefix, problems, keys);
    if (!found) continue;
    const authorizeUrl = url(text, `QUIRE_AUTH_${prefix}_AUTHORIZE_URL`, problems);
    const tokenUrl = url(text, `QUIRE_AUTH_${prefix}_TOKEN_URL`, problems);
    const userinfoUrl = url(text, `QUIRE_AUTH_${prefix}_USERINFO_URL`, problems);
    providers[id] = {
      ...found,
      ...(authorizeUrl ? { authorizeUrl } : {}),
      ...(tokenUrl ? { tokenUrl } : {}),
      ...(userinfoUrl ? { userinfoUrl } : {}),
    };
  }
  const oidc = credentials(text, 'OIDC', problems, ['ISSUER', 'NAME']);
  if (oidc) {
    const issuer = url(text, 'QUIRE_AUTH_OIDC_ISSUER', problems);
    if (text('QUIRE_AUTH_OIDC_ISSUER') === undefined) {
      problems.push('QUIRE_AUTH_OIDC_ISSUER must be set with QUIRE_AUTH_OIDC_CLIENT_ID: the issuer URL of the OpenID Connect provider, like https://id.example.com/realms/blog.');
    }
    const name = text('QUIRE_AUTH_OIDC_NAME');
    if (name !== undefined && (name.length > 40 || /\p{Cc}/u.test(name))) {
      problems.push('QUIRE_AUTH_OIDC_NAME must be at most 40 characters, without control characters.');
    }
    if (issuer) providers.oidc = { ...oidc, issuer, ...(name !== undefined && name.length <= 40 ? { name } : {}) };
  }
  return Object.freeze(providers);
}

/** The client id and secret, both or neither; settings of a provider without a client id are a mistake. */
function credentials(text: Text, prefix: string, problems: string[], extras: readonly string[]): { clientId: string; clientSecret: string } | undefined {
  const idName = `QUIRE_AUTH_${prefix}_CLIENT_ID`;
  const secretName = `QUIRE_AUTH_${prefix}_CLIENT_SECRET`;
  const clientId = text(idName);
  const clientSecret = text(secretName);
  if (clientId === undefined) {
    const stray = [secretName, ...extras.map((key) => `QUIRE_AUTH_${prefix}_${key}`)].filter((name) => text(name) !== undefined);
    if (stray.length > 0) problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but ${idName} is not: set the client id to enable the provider, or remove the rest.`);
    return undefined;
  }
  if (clientSecret === undefined) {
    problems.push(`${secretName} must be set with ${idName}: the client secret the provider issued with the client id.`);
    return undefined;
  }
  return { clientId, clientSecret };
}

/** An https URL (http on loopback hosts only), without credentials or fragment; the trailing slash kept as given. */
function url(text: Text, name: string, problems: string[]): string | undefined {
  const value = text(name);
  if (value === undefined) return undefined;
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  const secure = parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  if (!parsed || !secure || parsed.hash || parsed.username || parsed.password) {
    problems.push(
      `${name} must be an https:// URL without user, password or fragment (http:// only on 127.0.0.1, ::1 or localhost, for local test servers), not "${value}".`,
    );
    return undefined;
  }
  return value;
}
