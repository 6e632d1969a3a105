// /account/login (e-mail and password, throttled like /admin/login) and /account/email-link (a one-time sign-in
// link by mail: the same answer for every address; the link's page signs in only when its button is pressed).
// Both start a session that names the account's 'site' identity.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCOUNT_LINK_LIFETIMES_MS } from '../../features/accounts/index.js';
import { renderAccountConfirm, renderAccountForm, renderAccountNotice } from '../../../themes/default/index.js';
import type { FormFieldVM } from '../../../themes/view-models.js';
import { createPasswordSignIn } from '../auth/password-sign-in.js';
import { startSession } from '../auth/start-session.js';
import type { HttpDeps } from '../deps.js';
import { linkRefusedPage } from './link-pages.js';
import { admitMailLinkForm } from './mail-limits.js';
import { withPasskeySignIn } from './passkeys-section.js';
import {
  ACCOUNT_PATHS, type Body, PUBLIC, QUIET, isRefusal, markAccountResponse, returnToOf, sendAccountPage, text,
  withReturnTo,
} from './page.js';

interface Form {
  readonly email: string;
  readonly returnTo: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly alert: string | null;
}

const emailField = (form: Form): FormFieldVM =>
  ({ name: 'email', label: 'E-mail', type: 'email', value: form.email, autocomplete: 'username', required: true, error: form.errors.email });

