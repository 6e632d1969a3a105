// /admin/comments: the moderation list (by status, searched, limited to a post), one POST form per action on a
// comment (approve, spam, delete, ban…) and the bulk form over the ticked comments.
import type { FastifyInstance } from 'fastify';
import { type CommentStatus, commentNotFound, isBulkAction } from '../../features/comments/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { banExpiryOf, banReasonOf } from './ban-terms.js';
import { registerCommentEditRoutes } from './comments-edit.route.js';
import { MODERATE, sendModerationList } from './comments-list.js';
import { isId, moderationHref, noSuchList, returnView, viewOf } from './comments.present.js';
import { markAdminResponse } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

/** What each button does: a new status (or deletion, null) and the notice shown afterwards. */
const ACTIONS: Readonly<Record<string, { readonly to: CommentStatus | null; readonly notice: string }>> = {
  approve: { to: 'approved', notice: 'Comment approved.' },
  unapprove: { to: 'pending', notice: 'Comment moved to pending.' },
  spam: { to: 'spam', notice: 'Comment marked as spam.' },
  trash: { to: 'trash', notice: 'Comment moved to the trash.' },
  delete: { to: null, notice: 'Comment deleted permanently.' },
  // Bans the author's e-mail and IP hash too (with the reason and duration sent with it).
  ban: { to: 'spam', notice: 'The author is banned, and the comment was marked as spam.' },
};

/** The summary after a bulk action, by action: "3 comments approved." */
const BULK_NOTICES: Readonly<Record<string, string>> = {
  approve: 'approved', unapprove: 'moved to pending', spam: 'marked as spam', unspam: 'restored from the spam',
  trash: 'moved to the trash', restore: 'restored from the trash', delete: 'deleted permanently',
};

/** More ids than this in one form is not a person ticking boxes. */
const BULK_FIELD_MAX = 200;

const NOTICES: Readonly<Record<string, string>> = { edited: 'Comment updated.', replied: 'Reply posted and approved.' };

function noticeFor(query: Fields): string | null {
  const { done, count } = query;
  if (typeof done !== 'string') return null;
  if (Object.hasOwn(BULK_NOTICES, done) && typeof count === 'string' && /^\d{1,4}$/.test(count)) {
    const n = Number(count);
    return `${n} ${n === 1 ? 'comment' : 'comments'} ${BULK_NOTICES[done]}.`;
  }
  if (Object.hasOwn(NOTICES, done)) return NOTICES[done] ?? null;
  return Object.hasOwn(ACTIONS, done) ? (ACTIONS[done]?.notice ?? null) : null;
}

function bulkInvalid(message: string): AppError {
  return new AppError({ code: 'COMMENT_BULK_INVALID', kind: 'invalid', message });
}

/** The ids ticked in the bulk form (one or many `ids` fields). */
function bulkIds(value: unknown): number[] {
  const list = value === undefined ? [] : [value].flat();
  if (list.length > BULK_FIELD_MAX) throw bulkInvalid(`Tick at most ${BULK_FIELD_MAX} comments at once.`);
  if (!list.every(isId)) throw bulkInvalid('The ticked comments could not be read: reload the list and try again.');
  return list.map(Number);
}

export function registerCommentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerCommentEditRoutes(app, deps);
  app.get<{ Querystring: Fields }>(ADMIN_PATHS.comments, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const q = request.query;
    return sendModerationList(deps, request, reply, user, viewOf(q.status, q.paged, q.s, q.post), { notice: noticeFor(q) });
  });

  app.post<{ Body: Fields }>(`${ADMIN_PATHS.comments}/bulk`, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const action = typeof body.action === 'string' ? body.action : '';
    let ids: number[];
    try {
      if (!isBulkAction(action)) throw bulkInvalid('Choose a bulk action (approve, spam, trash…) before applying it.');
      ids = bulkIds(body.ids);
      if (ids.length === 0) throw bulkInvalid('Tick the comments to apply the bulk action to.');
    } catch (error) {
      if (!isAppError(error) || error.code !== 'COMMENT_BULK_INVALID') throw error;
      // The list comes back as it was, the refusal above it: nothing was changed.
      return sendModerationList(deps, request, reply, user, returnView(body), { notice: null, alert: error.message, status: 400 });
    }
    const changed = await deps.services.comments.bulk(ids, action);
    request.log.info({ action, asked: ids.length, changed, userId: user.id }, 'comments moderated in bulk');
    return markAdminResponse(reply).redirect(moderationHref(returnView(body), { done: action, count: String(changed) }), 303);
  });

  app.post<{ Params: { id: string; action: string }; Body: Fields }>(
    `${ADMIN_PATHS.comments}/:id/:action`,
    { config: MODERATE },
    async (request, reply) => {
      const user = await requireUser(request, deps.services);
      const body = request.body ?? {};
      deps.csrf.verify(request, body._csrf);
      const action = Object.hasOwn(ACTIONS, request.params.action) ? ACTIONS[request.params.action] : undefined;
      if (!action) throw noSuchList();
      if (!isId(request.params.id)) throw commentNotFound();
      const id = Number(request.params.id);
      if (request.params.action === 'ban') {
        const terms = { reason: banReasonOf(body.reason), expiresAt: banExpiryOf(body.duration, deps.clock.now()) };
        await deps.services.comments.banAuthor(id, terms, user.id);
      } else if (action.to === null) await deps.services.comments.deletePermanently(id);
      else await deps.services.comments.setStatus(id, action.to);
      request.log.info({ commentId: id, action: request.params.action, userId: user.id }, 'comment moderated');
      // The Dashboard's quick buttons come back to the Dashboard (a fixed address: never one the form names).
      if (body.return === 'dashboard') return markAdminResponse(reply).redirect(`${ADMIN_PATHS.home}?done=${request.params.action}`, 303);
      return markAdminResponse(reply).redirect(moderationHref(returnView(body), { done: request.params.action }), 303);
    },
  );
}
