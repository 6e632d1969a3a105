// /admin/comments: the moderation list by status, and one POST form per action (approve, spam, delete…).
import type { FastifyInstance } from 'fastify';
import { type CommentStatus, commentNotFound, isCommentStatus } from '../../features/comments/index.js';
import { AppError } from '../../kernel/errors.js';
import { renderModeration } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { banExpiryOf, banReasonOf } from './ban-terms.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import {
  ADMIN_PATHS, moderationHref, presentModerationComment, presentModerationPagination, presentTabs,
} from './present.js';

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

const MODERATE = { access: { capability: 'moderate_comments' } } as const;
const PAGE = /^[1-9]\d{0,5}$/;
const ID = /^[1-9]\d{0,9}$/;
// Ids are 32-bit integers on PostgreSQL: a larger number would fail in the database rather than find nothing.
const MAX_ID = 2_147_483_647;

function noSuchList(): AppError {
  return new AppError({ code: 'PAGE_NOT_FOUND', kind: 'not_found', message: 'There is no such list of comments.' });
}

/** ?status= and ?paged= (or the form's view/paged fields): pending page 1 when absent, 404 when nonsense. */
function listQuery(status: unknown, paged: unknown): { status: CommentStatus; page: number } {
  const s = status === undefined || status === '' ? 'pending' : status;
  const p = paged === undefined || paged === '' ? '1' : paged;
  if (typeof s !== 'string' || !isCommentStatus(s) || typeof p !== 'string' || !PAGE.test(p)) throw noSuchList();
  return { status: s, page: Number(p) };
}

/** The list to go back to after an action; a tampered view or page falls back to the pending list. */
function returnList(body: Fields): { status: CommentStatus; page: number } {
  try {
    return listQuery(body.view, body.paged);
  } catch {
    return { status: 'pending', page: 1 };
  }
}

function noticeFor(done: unknown): string | null {
  return typeof done === 'string' && Object.hasOwn(ACTIONS, done) ? (ACTIONS[done]?.notice ?? null) : null;
}

export function registerCommentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get<{ Querystring: Fields }>(ADMIN_PATHS.comments, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const { status, page } = listQuery(request.query.status, request.query.paged);
    const [counts, list, settings] = await Promise.all([
      deps.services.comments.countsByStatus(), deps.services.comments.listForModeration({ status, page }), deps.services.settings.get(),
    ]);
    const main = renderModeration({
      heading: 'Comments',
      notice: noticeFor(request.query.done),
      tabs: presentTabs(counts, status),
      comments: list.comments.map((c) => presentModerationComment(c, settings.language, settings.timezone)),
      emptyMessage: status === 'pending' ? 'No comments are awaiting moderation.' : 'There are no comments here.',
      csrfToken: deps.csrf.tokenFor(request, reply),
      hidden: [{ name: 'view', value: status }, { name: 'paged', value: String(page) }],
      pagination: presentModerationPagination(status, list),
    });
    const options = { pageTitle: 'Comments', user, section: 'comments', pendingComments: counts.pending } as const;
    return sendAdminPage(deps, request, reply, options, main);
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
      if (!ID.test(request.params.id) || Number(request.params.id) > MAX_ID) throw commentNotFound();
      const id = Number(request.params.id);
      if (request.params.action === 'ban') {
        const terms = { reason: banReasonOf(body.reason), expiresAt: banExpiryOf(body.duration, deps.clock.now()) };
        await deps.services.comments.banAuthor(id, terms, user.id);
      } else if (action.to === null) await deps.services.comments.deletePermanently(id);
      else await deps.services.comments.setStatus(id, action.to);
      request.log.info({ commentId: id, action: request.params.action, userId: user.id }, 'comment moderated');
      const back = returnList(body);
      return markAdminResponse(reply).redirect(moderationHref(back.status, back.page, request.params.action), 303);
    },
  );
}
