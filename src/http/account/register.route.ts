// /account/register and /account/verify/:token: registering (one answer whether or not the address has an
// account) and the confirmation link's page, which changes nothing until its button is pressed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateRegistration } from '../../features/accounts/index.js';
import { renderAccountConfirm, renderAccountForm, renderAccountNotice } from '../../../themes/default/index.js';
import type { FormFieldVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import { accountMailRateLimited, admitMailRequest } from './mail-limits.js';
import { linkRefusedPage } from './link-pages.js';
import {
  ACCOUNT_PATHS, type Body, PUBLIC, QUIET, fieldErrorsOf, isRefusal, returnToOf, sendAccountPage, text, withReturnTo,
} from './page.js';

interface RegisterForm {
  readonly email: string;
  readonly displayName: string;
  readonly returnTo: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly alert: string | null;
}

function fields(form: RegisterForm): FormFieldVM[] {
  return [
    { name: 'email', label: 'E-mail', type: 'email', value: form.email, autocomplete: 'email', required: true, error: form.errors.email },
    {
      name: 'display_name', label: 'Display name', type: 'text', value: form.displayName, autocomplete: 'nickname', required: true,
      hint: 'Shown with your comments.', error: form.errors.displayName,
    },
    {
      name: 'password', label: 'Password', type: 'password', value: '', autocomplete: 'new-password', required: true,
      hint: '8 to 256 characters; a few unrelated words make a strong one.', error: form.errors.password,
    },
  ];
}

export function registerRegisterRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts } = deps.services;

  async function registerPage(request: FastifyRequest, reply: FastifyReply, form: RegisterForm, status = 200) {
    const settings = await deps.services.settings.get();
    return sendAccountPage(deps, reply, 'Register', renderAccountForm({
      heading: 'Register',
      intro: `Make a ${settings.title} account to comment under your name. We will mail you a link to confirm your address.`,
      action: ACCOUNT_PATHS.register,
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'return_to', value: form.returnTo }],
      fields: fields(form),
      submitLabel: 'Register',
      errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
      alert: form.alert,
      links: [{ href: withReturnTo(ACCOUNT_PATHS.login, form.returnTo), label: 'Already registered? Sign in' }],
    }), { status });
  }

  app.get<{ Querystring: Body }>(ACCOUNT_PATHS.register, { config: PUBLIC }, async (request, reply) =>
    registerPage(request, reply, { email: '', displayName: '', returnTo: returnToOf(request.query.return_to), errors: {}, alert: null }),
  );

  app.post<{ Body: Body }>(ACCOUNT_PATHS.register, { config: PUBLIC }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    // The password is never put back into the page: only what may be shown is kept.
    const form = { email: text(body.email).trim(), displayName: text(body.display_name), returnTo: returnToOf(body.return_to), alert: null };
    const input = { email: form.email, displayName: form.displayName, password: text(body.password) };
    try {
      validateRegistration(input);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return registerPage(request, reply, { ...form, errors }, 400);
    }
    if (!(await admitMailRequest(deps, request, reply, form.email.toLowerCase()))) {
      return registerPage(request, reply, { ...form, errors: {}, alert: accountMailRateLimited().message }, 429);
    }
    await accounts.register({ ...input, returnTo: form.returnTo });
    // The same page whether the address was free (a confirmation link) or taken (a warning to its owner).
    return sendAccountPage(deps, reply, 'Check your inbox', renderAccountNotice({
      heading: 'Check your inbox',
      messages: [
        `We sent a message to ${form.email.toLowerCase()}. Open it to continue: its link works for 48 hours.`,
        'No message? Look in your spam folder, or check the address and register again.',
      ],
      links: [{ href: form.returnTo, label: 'Back to where you were' }],
    }));
  });

  app.get<{ Params: { token: string }; Querystring: Body }>(`${ACCOUNT_PATHS.verify}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    const returnTo = returnToOf(request.query.return_to);
    try {
      await accounts.openLink('verify', request.params.token);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_LINK_INVALID')) throw error;
      return linkRefusedPage(deps, reply, error, { href: ACCOUNT_PATHS.login, label: 'Sign in to get a new confirmation link' });
    }
    return sendAccountPage(deps, reply, 'Confirm your e-mail address', renderAccountConfirm({
      heading: 'Confirm your e-mail address',
      message: 'Press the button to confirm that this address is yours.',
      action: `${ACCOUNT_PATHS.verify}/${request.params.token}`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'return_to', value: returnTo }],
      submitLabel: 'Confirm my address',
    }));
  });

  app.post<{ Params: { token: string }; Body: Body }>(`${ACCOUNT_PATHS.verify}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const returnTo = returnToOf(body.return_to);
    try {
      await accounts.verify(request.params.token);
    } catch (error) {
      if (!isRefusal(error, 'ACCOUNT_LINK_INVALID')) throw error;
      return linkRefusedPage(deps, reply, error, { href: ACCOUNT_PATHS.login, label: 'Sign in to get a new confirmation link' });
    }
    return sendAccountPage(deps, reply, 'Address confirmed', renderAccountNotice({
      heading: 'Your address is confirmed',
      messages: ['Thank you. You can now sign in with your e-mail address and password.'],
      links: [{ href: withReturnTo(ACCOUNT_PATHS.login, returnTo), label: 'Sign in' }],
    }));
  });
}
