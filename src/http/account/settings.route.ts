// /account: the signed-in person's settings (display name, the ways to sign in with Unlink, passkeys when offered).
// Signed-in people only (any role): the access rule sends anyone else to /account/login, coming back here afterwards.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderAccountSettings } from '../../../themes/default/index.js';
import { currentSignIn, requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import {
  ACCOUNT_PATHS, type Body, SIGNED_IN, fieldErrorsOf, markAccountResponse, sendAccountPage, text,
} from './page.js';
import { passkeyScripts, passkeysSectionFor } from './passkeys-section.js';
import { presentAccountSettings } from './settings.present.js';

/** What the last action did, carried by the redirect after it (?done=…), so a reload repeats nothing. */
const NOTICES: Readonly<Record<string, string>> = {
  name: 'Your display name was changed.',
  unlinked: 'That way to sign in was unlinked.',
};

/** Refusals of Unlink answered on the settings page itself, beside the list. */
const UNLINK_REFUSALS: readonly string[] = ['ACCOUNT_LAST_SIGN_IN_METHOD', 'ACCOUNT_IDENTITY_NOT_FOUND'];

interface PageState {
  readonly notice?: string | null;
  readonly displayName?: string;
  readonly displayNameError?: string;
  readonly identitiesError?: string;
}

export function registerSettingsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts } = deps.services;
  const providerLabels = new Map(deps.services.providerSignIn.providers.map((p): [string, string] => [p.definition.id, p.label]));

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, user: User, state: PageState, status = 200) {
    let identities = await accounts.listIdentities(user.id);
    // Accounts made before there were identities (staff) get their 'site' one the first time they look.
    if (identities.length === 0) identities = [await accounts.ensureSiteIdentity(user)];
    const session = await currentSignIn(request, deps.services);
    const settings = await deps.services.settings.get();
    const vm = presentAccountSettings({
      user, identities, currentIdentityId: session?.identityId, siteTitle: settings.title, providerLabels, csrfToken: deps.csrf.tokenFor(request, reply),
      notice: state.notice ?? null, displayName: state.displayName ?? user.displayName, linkable: linkableFor(identities),
      ...(state.displayNameError ? { displayNameError: state.displayNameError } : {}),
      ...(state.identitiesError ? { identitiesError: state.identitiesError } : {}),
      ...await passkeysOf(request, user),
    });
    return sendAccountPage(deps, reply, 'Your account', renderAccountSettings(vm), { status, ...(vm.passkeys ? { scripts: passkeyScripts(deps) } : {}) });
  }

  /** The enabled providers this account has no identity of yet: "Link" starts a sign-in that links instead of creating. */
  function linkableFor(identities: readonly { readonly provider: string }[]) {
    const returnTo = encodeURIComponent(ACCOUNT_PATHS.settings);
    return deps.services.providerSignIn.providers
      .filter((p) => !identities.some((i) => i.provider === p.definition.id))
      .map((p) => ({ label: p.label, href: `/auth/${p.definition.id}/start?link=1&return_to=${returnTo}` }));
  }

  async function passkeysOf(request: FastifyRequest, user: User) {
    const passkeys = await passkeysSectionFor(deps, request, user);
    return passkeys ? { passkeys } : {};
  }

  app.get<{ Querystring: Body }>(ACCOUNT_PATHS.settings, { config: SIGNED_IN }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    return settingsPage(request, reply, user, { notice: NOTICES[text(request.query.done)] ?? null });
  });

  app.post<{ Body: Body }>(ACCOUNT_PATHS.settings, { config: SIGNED_IN }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const user = await requireUser(request, deps.services);
    const typed = text(body.display_name);
    try {
      await accounts.updateDisplayName(user.id, typed);
    } catch (error) {
      const problem = fieldErrorsOf(error)?.displayName;
      if (problem === undefined) throw error;
      return settingsPage(request, reply, user, { displayName: typed, displayNameError: problem }, 400);
    }
    return markAccountResponse(reply).redirect(`${ACCOUNT_PATHS.settings}?done=name`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${ACCOUNT_PATHS.identities}/:id/unlink`, { config: SIGNED_IN }, async (request, reply) => {
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    const user = await requireUser(request, deps.services);
    const id = /^[1-9][0-9]{0,15}$/.test(request.params.id) ? Number(request.params.id) : 0;
    try {
      await accounts.unlinkIdentity(user.id, id);
    } catch (error) {
      if (!isAppError(error) || !UNLINK_REFUSALS.includes(error.code)) throw error;
      return settingsPage(request, reply, user, { identitiesError: error.message }, statusOf(error.kind));
    }
    request.log.info({ userId: user.id, identityId: id }, 'identity unlinked');
    return markAccountResponse(reply).redirect(`${ACCOUNT_PATHS.settings}?done=unlinked`, 303);
  });
}
