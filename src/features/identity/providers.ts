// What a sign-in provider is: a small definition object (registry.ts lists them), and the profile it yields.
import type { IDToken, ServerMetadata, TokenEndpointResponse, UserInfoResponse } from 'openid-client';
import type { AuthProviderConfig, AuthProviderId } from '../../config/schema.js';

export type { AuthProviderConfig, AuthProviderId } from '../../config/schema.js';

/** What a provider tells us about the person, normalized. */
export interface ProviderProfile {
  /** The provider's stable id of the person (OIDC `sub`, Facebook/X/GitHub user id): never their e-mail. */
  readonly subject: string;
  /** Only an address the provider says it verified; null otherwise (an unverified one is never kept). */
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly displayName: string;
  /** The provider's picture, fetched once and stored locally; never shown from there. */
  readonly pictureUrl: string | null;
}

/** What `readProfile` is handed after a successful code exchange. */
export interface ProfileSource {
  /** The token response (kept in memory for this request only: provider tokens are never stored). */
  readonly tokens: TokenEndpointResponse;
  /** The ID token's validated claims (OIDC providers); undefined for OAuth 2 ones. */
  readonly idClaims: IDToken | undefined;
  /** OIDC: the UserInfo endpoint's answer, its `sub` checked against the ID token's. */
  userInfo(): Promise<UserInfoResponse>;
  /** GET `url` with the access token as a Bearer token; the parsed JSON body. Refuses non-2xx answers. */
  getJson(url: string | URL): Promise<unknown>;
}

interface ProviderBase {
  readonly id: AuthProviderId;
  /** The name on the icon and in "You are commenting using your {label} account". */
  label(settings: AuthProviderConfig): string;
  /** Scopes asked for: the least that yields id, name, verified e-mail and picture. */
  readonly scopes: readonly string[];
  /** How the client authenticates at the token endpoint (default client_secret_post). */
  readonly clientAuth?: 'client_secret_post' | 'client_secret_basic';
  /** Extra authorization request parameters (e.g. a prompt). */
  readonly authorizationParameters?: Readonly<Record<string, string>>;
  /** Turns what the provider returned into a profile; throws (any error) when it is unusable. */
  readProfile(source: ProfileSource, settings: AuthProviderConfig): Promise<ProviderProfile>;
}

/** OpenID Connect: configured by discovery of the issuer; ID token, nonce and JWKS checks apply. */
export interface OidcProviderDefinition extends ProviderBase {
  readonly kind: 'oidc';
  /** The issuer to discover: the override in the settings, or the provider's own. */
  issuer(settings: AuthProviderConfig): string;
}

/** Plain OAuth 2: static endpoints (each one overridable in the settings), no ID token. */
export interface OAuth2ProviderDefinition extends ProviderBase {
  readonly kind: 'oauth2';
  /** The authorization server's metadata: issuer, authorization_endpoint, token_endpoint, userinfo_endpoint. */
  serverMetadata(settings: AuthProviderConfig): ServerMetadata;
}

export type ProviderDefinition = OidcProviderDefinition | OAuth2ProviderDefinition;

/** A provider that is configured (its client id is set), with its settings. */
export interface EnabledProvider {
  readonly definition: ProviderDefinition;
  readonly settings: AuthProviderConfig;
  readonly label: string;
}
