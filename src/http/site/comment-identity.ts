// Who is commenting (the session's account and the identity it was signed in with), how the form names them,
// and the ways to sign in the form offers (the enabled providers, the site account, a mailed link).
import type { FastifyRequest } from 'fastify';
import { SITE_PROVIDER } from '../../features/accounts/index.js';
import { type Identity, isPlaceholderEmail } from '../../features/identity/index.js';
import type { User } from '../../features/users/index.js';
import type { SignInOptionVM } from '../../../themes/view-models.js';
import { currentSignIn } from '../auth/current-user.js';
import type { Services } from '../deps.js';
import type { SignedInCommenter } from './comment-form.present.js';

/** The accounts surface's pages a reader signs in on (paths only: one surface does not import another). */
const ACCOUNT_LOGIN_PATH = '/account/login';
const EMAIL_LINK_PATH = '/account/email-link';

/** "logged in" when the discussion settings require it: the account's sign-in page, back to the form. */
export function accountSignInHref(permalink: string): string {
  return `${ACCOUNT_LOGIN_PATH}?return_to=${encodeURIComponent(`${permalink}#respond`)}`;
}

/** Names of providers whose icon is gone (their client id was removed) while identities made with them remain. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  google: 'Google', facebook: 'Facebook', x: 'X', wordpress: 'WordPress.com', github: 'GitHub', oidc: 'OpenID Connect',
};

// Pictures stored at sign-in are served from /avatars/<sha256>.<ext>; nothing else is shown as one.
const LOCAL_AVATAR = /^\/avatars\/[A-Za-z0-9_.-]+$/;

export interface Commenter {
  readonly user: User;
  /** The identity the session was started with, while it still belongs to the account; undefined otherwise. */
  readonly identity: Identity | undefined;
}

type CommenterServices = Pick<Services, 'sessions' | 'users' | 'identities'>;

/** The signed-in reader and their identity; undefined for anonymous browsers and ended sessions. */
export async function commenterOf(request: FastifyRequest, services: CommenterServices): Promise<Commenter | undefined> {
  const signedIn = await currentSignIn(request, services);
  if (!signedIn) return undefined;
  const { user, identityId } = signedIn;
  const identity = identityId === undefined ? undefined : await services.identities.findById(identityId);
  // Unlinked since (or another account's): the session still signs in the account, but no longer as that identity.
  return { user, identity: identity && identity.userId === user.id ? identity : undefined };
}

/** The e-mail a signed-in comment carries: the identity's verified one, else the account's (never a placeholder). */
export function commenterEmailOf(commenter: Commenter): string {
  const { user, identity } = commenter;
  return identity?.email ?? (isPlaceholderEmail(user.email) ? '' : user.email);
}

/** "Google", "Keycloak" (QUIRE_AUTH_OIDC_NAME), or the site's title for its own accounts (password, link, passkey). */
export function accountLabelOf(services: Pick<Services, 'providerSignIn'>, identity: Identity | undefined, siteTitle: string): string {
  if (!identity || identity.provider === SITE_PROVIDER) return siteTitle;
  return services.providerSignIn.find(identity.provider)?.label ?? PROVIDER_NAMES[identity.provider] ?? identity.provider;
}

/** The reader as the identity block shows them: the identity's name and local picture, else the account's name. */
export function signedInCommenterOf(services: Pick<Services, 'providerSignIn'>, commenter: Commenter, siteTitle: string): SignedInCommenter {
  const { user, identity } = commenter;
  const avatarUrl = identity?.avatarUrl ?? null;
  return {
    name: identity?.displayName || user.displayName,
    email: commenterEmailOf(commenter),
    account: accountLabelOf(services, identity, siteTitle),
    avatarUrl: avatarUrl !== null && LOCAL_AVATAR.test(avatarUrl) ? avatarUrl : null,
  };
}

/**
 * The icons, in the order of the providers' registry, then the site's own ways. Provider sign-ins come back to the
 * post (`/auth/<id>/start` lands on its #respond); the account pages return to the form itself.
 */
export function signInOptionsOf(services: Pick<Services, 'providerSignIn'>, permalink: string, siteTitle: string): SignInOptionVM[] {
  const back = encodeURIComponent(permalink);
  const backToForm = encodeURIComponent(`${permalink}#respond`);
  const providers = services.providerSignIn.providers.map((provider): SignInOptionVM => ({
    id: provider.definition.id,
    label: provider.label,
    name: `Log in with ${provider.label}`,
    href: `/auth/${provider.definition.id}/start?return_to=${back}`,
    flow: 'popup',
  }));
  return [
    ...providers,
    { id: 'site', label: 'Account', name: `Log in with your ${siteTitle} account`, href: `${ACCOUNT_LOGIN_PATH}?return_to=${backToForm}`, flow: 'page' },
    { id: 'email', label: 'E-mail link', name: 'Log in with an e-mail link', href: `${EMAIL_LINK_PATH}?return_to=${backToForm}`, flow: 'page' },
  ];
}
