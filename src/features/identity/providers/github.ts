// GitHub: OAuth 2 (an OAuth app), /user for id, name and picture and /user/emails for the primary verified address.
import type { AuthProviderConfig, OAuth2ProviderDefinition, ProviderProfile } from '../providers.js';
import { appendPath, displayNameOf, isJsonObject, pictureUrlOf, requireObject, subjectOf, verifiedEmailOf } from './profile-fields.js';

const API_USER = 'https://api.github.com/user';

/**
 * Where the e-mails are: the user URL with `/emails` appended to its path, so one override serves GitHub
 * Enterprise (https://ghe.example/api/v3/user → …/api/v3/user/emails) and the tests' local server alike.
 */
export function githubEmailsUrl(settings: Pick<AuthProviderConfig, 'userinfoUrl'>): string {
  return appendPath(settings.userinfoUrl ?? API_USER, 'emails');
}

/**
 * The primary address, and only when GitHub verified it. Other verified addresses (the noreply one every
 * account has, old ones) are not the person's chosen address, and an unverified primary is anyone's claim.
 */
export function primaryVerifiedEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const primary = emails.find((entry) => isJsonObject(entry) && entry.primary === true);
  return isJsonObject(primary) ? verifiedEmailOf(primary.email, primary.verified === true) : null;
}

/** `/user` (`id`, `login`, `name`, `avatar_url`) and `/user/emails` → profile. */
export function profileFromGitHub(user: unknown, emails: unknown): ProviderProfile {
  const json = requireObject(user, 'GitHub', 'a profile');
  const email = primaryVerifiedEmail(emails);
  return {
    subject: subjectOf(json.id, 'GitHub'),
    email,
    emailVerified: email !== null,
    displayName: displayNameOf('GitHub', json.name, json.login),
    pictureUrl: pictureUrlOf(json.avatar_url),
  };
}

export const githubProvider: OAuth2ProviderDefinition = {
  id: 'github',
  kind: 'oauth2',
  label: () => 'GitHub',
  scopes: ['read:user', 'user:email'],
  clientAuth: 'client_secret_post',
  serverMetadata: (settings) => ({
    issuer: 'https://github.com',
    authorization_endpoint: settings.authorizeUrl ?? 'https://github.com/login/oauth/authorize',
    token_endpoint: settings.tokenUrl ?? 'https://github.com/login/oauth/access_token',
    userinfo_endpoint: settings.userinfoUrl ?? API_USER,
  }),
  readProfile: async (source, settings) => {
    const user = await source.getJson(settings.userinfoUrl ?? API_USER);
    // Without user:email granted (the person may untick it), the list is refused: sign in without an e-mail then.
    const emails = await source.getJson(githubEmailsUrl(settings)).catch(() => []);
    return profileFromGitHub(user, emails);
  },
};
