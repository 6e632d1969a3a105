// /account/password/forgot (a reset link by mail: the same answer for every address) and
// /account/password/reset/:token (a new password; the link works once, and every session of the account ends).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCOUNT_LINK_LIFETIMES_MS } from '../../features/accounts/index.js';
import { renderAccountForm, renderAccountNotice } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import { linkRefusedPage } from './link-pages.js';
import { admitMailLinkForm } from './mail-limits.js';
import { ACCOUNT_PATHS, type Body, PUBLIC, QUIET, fieldErrorsOf, isRefusal, sendAccountPage, text } from './page.js';

interface ForgotForm {
  readonly email: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly alert: string | null;
}

const NEW_LINK = { href: ACCOUNT_PATHS.forgot, label: 'Ask for a new link' };

export function registerPasswordRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts } = deps.services;

  function forgotPage(request: FastifyRequest, reply: FastifyReply, form: ForgotForm, status = 200) {
    return sendAccountPage(deps, reply, 'Forgot your password?', renderAccountForm({
      heading: 'Forgot your password?',
      intro: 'Give your account’s e-mail address: we will mail it a link to choose a new password (it works once, for 1 hour).',
      action: ACCOUNT_PATHS.forgot,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields: [{ name: 'email', label: 'E-mail', type: 'email', value: form.email, autocomplete: 'username', required: true, error: form.errors.email }],
      submitLabel: 'Mail me a link',
      errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
      alert: form.alert,
      links: [{ href: ACCOUNT_PATHS.login, label: 'Back to sign in' }],
    }), { status });
  }

  function resetPage(request: FastifyRequest, reply: FastifyReply, token: string, error: string | undefined, status = 200) {
    return sendAccountPage(deps, reply, 'Choose a new password', renderAccountForm({
      heading: 'Choose a new password',
      intro: 'Your new password replaces the old one, and every session of your account ends.',
      action: `${ACCOUNT_PATHS.reset}/${token}`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields: [{
        name: 'password', label: 'New password', type: 'password', value: '', autocomplete: 'new-password', required: true,
        hint: '8 to 256 characters; a few unrelated words make a strong one.', error,
      }],
      submitLabel: 'Change my password',
      errorSummary: error ? 'Please correct the following:' : null,
      links: [],
    }), { status });
  }

  app.get(ACCOUNT_PATHS.forgot, { config: PUBLIC }, async (request, reply) => forgotPage(request, reply, { email: '', errors: {}, alert: null }));

  app.post<{ Body: Body }>(ACCOUNT_PATHS.forgot, { config: PUBLIC }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const form: ForgotForm = { email: text(body.email).trim(), errors: {}, alert: null };
    const email = await admitMailLinkForm(deps, request, reply, form, (again, status) => forgotPage(request, reply, again, status));
    if (email === undefined) return reply;
    // Queued for every address: the job sends nothing for one without an account, and this page cannot tell.
    await accounts.requestPasswordReset(email);
    return sendAccountPage(deps, reply, 'Check your inbox', renderAccountNotice({
      heading: 'Check your inbox',
      messages: [`If an account uses ${email}, we sent it a link to choose a new password. It works once, for ${ACCOUNT_LINK_LIFETIMES_MS.reset / 60_000} minutes.`],
      links: [{ href: ACCOUNT_PATHS.login, label: 'Back to sign in' }],
    }));
  });

  app.get<{ Params: { token: string } }>(`${ACCOUNT_PATHS.reset}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    try {
      await accounts.openLink('reset', request.params.token);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_LINK_INVALID')) throw error;
      return linkRefusedPage(deps, reply, error, NEW_LINK);
    }
    return resetPage(request, reply, request.params.token, undefined);
  });

  app.post<{ Params: { token: string }; Body: Body }>(`${ACCOUNT_PATHS.reset}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    try {
      await accounts.resetPassword(request.params.token, text(body.password));
    } catch (error) {
      if (isRefusal(error, 'ACCOUNT_LINK_INVALID')) return linkRefusedPage(deps, reply, error, NEW_LINK);
      const problem = fieldErrorsOf(error)?.password;
      if (problem === undefined) throw error;
      return resetPage(request, reply, request.params.token, problem, 400);
    }
    request.log.warn('password changed by reset link: every session of the account ended');
    return sendAccountPage(deps, reply, 'Password changed', renderAccountNotice({
      heading: 'Your password was changed',
      messages: ['Your account was signed out everywhere. Sign in with your new password.'],
      links: [{ href: ACCOUNT_PATHS.login, label: 'Sign in' }],
    }));
  });
}
