// /admin/comments/bans: who may not comment. Add a ban (e-mail, IP or range, IP hash; for a time or for ever),
// lift one, and read the history of who banned whom, why and until when.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BanKind } from '../../features/comments/index.js';
import type { User } from '../../features/users/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { renderBans } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { banExpiryOf } from './ban-terms.js';
import { type BanFormValues, EMPTY_BAN_FORM, FORM_BAN_KINDS, banFormFields, peopleIn, presentBan } from './bans.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

const MODERATE = { access: { capability: 'moderate_comments' } } as const;
const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;
const NOTICES: Readonly<Record<string, string>> = { added: 'Ban added.', lifted: 'Ban lifted.' };

function banNotFound(): AppError {
  return new AppError({ code: 'BAN_NOT_FOUND', kind: 'not_found', message: 'There is no such ban, or it was lifted already.' });
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function isFormKind(kind: string): kind is BanKind {
  return (FORM_BAN_KINDS as readonly string[]).includes(kind);
}

export function registerBanRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { comments, users, settings } = deps.services;

  async function sendBansPage(
    request: FastifyRequest, reply: FastifyReply, user: User,
    form: { values: BanFormValues; errors: Readonly<Record<string, string>> }, notice: string | null, status = 200,
  ) {
    const [active, history, site] = await Promise.all([comments.activeBans(), comments.banHistory(), settings.get()]);
    const people = await users.listByIds(peopleIn(history));
    const ctx = {
      now: deps.clock.now().toISOString(), language: site.language, timeZone: site.timezone,
      names: new Map(people.map((p) => [p.id, p.displayName])),
    };
    const fields = banFormFields(form.values, form.errors);
    const main = renderBans({
      heading: 'Banned commenters',
      notice,
      csrfToken: deps.csrf.tokenFor(request, reply),
      form: { action: ADMIN_PATHS.bans, fields, errorSummary: Object.keys(form.errors).length > 0 ? 'The ban was not added:' : null },
      active: active.map((b) => presentBan(b, ctx)),
      history: history.map((b) => presentBan(b, ctx)),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Bans', user, section: 'bans' }, main, status);
  }

  app.get<{ Querystring: Fields }>(ADMIN_PATHS.bans, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const done = text(request.query.done);
    const notice = Object.hasOwn(NOTICES, done) ? (NOTICES[done] ?? null) : null;
    return sendBansPage(request, reply, user, { values: EMPTY_BAN_FORM, errors: {} }, notice);
  });

  app.post<{ Body: Fields }>(ADMIN_PATHS.bans, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const values: BanFormValues = { kind: text(body.kind), value: text(body.value), reason: text(body.reason), duration: text(body.duration) };
    try {
      const kind = values.kind;
      if (!isFormKind(kind)) {
        throw new AppError({
          code: 'BAN_INVALID', kind: 'invalid', message: 'Choose what to ban by: e-mail address, IP address or range, or IP hash.',
          details: { fields: { kind: 'Choose e-mail address, IP address or range, or IP hash.' } },
        });
      }
      const expiresAt = banExpiryOf(values.duration, deps.clock.now());
      const id = await comments.ban({ kind, value: values.value, reason: values.reason, expiresAt }, user.id);
      request.log.info({ banId: id, kind, userId: user.id }, 'commenter banned');
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'invalid') throw error;
      const { expiresAt, ...fields } = (error.details?.fields ?? { value: error.message }) as Record<string, string>;
      // The form says how long, not until when: a wrong end is the duration's fault.
      const errors = expiresAt === undefined ? fields : { ...fields, duration: expiresAt };
      return sendBansPage(request, reply, user, { values, errors }, null, 400);
    }
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.bans}?done=added`, 303);
  });

  app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.bans}/:id/lift`, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    if (!ID.test(request.params.id) || Number(request.params.id) > MAX_ID) throw banNotFound();
    await comments.liftBan(Number(request.params.id), user.id);
    request.log.info({ banId: Number(request.params.id), userId: user.id }, 'ban lifted');
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.bans}?done=lifted`, 303);
  });
}