export function registerLoginRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts, users, sessions } = deps.services;
  const signIn = createPasswordSignIn({ users, counters: deps.counters });
  const session = { sessions, publicUrl: deps.config.publicUrl };

  async function loginPage(request: FastifyRequest, reply: FastifyReply, form: Form, status = 200) {
    const settings = await deps.services.settings.get();
    const page = withPasskeySignIn(deps, renderAccountForm({
      heading: 'Sign in',
      intro: `Sign in with your ${settings.title} account.`,
      action: ACCOUNT_PATHS.login,
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'return_to', value: form.returnTo }],
      fields: [
        emailField(form),
        { name: 'password', label: 'Password', type: 'password', value: '', autocomplete: 'current-password', required: true, error: form.errors.password },
      ],
      submitLabel: 'Sign in',
      errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
      alert: form.alert,
      links: [
        { href: withReturnTo(ACCOUNT_PATHS.emailLink, form.returnTo), label: 'Mail me a sign-in link instead' },
        { href: ACCOUNT_PATHS.forgot, label: 'Forgot your password?' },
        { href: withReturnTo(ACCOUNT_PATHS.register, form.returnTo), label: 'No account yet? Register' },
      ],
    }), form.returnTo);
    return sendAccountPage(deps, reply, 'Sign in', page.main, { status, ...(page.scripts ? { scripts: page.scripts } : {}) });
  }

  async function emailLinkPage(request: FastifyRequest, reply: FastifyReply, form: Form, status = 200) {
    return sendAccountPage(deps, reply, 'Sign in by e-mail', renderAccountForm({
      heading: 'Sign in by e-mail',
      intro: `Give your account's e-mail address: we will mail it a link that signs you in (it works once, for ${ACCOUNT_LINK_LIFETIMES_MS.emailLink / 60_000} minutes).`,
      action: ACCOUNT_PATHS.emailLink,
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'return_to', value: form.returnTo }],
      fields: [emailField(form)],
      submitLabel: 'Mail me a link',
      errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
      alert: form.alert,
      links: [{ href: withReturnTo(ACCOUNT_PATHS.login, form.returnTo), label: 'Sign in with your password instead' }],
    }), { status });
  }

  app.get<{ Querystring: Body }>(ACCOUNT_PATHS.login, { config: PUBLIC }, async (request, reply) =>
    loginPage(request, reply, { email: '', returnTo: returnToOf(request.query.return_to), errors: {}, alert: null }),
  );

  app.post<{ Body: Body }>(ACCOUNT_PATHS.login, { config: PUBLIC }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    markAccountResponse(reply);
    const form = { email: text(body.email).trim(), returnTo: returnToOf(body.return_to) };
    const result = await signIn.attempt(request, reply, form.email, text(body.password));
    if (!result.ok) return loginPage(request, reply, { ...form, errors: result.errors, alert: result.alert }, 400);
    let identity;
    try {
      identity = await accounts.admitPasswordSignIn(result.user, form.returnTo);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_EMAIL_UNVERIFIED')) throw error;
      return sendAccountPage(deps, reply, 'Confirm your e-mail address', renderAccountNotice({
        heading: 'Confirm your e-mail address',
        messages: [(error as Error).message],
        links: [{ href: form.returnTo, label: 'Back to where you were' }],
        refused: true,
      }), { status: 403 });
    }
    await startSession(session, request, reply, result.user.id, identity.id);
    return reply.redirect(form.returnTo, 303);
  });

  app.get<{ Querystring: Body }>(ACCOUNT_PATHS.emailLink, { config: PUBLIC }, async (request, reply) =>
    emailLinkPage(request, reply, { email: '', returnTo: returnToOf(request.query.return_to), errors: {}, alert: null }),
  );

  app.post<{ Body: Body }>(ACCOUNT_PATHS.emailLink, { config: PUBLIC }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const form: Form = { email: text(body.email).trim(), returnTo: returnToOf(body.return_to), errors: {}, alert: null };
    const email = await admitMailLinkForm(deps, request, reply, form, (again, status) => emailLinkPage(request, reply, again, status));
    if (email === undefined) return reply;
    // Queued for every address: the job sends nothing for one without an account, and this page cannot tell.
    await accounts.requestEmailLink(email, form.returnTo);
    return sendAccountPage(deps, reply, 'Check your inbox', renderAccountNotice({
      heading: 'Check your inbox',
      messages: [
        `If an account uses ${email}, we sent it a sign-in link. It works once, for ${ACCOUNT_LINK_LIFETIMES_MS.emailLink / 60_000} minutes.`,
      ],
      links: [{ href: form.returnTo, label: 'Back to where you were' }],
    }));
  });

  app.get<{ Params: { token: string }; Querystring: Body }>(`${ACCOUNT_PATHS.emailLink}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    try {
      await accounts.openLink('emailLink', request.params.token);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_LINK_INVALID')) throw error;
      return linkRefusedPage(deps, reply, error, { href: ACCOUNT_PATHS.emailLink, label: 'Ask for a new sign-in link' });
    }
    const settings = await deps.services.settings.get();
    return sendAccountPage(deps, reply, 'Sign in', renderAccountConfirm({
      heading: `Sign in to ${settings.title}`,
      message: 'Press the button to sign in. The link then stops working.',
      action: `${ACCOUNT_PATHS.emailLink}/${request.params.token}`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'return_to', value: returnToOf(request.query.return_to) }],
      submitLabel: 'Sign in',
    }));
  });

  app.post<{ Params: { token: string }; Body: Body }>(`${ACCOUNT_PATHS.emailLink}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    markAccountResponse(reply);
    const returnTo = returnToOf(body.return_to);
    let signedIn;
    try {
      signedIn = await accounts.signInWithEmailLink(request.params.token);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_LINK_INVALID')) throw error;
      return linkRefusedPage(deps, reply, error, { href: ACCOUNT_PATHS.emailLink, label: 'Ask for a new sign-in link' });
    }
    await startSession(session, request, reply, signedIn.user.id, signedIn.identity.id);
    request.log.info({ userId: signedIn.user.id }, 'signed in by e-mail link');
    if (!signedIn.passwordRemoved) return reply.redirect(returnTo, 303);
    return sendAccountPage(deps, reply, 'Signed in', renderAccountNotice({
      heading: 'You are signed in, and your address is confirmed',
      messages: [
        'The password chosen when this account was registered no longer works: the address had not been confirmed, so it may not have been you who chose it.',
        'To sign in with a password again, choose a new one under “Forgot your password?”.',
      ],
      links: [{ href: returnTo, label: 'Continue' }, { href: ACCOUNT_PATHS.settings, label: 'Your account' }],
    }));
  });
}
