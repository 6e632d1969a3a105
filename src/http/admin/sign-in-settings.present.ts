// Settings → Sign-in as a form: one section per provider — enabled, client ID, a write-only client secret, the issuer
// of the generic OpenID Connect one — or, for a provider the server environment configures, what it says, read-only.
import type { AuthProviderConfig, AuthProvidersConfig } from '../../config/schema.js';
import { PROVIDERS, redirectUriOf } from '../../features/identity/index.js';
import type { AuthProviderId } from '../../features/identity/index.js';
import type { SiteSettings, StoredAuthProvider } from '../../features/settings/index.js';
import type { SiteFieldVM, SiteSettingsSectionVM } from '../../../themes/default/index.js';
import type { FieldErrors, ScreenExtra, Typed } from './general.route.js';
import { ADMIN_PATHS } from './present.js';

export const SIGN_IN_TEST_PATH = `${ADMIN_PATHS.signIn}/test`;

const NAMES: Readonly<Record<AuthProviderId, string>> = {
  google: 'Google', facebook: 'Facebook', x: 'X (Twitter)', wordpress: 'WordPress.com', github: 'GitHub', oidc: 'OpenID Connect',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isTicked = (raw: unknown) => [raw].flat().includes('1');

/** https, or plain http on this machine (local providers); the settings check it again. */
const isIssuerUrl = (value: string) => URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol);

/** The providers the admin may set up: every known one the environment leaves alone. */
export const editableIds = (environment: AuthProvidersConfig) => PROVIDERS.map((p) => p.id).filter((id) => !environment[id]);

/** One provider's values as typed (never its secret: a refused form shows the secret box empty again). */
function readProvider(body: Readonly<Record<string, unknown>>, id: AuthProviderId, stored: StoredAuthProvider | undefined) {
  const typed: Record<string, string | boolean> = {
    [`${id}Enabled`]: isTicked(body[`${id}Enabled`]), [`${id}ClientId`]: text(body[`${id}ClientId`]).trim(),
  };
  const secret = text(body[`${id}ClientSecret`]);
  const errors: Record<string, string> = {};
  const enabled = typed[`${id}Enabled`] === true;
  const clientId = String(typed[`${id}ClientId`]);
  const clientSecret = secret === '' ? (stored?.clientSecret ?? '') : secret;
  if (clientId.length > 500) errors[`${id}ClientId`] = 'A client ID is at most 500 characters.';
  else if (enabled && !clientId) errors[`${id}ClientId`] = 'Enter the client ID the provider gave this site.';
  if (secret.length > 2000) errors[`${id}ClientSecret`] = 'A client secret is at most 2,000 characters.';
  else if (enabled && !clientSecret) errors[`${id}ClientSecret`] = 'Enter the client secret the provider gave with the client ID.';
  const provider: { -readonly [K in keyof StoredAuthProvider]: StoredAuthProvider[K] } = { enabled, clientId, clientSecret };
  if (id === 'oidc') {
    const issuer = (typed.oidcIssuer = text(body.oidcIssuer).trim());
    const name = (typed.oidcName = text(body.oidcName).trim());
    if (issuer && (!isIssuerUrl(issuer) || issuer.length > 500)) errors.oidcIssuer = 'The issuer is an https:// URL, like https://id.example.com/realms/blog.';
    else if (enabled && !issuer) errors.oidcIssuer = 'Enter the issuer URL of the OpenID Connect provider.';
    if (name.length > 40 || /\p{Cc}/u.test(name)) errors.oidcName = 'A name is at most 40 characters.';
    if (issuer) provider.issuer = issuer;
    if (name) provider.name = name;
  }
  return { typed, provider, errors };
}

export function readSignInForm(body: Readonly<Record<string, unknown>>, current: SiteSettings, environment: AuthProvidersConfig) {
  const typed: Record<string, string | boolean> = {};
  const errors: Record<string, string> = {};
  // Providers of the environment keep whatever was stored for them: they show again if the environment lets go.
  const providers: Record<string, StoredAuthProvider> = { ...current.authProviders };
  for (const id of editableIds(environment)) {
    const read = readProvider(body, id, current.authProviders[id]);
    Object.assign(typed, read.typed);
    Object.assign(errors, read.errors);
    providers[id] = read.provider;
  }
  return { typed, change: { authProviders: providers }, errors, providers };
}

/** What a provider's Test checks: the environment's settings, or those typed on the screen. */
export function testSettingsOf(id: AuthProviderId, environment: AuthProvidersConfig, typed: StoredAuthProvider | undefined): AuthProviderConfig {
  return environment[id] ?? { clientId: typed?.clientId ?? '', clientSecret: '', ...(typed?.issuer ? { issuer: typed.issuer } : {}) };
}

function editableFields(id: AuthProviderId, stored: StoredAuthProvider | undefined, typed: Typed | null, errors: FieldErrors): SiteFieldVM[] {
  const value = (key: string, fallback: string) => (typed ? String(typed[key] ?? '') : fallback);
  const fields: SiteFieldVM[] = [
    {
      control: 'checkbox', name: `${id}Enabled`, label: `Enable sign-in with ${NAMES[id]}`,
      checked: typed ? typed[`${id}Enabled`] === true : stored?.enabled === true, error: errors[`${id}Enabled`],
    },
    { control: 'text', name: `${id}ClientId`, label: 'Client ID', value: value(`${id}ClientId`, stored?.clientId ?? ''), error: errors[`${id}ClientId`] },
    {
      control: 'secret', name: `${id}ClientSecret`, label: 'Client secret', error: errors[`${id}ClientSecret`],
      hint: stored?.clientSecret ? 'A secret is saved; it is never shown. Leave empty to keep it.' : 'Write-only: once saved, it is never shown again.',
    },
  ];
  if (id === 'oidc') {
    fields.push(
      { control: 'text', name: 'oidcIssuer', label: 'Issuer URL', value: value('oidcIssuer', stored?.issuer ?? ''), error: errors.oidcIssuer, hint: 'Its discovery document is at ISSUER/.well-known/openid-configuration.' },
      { control: 'text', name: 'oidcName', label: 'Name on the button', value: value('oidcName', stored?.name ?? ''), error: errors.oidcName, hint: 'Empty: the issuer’s host name.' },
    );
  }
  return fields;
}

export function presentSignIn(
  current: SiteSettings, typed: Typed | null, errors: FieldErrors, extra: ScreenExtra, environment: AuthProvidersConfig, publicUrl: string,
): SiteSettingsSectionVM[] {
  return PROVIDERS.map((definition) => {
    const id = definition.id;
    const fromEnvironment = environment[id];
    const redirect = { id: `${id}RedirectUri`, label: 'Redirect URI', value: redirectUriOf(publicUrl, id), note: 'Register this address at the provider.' };
    const test = { label: `Test ${NAMES[id]}`, action: SIGN_IN_TEST_PATH, name: 'test', value: id };
    const result = extra.results?.[id];
    const common = { heading: NAMES[id], buttons: [test], ...(result ? { result } : {}) };
    if (fromEnvironment) {
      return {
        ...common,
        intro: `Configured by the server environment (QUIRE_AUTH_${id.toUpperCase()}_*): change it there. It is shown here read-only.`,
        facts: [{ id: `${id}EnvClientId`, label: 'Client ID', value: fromEnvironment.clientId, note: 'From the server environment.' }, redirect],
        fields: [],
      };
    }
    return { ...common, facts: [redirect], fields: editableFields(id, current.authProviders[id], typed, errors) };
  });
}
