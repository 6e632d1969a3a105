// Facebook: OAuth 2 (Facebook Login's manual flow) and the Graph API's /me for id, name, e-mail and picture.
import type { AuthProviderConfig, OAuth2ProviderDefinition, ProviderProfile } from '../providers.js';
import { displayNameOf, isJsonObject, pictureUrlOf, requireObject, subjectOf, verifiedEmailOf } from './profile-fields.js';

const GRAPH_VERSION = 'v19.0';
/** The Graph fields a sign-in needs; a 96×96 picture is the size comments show at twice their 48 px. */
export const FACEBOOK_FIELDS = 'id,name,email,picture.width(96).height(96)';

/** The Graph /me URL with the fields asked for (the override, e.g. a local server, gets the same fields). */
export function facebookMeUrl(settings: Pick<AuthProviderConfig, 'userinfoUrl'>): string {
  const url = new URL(settings.userinfoUrl ?? `https://graph.facebook.com/${GRAPH_VERSION}/me`);
  url.searchParams.set('fields', FACEBOOK_FIELDS);
  return url.href;
}

/**
 * Graph /me → profile. Facebook only returns an e-mail it has confirmed, so one that is present counts as
 * verified; the default silhouette is no picture of the person, so it is not kept.
 */
export function profileFromFacebook(me: unknown): ProviderProfile {
  const json = requireObject(me, 'Facebook', 'a profile');
  const email = verifiedEmailOf(json.email, true);
  const picture = isJsonObject(json.picture) && isJsonObject(json.picture.data) ? json.picture.data : undefined;
  return {
    subject: subjectOf(json.id, 'Facebook'),
    email,
    emailVerified: email !== null,
    displayName: displayNameOf('Facebook', json.name, json.short_name),
    pictureUrl: picture && picture.is_silhouette !== true ? pictureUrlOf(picture.url) : null,
  };
}

export const facebookProvider: OAuth2ProviderDefinition = {
  id: 'facebook',
  kind: 'oauth2',
  label: () => 'Facebook',
  scopes: ['email', 'public_profile'],
  clientAuth: 'client_secret_post',
  serverMetadata: (settings) => ({
    issuer: 'https://www.facebook.com',
    authorization_endpoint: settings.authorizeUrl ?? `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
    token_endpoint: settings.tokenUrl ?? `https://graph.facebook.com/${GRAPH_VERSION}/oauth/access_token`,
    userinfo_endpoint: settings.userinfoUrl ?? `https://graph.facebook.com/${GRAPH_VERSION}/me`,
  }),
  readProfile: async (source, settings) => profileFromFacebook(await source.getJson(facebookMeUrl(settings))),
};
