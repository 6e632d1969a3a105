// /setup/TOKEN: the one-time page that creates the first administrator.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setupLinkExpired } from '../../features/setup/index.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderForm, renderNotice } from '../../../themes/default/index.js';
import type { FormFieldVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import { loadSiteContext } from './context.js';
import { sendPage } from './page.js';

interface SetupParams {
  token: string;
}

type SetupBody = Record<string, unknown>;

const FIELD_NAMES = ['displayName', 'login', 'email', 'password'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

function fields(values: Partial<Record<FieldName, string>>, errors: Partial<Record<string, string>>): FormFieldVM[] {
  return [
    { name: 'displayName', label: 'Your name', type: 'text', value: values.displayName ?? '', autocomplete: 'name', required: true, error: errors.displayName },
    { name: 'login', label: 'Login', type: 'text', value: values.login ?? '', autocomplete: 'username', required: true, hint: 'Lowercase letters, digits, dot, dash or underscore. Your author page will be /author/LOGIN/.', error: errors.login },
    { name: 'email', label: 'E-mail', type: 'email', value: values.email ?? '', autocomplete: 'email', required: true, error: errors.email },
    { name: 'password', label: 'Password', type: 'password', value: '', autocomplete: 'new-password', required: true, hint: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A long passphrase is best.`, error: errors.password },
  ];
}

export function registerSetupRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { setup } = deps.services;
  const page = async (request: FastifyRequest, reply: FastifyReply, values: Partial<Record<FieldName, string>>, errors: Record<string, string>, status = 200) => {
    const ctx = await loadSiteContext(deps.services);
    const token = (request.params as SetupParams).token;
    const form = renderForm({
      heading: 'Welcome to Quire',
      intro: 'Create the administrator account of this site. This link works once.',
      action: `/setup/${encodeURIComponent(token)}`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields: fields(values, errors),
      submitLabel: 'Create administrator',
      errorSummary: Object.keys(errors).length > 0 ? 'Please correct the following:' : null,
    });
    reply.header('Cache-Control', 'no-store');
    return sendPage(deps, reply, ctx, { pageTitle: 'Set up', canonicalPath: null, robots: 'noindex' }, form, status);
  };

  app.get<{ Params: SetupParams }>('/setup/:token', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await setup.isLinkValid(request.params.token))) throw setupLinkExpired();
    return page(request, reply, {}, {});
  });

  app.post<{ Params: SetupParams; Body: SetupBody }>('/setup/:token', { config: { access: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as SetupBody;
    deps.csrf.verify(request, body._csrf);
    if (!(await setup.isLinkValid(request.params.token))) throw setupLinkExpired();
    const values: Partial<Record<FieldName, string>> = {};
    for (const name of FIELD_NAMES) {
      const value = body[name];
      values[name] = typeof value === 'string' ? value : '';
    }
    const missing: Record<string, string> = {};
    for (const name of FIELD_NAMES) if (!values[name]?.trim()) missing[name] = 'This field is required.';
    if (Object.keys(missing).length > 0) return page(request, reply, values, missing, 400);
    try {
      const admin = await setup.complete(request.params.token, {
        email: values.email ?? '', login: values.login, displayName: values.displayName, password: values.password ?? '',
      });
      request.log.info({ userId: admin.id }, 'administrator created through the setup link');
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const fieldErrors = (error.details?.fields as Record<string, string> | undefined) ?? { email: error.message };
      return page(request, reply, values, fieldErrors, error.kind === 'conflict' ? 409 : 400);
    }
    const ctx = await loadSiteContext(deps.services);
    const notice = renderNotice({
      heading: 'Your site is ready',
      message: 'The administrator account was created. The writing dashboard will live at /admin/.',
      link: { href: '/', label: 'Visit the site' },
    });
    return sendPage(deps, reply.header('Cache-Control', 'no-store'), ctx, { pageTitle: 'Set up', canonicalPath: null, robots: 'noindex' }, notice);
  });
}
