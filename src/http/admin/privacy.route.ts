// /admin/comments/privacy: administrators download or erase the comments and subscriptions of any e-mail address
// (a request that came by post or by phone), with the same service the commenters' own mailed link uses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { normalizePrivacyEmail } from '../../features/privacy/index.js';
import { isAppError } from '../../kernel/errors.js';
import { type FieldVM, renderAdminPrivacy } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { sendJsonDownload } from '../json-download.js';
import { sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

const ADMINISTER = { access: { capability: 'manage_options' } } as const;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface PrivacyForm {
  readonly email: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly notice: string | null;
}

function fields(form: PrivacyForm): FieldVM[] {
  return [
    { control: 'email', name: 'email', label: 'E-mail address', value: form.email, required: true, error: form.errors.email },
    {
      control: 'checkbox', name: 'confirm', label: 'Yes, erase: this cannot be undone (needed for Erase only).', checked: false, error: form.errors.confirm,
      hint: 'Erased comments keep their place in their threads; their text and name become “[deleted]”, their address, website and IP address are removed. Subscriptions are deleted.',
    },
  ];
}

export function registerAdminPrivacyRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { privacy } = deps.services;

  function page(request: FastifyRequest, reply: FastifyReply, user: User, form: PrivacyForm, status = 200) {
    const formFields = fields(form);
    const main = renderAdminPrivacy({
      heading: 'Personal data of commenters',
      intro: 'Download or erase everything stored for one e-mail address: its comments (any status) and its subscriptions.',
      notice: form.notice,
      action: ADMIN_PATHS.privacy,
      csrfToken: deps.csrf.tokenFor(request, reply),
      fields: formFields,
      errorSummary: Object.keys(form.errors).length > 0 ? 'Nothing was done:' : null,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Privacy', user, section: 'privacy' }, main, status);
  }

  app.get(ADMIN_PATHS.privacy, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    return page(request, reply, user, { email: '', errors: {}, notice: null });
  });

  app.post<{ Body: Fields }>(ADMIN_PATHS.privacy, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const typed = text(body.email);
    const action = text(body.action);
    let email: string;
    try {
      email = normalizePrivacyEmail(typed);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const messages = error.details?.fields as Record<string, string> | undefined;
      return page(request, reply, user, { email: typed, errors: { email: messages?.email ?? error.message }, notice: null }, 400);
    }
    if (action === 'export') {
      request.log.info({ userId: user.id }, 'personal data exported by an administrator');
      const data = await privacy.exportFor(email);
      return sendJsonDownload(reply, `comments-${data.exportedAt.slice(0, 10)}.json`, data);
    }
    if (action !== 'erase') {
      return page(request, reply, user, { email: typed, errors: { email: 'Choose Download data or Erase data.' }, notice: null }, 400);
    }
    // A checkbox sends "0" from its hidden twin when unticked, and "1" too when ticked: ticked means a "1" was sent.
    if (![body.confirm].flat().includes('1')) {
      return page(request, reply, user, { email: typed, errors: { confirm: 'Tick the box to confirm the erasure.' }, notice: null }, 400);
    }
    const report = await privacy.eraseFor(email);
    request.log.warn({ userId: user.id, comments: report.comments, subscriptions: report.subscriptions }, 'personal data erased by an administrator');
    const notice = `Erased ${count(report.comments, 'comment', 'comments')} and ${count(report.subscriptions, 'subscription', 'subscriptions')} of ${email}.`;
    return page(request, reply, user, { email: '', errors: {}, notice });
  });
}
