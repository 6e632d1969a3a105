// The passkeys' places on the account pages: the Passkeys section of the settings page (the account's passkeys with
// Remove, and Add) and "Sign in with a passkey" on the sign-in page, with the script both need. Neither shows when
// the site's address leaves browsers no way to use passkeys (see relyingPartyOf).
import type { FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { type SafeHtml, html } from '../../kernel/html.js';
import { type PasskeysSectionVM, renderPasskeySignIn } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import { formatDate } from '../site/format.js';
import { PASSKEY_PATHS } from './passkeys.route.js';

/** The section's view model for `user`, or undefined when the site offers no passkeys. */
export async function passkeysSectionFor(deps: HttpDeps, _request: FastifyRequest, user: User): Promise<PasskeysSectionVM | undefined> {
  const { passkeys, settings } = deps.services;
  if (!passkeys.relyingParty) return undefined;
  const [list, site] = await Promise.all([passkeys.listForUser(user.id), settings.get()]);
  const dateOf = (iso: string) => formatDate(iso, site.language, site.timezone);
  return {
    items: list.map((passkey) => ({
      name: passkey.name,
      createdText: dateOf(passkey.createdAt),
      lastUsedText: passkey.lastUsedAt === null ? null : dateOf(passkey.lastUsedAt),
      removeAction: PASSKEY_PATHS.remove(passkey.id),
    })),
    optionsAction: PASSKEY_PATHS.registrationOptions,
    registerAction: PASSKEY_PATHS.register,
  };
}

/** Scripts the passkey parts need on a page (the browser code behind Add and Sign in). */
export function passkeyScripts(deps: Pick<HttpDeps, 'assets'>): readonly string[] {
  const script = deps.assets.get('passkeys.js');
  return script ? [script.href] : [];
}

/** `main` followed by "Sign in with a passkey" (landing on `returnTo`) when the site offers passkeys, and the scripts that page then needs. */
export function withPasskeySignIn(deps: HttpDeps, main: SafeHtml, returnTo: string): { readonly main: SafeHtml; readonly scripts?: readonly string[] } {
  if (!deps.services.passkeys.relyingParty) return { main };
  const signIn = renderPasskeySignIn({ optionsAction: PASSKEY_PATHS.signInOptions, signInAction: PASSKEY_PATHS.signIn, returnTo });
  return { main: html`${main}${signIn}`, scripts: passkeyScripts(deps) };
}
