// Any OpenID Connect issuer (Keycloak, Auth0, Authentik…) by discovery of QUIRE_AUTH_OIDC_ISSUER.
import type { OidcProviderDefinition } from '../providers.js';
import { readOidcProfile } from './oidc-claims.js';

export const oidcProvider: OidcProviderDefinition = {
  id: 'oidc',
  kind: 'oidc',
  // Without QUIRE_AUTH_OIDC_NAME the issuer's host names it: better than a generic word on the icon.
  label: (settings) => settings.name ?? (settings.issuer && URL.canParse(settings.issuer) ? new URL(settings.issuer).hostname : 'OpenID Connect'),
  scopes: ['openid', 'email', 'profile'],
  issuer: (settings) => {
    if (!settings.issuer) throw new Error('The generic OpenID Connect provider has no issuer configured.');
    return settings.issuer;
  },
  readProfile: (source) => readOidcProfile(source),
};
