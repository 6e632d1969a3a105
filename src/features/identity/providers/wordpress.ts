// WordPress.com: OAuth 2 with the `auth` scope (sign-in only, no access to the person's sites) and REST v1 /me.
import type { OAuth2ProviderDefinition, ProviderProfile } from '../providers.js';
import { displayNameOf, pictureUrlOf, requireObject, subjectOf, verifiedEmailOf } from './profile-fields.js';

/** `/rest/v1/me` → profile: `ID`, `display_name` (else `username`), `email` when `email_verified`, `avatar_URL`. */
export function profileFromWordPress(me: unknown): ProviderProfile {
  const json = requireObject(me, 'WordPress.com', 'a profile');
  const email = verifiedEmailOf(json.email, json.email_verified === true);
  return {
    subject: subjectOf(json.ID, 'WordPress.com'),
    email,
    emailVerified: email !== null,
    displayName: displayNameOf('WordPress.com', json.display_name, json.username),
    pictureUrl: pictureUrlOf(json.avatar_URL),
  };
}

export const wordpressProvider: OAuth2ProviderDefinition = {
  id: 'wordpress',
  kind: 'oauth2',
  label: () => 'WordPress.com',
  scopes: ['auth'],
  clientAuth: 'client_secret_post',
  serverMetadata: (settings) => ({
    issuer: 'https://public-api.wordpress.com',
    authorization_endpoint: settings.authorizeUrl ?? 'https://public-api.wordpress.com/oauth2/authorize',
    token_endpoint: settings.tokenUrl ?? 'https://public-api.wordpress.com/oauth2/token',
    userinfo_endpoint: settings.userinfoUrl ?? 'https://public-api.wordpress.com/rest/v1/me',
  }),
  readProfile: async (source, settings) => {
    const metadata = wordpressProvider.serverMetadata(settings);
    return profileFromWordPress(await source.getJson(metadata.userinfo_endpoint ?? ''));
  },
};
