// X (Twitter): OAuth 2 with PKCE (required by X) and HTTP Basic client authentication; /2/users/me for id, name and picture (X gives no e-mail).
import type { AuthProviderConfig, OAuth2ProviderDefinition, ProviderProfile } from '../providers.js';
import { displayNameOf, pictureUrlOf, requireObject, subjectOf } from './profile-fields.js';

/** /2/users/me with the picture asked for (X leaves it out otherwise). */
export function xMeUrl(settings: Pick<AuthProviderConfig, 'userinfoUrl'>): string {
  const url = new URL(settings.userinfoUrl ?? 'https://api.x.com/2/users/me');
  url.searchParams.set('user.fields', 'profile_image_url');
  return url.href;
}

/** X's `_normal` pictures are 48×48; the 200×200 variant of the same image stays sharp at twice that. */
function largerPicture(url: string | null): string | null {
  if (url === null) return null;
  const parsed = new URL(url);
  if (parsed.hostname !== 'pbs.twimg.com') return url;
  parsed.pathname = parsed.pathname.replace(/_normal(\.\w+)$/, '_200x200$1');
  return parsed.href;
}

/** `{ data: { id, name, username, profile_image_url } }` → profile; never an e-mail. */
export function profileFromX(answer: unknown): ProviderProfile {
  const data = requireObject(requireObject(answer, 'X', 'a profile').data, 'X', 'a profile in "data"');
  return {
    subject: subjectOf(data.id, 'X'),
    email: null,
    emailVerified: false,
    displayName: displayNameOf('X', data.name, data.username),
    pictureUrl: largerPicture(pictureUrlOf(data.profile_image_url)),
  };
}

export const xProvider: OAuth2ProviderDefinition = {
  id: 'x',
  kind: 'oauth2',
  label: () => 'X',
  // users.read alone is refused by /2/users/me: X wants tweet.read with it.
  scopes: ['users.read', 'tweet.read'],
  clientAuth: 'client_secret_basic',
  serverMetadata: (settings) => ({
    issuer: 'https://x.com',
    authorization_endpoint: settings.authorizeUrl ?? 'https://x.com/i/oauth2/authorize',
    token_endpoint: settings.tokenUrl ?? 'https://api.x.com/2/oauth2/token',
    userinfo_endpoint: settings.userinfoUrl ?? 'https://api.x.com/2/users/me',
  }),
  readProfile: async (source, settings) => profileFromX(await source.getJson(xMeUrl(settings))),
};
