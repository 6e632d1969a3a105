// The account settings page's view model: which identities show, how each is named, which may be unlinked.
import type { AccountIdentity } from '../../features/accounts/index.js';
import { isPlaceholderEmail } from '../../features/identity/index.js';
import type { User } from '../../features/users/index.js';
import type { AccountSettingsVM, LinkableProviderVM, PasskeysSectionVM } from '../../../themes/default/index.js';
import { ACCOUNT_PATHS } from './page.js';

/** Names of providers no longer enabled (their identities still show); an enabled one's own label comes first. */
const FALLBACK_LABELS: Readonly<Record<string, string>> = {
  google: 'Google', facebook: 'Facebook', x: 'X', wordpress: 'WordPress.com', github: 'GitHub', oidc: 'OpenID Connect',
};

/**
 * How an identity is named: "The Offcut account" for ours; an enabled provider's label (the generic OIDC provider's
 * is QUIRE_AUTH_OIDC_NAME); a fixed name for a provider switched off since.
 */
export function identityLabel(provider: string, siteTitle: string, enabledLabels: ReadonlyMap<string, string> = new Map()): string {
  if (provider === 'site') return `${siteTitle} account`;
  return enabledLabels.get(provider) ?? FALLBACK_LABELS[provider] ?? provider;
}

/**
 * The address to show as the account's: its own, unless that is the placeholder a provider sign-in made
 * (`…@identity.invalid`, which reaches nobody); then the address a provider verified (the identity signed in with
 * first), or none.
 */
export function shownEmailOf(user: User, identities: readonly AccountIdentity[], currentIdentityId: number | undefined): string | null {
  if (!isPlaceholderEmail(user.email)) return user.email;
  const current = identities.find((identity) => identity.id === currentIdentityId);
  return current?.email ?? identities.find((identity) => identity.email !== null)?.email ?? null;
}

export interface SettingsState {
  readonly user: User;
  readonly identities: readonly AccountIdentity[];
  /** The identity this browser's session was started with. */
  readonly currentIdentityId: number | undefined;
  readonly siteTitle: string;
  /** The enabled providers' labels by id. */
  readonly providerLabels?: ReadonlyMap<string, string>;
  readonly csrfToken: string;
  readonly notice: string | null;
  /** The display name as typed (kept when refused) and what was wrong with it. */
  readonly displayName: string;
  readonly displayNameError?: string;
  readonly identitiesError?: string;
  /** Providers that could be linked (the identity feature's routes); none until it offers them. */
  readonly linkable: readonly LinkableProviderVM[];
  readonly passkeys?: PasskeysSectionVM;
}

export function presentAccountSettings(state: SettingsState): AccountSettingsVM {
  const canUnlink = state.identities.length > 1;
  const email = shownEmailOf(state.user, state.identities, state.currentIdentityId);
  return {
    heading: 'Your account',
    notice: state.notice,
    csrfToken: state.csrfToken,
    profile: {
      action: ACCOUNT_PATHS.settings,
      field: {
        name: 'display_name', label: 'Display name', type: 'text', value: state.displayName, autocomplete: 'nickname', required: true,
        hint: `Shown with your comments. ${email === null ? 'Your account has no e-mail address.' : `Signed in as ${email}.`}`,
        error: state.displayNameError,
      },
      errorSummary: state.displayNameError ? 'Please correct the following:' : null,
    },
    identities: {
      rows: state.identities.map((identity) => ({
        label: identityLabel(identity.provider, state.siteTitle, state.providerLabels),
        detail: identity.email ? `${identity.displayName} · ${identity.email}` : identity.displayName,
        current: identity.id === state.currentIdentityId,
        unlinkAction: canUnlink ? `${ACCOUNT_PATHS.identities}/${identity.id}/unlink` : null,
      })),
      note: canUnlink ? null : 'This is your only way to sign in, so it cannot be unlinked.',
      error: state.identitiesError ?? null,
      linkable: state.linkable,
    },
    ...(state.passkeys ? { passkeys: state.passkeys } : {}),
    logout: { action: ACCOUNT_PATHS.logout, returnTo: '/' },
  };
}
