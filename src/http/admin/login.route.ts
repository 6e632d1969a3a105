// /admin/login: staff sign in with e-mail and password; a new session (and cookie) on every success.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderStaffSignIn } from '../../../themes/default/index.js';
import type { FormFieldVM } from '../../../themes/view-models.js';
import { createPasswordSignIn } from '../auth/password-sign-in.js';
import { safeRedirectPath } from '../auth/redirect.js';
import { startSession } from '../auth/start-session.js';
import type { HttpDeps } from '../deps.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

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
  const main = renderStaffSignIn({
    heading: 'Sign in',
    intro: `Sign in to manage ${settings.title}.`,
    action: ADMIN_PATHS.login,
    csrfToken: deps.csrf.tokenFor(request, reply),
    hidden: [{ name: 'redirect_to', value: form.redirectTo }],
    fields: fields(form),
    submitLabel: 'Sign in',
    errorSummary: Object.keys(form.errors).length > 0 ? 'Please correct the following:' : null,
    alert: form.alert,
    // The readers' reset page serves staff too: one account, one way to choose a new password.
    lostPasswordHref: '/account/password/forgot',
  });
  return sendAdminPage(deps, request, reply, { pageTitle: 'Sign in' }, main, status);
}

export function registerLoginRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { users, sessions } = deps.services;
  const signIn = createPasswordSignIn({ users, counters: deps.counters });

  app.get<{ Querystring: Body }>(ADMIN_PATHS.login, { config: { access: 'public' } }, async (request, reply) =>
    sendLoginPage(deps, request, reply, { email: '', redirectTo: safeRedirectPath(request.query.redirect_to), errors: {}, alert: null }),
  );

  app.post<{ Body: Body }>(ADMIN_PATHS.login, { config: { access: 'public' } }, async (request, reply) => {
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    // Every answer of this route is a staff response (the 429 included): never cached, never indexed.
    markAdminResponse(reply);
    const form = { email: text(body.email).trim(), redirectTo: safeRedirectPath(body.redirect_to) };
    const result = await signIn.attempt(request, reply, form.email, text(body.password));
    if (!result.ok) return sendLoginPage(deps, request, reply, { ...form, errors: result.errors, alert: result.alert }, 400);
    await startSession({ sessions, publicUrl: deps.config.publicUrl }, request, reply, result.user.id);
    return reply.redirect(form.redirectTo, 303);
  });
}
