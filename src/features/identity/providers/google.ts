// Google: OpenID Connect by discovery of https://accounts.google.com (or QUIRE_AUTH_GOOGLE_ISSUER).
import { GOOGLE_ISSUER } from '../../../config/auth-providers.js';
import type { OidcProviderDefinition } from '../providers.js';
import { readOidcProfile } from './oidc-claims.js';

export const googleProvider: OidcProviderDefinition = {
  id: 'google',
  kind: 'oidc',
  label: () => 'Google',
  scopes: ['openid', 'email', 'profile'],
  issuer: (settings) => settings.issuer ?? GOOGLE_ISSUER,
  readProfile: (source) => readOidcProfile(source),
};
