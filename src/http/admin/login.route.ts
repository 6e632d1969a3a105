// /admin/login: staff sign in with e-mail and password; a new session (and cookie) on every success.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PASSWORD_MAX, maskEmail } from '../../features/users/index.js';
import { renderForm } from '../../../themes/default/index.js';
import type { FormFieldVM } from '../../../themes/view-models.js';
import { safeRedirectPath } from '../auth/redirect.js';
import { isSecureSite, sessionTokenOf, setSessionCookie } from '../auth/session-cookie.js';
import { createSignInThrottle, signInRateLimited, SIGN_IN_WINDOW_MS } from '../auth/sign-in-throttle.js';
import type { HttpDeps } from '../deps.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

/** The same words whether the address has no account or the password is wrong: they reveal neither. */
export const SIGN_IN_FAILED = 'The e-mail address or password is incorrect.';

interface LoginForm {
  readonly email: string;
  readonly redirectTo: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly alert: string | null;
}

type Body = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function fields(form: LoginForm): FormFieldVM[] {
  return [
    { name: 'email', label: 'E-mail', type: 'email', value: form.email, autocomplete: 'username', required: true, error: form.errors.email },
    { name: 'password', label: 'Password', type: 'password', value: '', autocomplete: 'current-password', required: true, error: form.errors.password },
  ];
}

async function sendLoginPage(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, form: LoginForm, status = 200) {
  const settings = await deps.services.settings.get();
  const main = renderForm({
    heading: 'Sign in',
    intro: `Sign in to manage ${settings.title}.`,
    action: ADMIN_PATHS.login,
    csrfToken: deps.csrf.tokenFor(request, reply),
    hidden: [{ name: 'redirect_to', value: form.redirectTo }],
    fields: fields(form),
    submitLabel: 'Sign in',
    errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
    alert: form.alert,
  });
  return sendAdminPage(deps, request, reply, { pageTitle: 'Sign in' }, main, status);
}

export function registerLoginRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { users, sessions } = deps.services;
  const throttle = createSignInThrottle(deps.counters);
  const secure = isSecureSite(deps.config.publicUrl);

  app.get<{ Querystring: Body }>(ADMIN_PATHS.login, { config: { access: 'public' } }, async (request, reply) =>
    sendLoginPage(deps, request, reply, { email: '', redirectTo: safeRedirectPath(request.query.redirect_to), errors: {}, alert: null }),
  );

  app.post<{ Body: Body }>(ADMIN_PATHS.login, { config: { access: 'public' } }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const form = { email: text(body.email).trim(), redirectTo: safeRedirectPath(body.redirect_to), alert: null };
    const password = text(body.password);
    const missing: Record<string, string> = {};
    if (!form.email) missing.email = 'Enter your e-mail address.';
    if (!password) missing.password = 'Enter your password.';
    if (Object.keys(missing).length > 0) return sendLoginPage(deps, request, reply, { ...form, errors: missing }, 400);

    const account = maskEmail(form.email.toLowerCase());
    if (!(await throttle.admit(form.email, request.ip))) {
      request.log.warn({ account, ip: request.ip }, 'sign-in refused: too many attempts');
      markAdminResponse(reply).header('Retry-After', String(SIGN_IN_WINDOW_MS / 1000));
      throw signInRateLimited();
    }
    // Nobody's password is longer; refusing it unread spares a megabyte of hashing.
    const user = password.length <= PASSWORD_MAX ? await users.authenticate(form.email, password) : undefined;
    if (!user) {
      request.log.info({ account, ip: request.ip }, 'sign-in failed');
      return sendLoginPage(deps, request, reply, { ...form, errors: {}, alert: SIGN_IN_FAILED }, 400);
    }
    await throttle.succeeded(form.email, request.ip);
    // Always a new token, and the cookie this browser had (if any) stops working: no session fixation.
    const session = await sessions.create(user.id, sessionTokenOf(request));
    setSessionCookie(reply, session.token, session.absoluteEnd, secure);
    request.log.info({ account, userId: user.id, ip: request.ip }, 'signed in');
    return markAdminResponse(reply).redirect(form.redirectTo, 303);
  });
}
