// /admin/settings/discussion: Settings → Discussion for administrators: every comment setting in one form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderSettings } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { type TypedDiscussion, presentDiscussionSections, readDiscussionForm, typedFromSettings } from './discussion.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

const ADMINISTER = { access: { capability: 'manage_options' } } as const;

export function registerDiscussionRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { settings } = deps.services;

  async function page(
    request: FastifyRequest, reply: FastifyReply, user: User,
    form: { typed: TypedDiscussion; errors: Readonly<Record<string, string>>; notice: string | null }, status = 200,
  ) {
    const current = typedFromSettings(await settings.get());
    const main = renderSettings({
      heading: 'Discussion Settings',
      notice: form.notice,
      action: ADMIN_PATHS.discussion,
      csrfToken: deps.csrf.tokenFor(request, reply),
      sections: presentDiscussionSections(form.typed, current, form.errors),
      errorSummary: Object.keys(form.errors).length > 0 ? 'The settings were not saved. Please correct the following:' : null,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Discussion Settings', user, section: 'discussion' }, main, status);
  }

  app.get<{ Querystring: Fields }>(ADMIN_PATHS.discussion, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const notice = request.query['settings-updated'] === 'true' ? 'Settings saved.' : null;
    return page(request, reply, user, { typed: {}, errors: {}, notice });
  });

  app.post<{ Body: Fields }>(ADMIN_PATHS.discussion, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const { typed, change } = readDiscussionForm(body);
    try {
      await settings.update(change);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'SETTINGS_INVALID') throw error;
      const errors = (error.details?.fields ?? {}) as Record<string, string>;
      return page(request, reply, user, { typed, errors, notice: null }, 400);
    }
    request.log.info({ userId: user.id, settings: Object.keys(change) }, 'discussion settings saved');
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.discussion}?settings-updated=true`, 303);
  });
}
