// The Comments screen as sent: the list of one view with its tabs, search, post filter and bulk form; the list
// routes and the reply route (which shows a refused reply in place) both send it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { renderModeration } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import {
  type ItemContext, type ModerationView, bulkOptions, hiddenViewFields, moderationHref, presentModerationItem, presentPagination, presentTabs,
} from './comments.present.js';
import { sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

export const MODERATE = { access: { capability: 'moderate_comments' } } as const;

/** Sends the moderation list of `view`; `ctx.reply` shows a refused reply open under its comment. */
export async function sendModerationList(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, user: User, view: ModerationView,
  extra: { readonly notice: string | null; readonly alert?: string; readonly reply?: ItemContext['reply']; readonly status?: number },
) {
  const { comments, settings, posts } = deps.services;
  const [counts, list, site, post] = await Promise.all([
    comments.countsByStatus(), comments.listFiltered({ ...view, postId: view.postId }), settings.get(),
    view.postId === undefined ? undefined : posts.findById(view.postId),
  ]);
  const ctx: ItemContext = { language: site.language, timeZone: site.timezone, reply: extra.reply };
  const main = renderModeration({
    heading: 'Comments',
    notice: extra.notice,
    tabs: presentTabs(counts, view.status),
    comments: list.comments.map((c) => presentModerationItem(c, ctx)),
    emptyMessage: view.search || view.postId !== undefined ? 'No comments match.'
      : view.status === 'pending' ? 'No comments are awaiting moderation.' : 'There are no comments here.',
    csrfToken: deps.csrf.tokenFor(request, reply),
    hidden: hiddenViewFields(view),
    pagination: presentPagination(view, list),
    search: { action: ADMIN_PATHS.comments, value: view.search, status: view.status, postId: view.postId === undefined ? '' : String(view.postId) },
    postFilter: view.postId === undefined ? null
      : { label: post?.title || '(no title)', clearHref: moderationHref({ ...view, postId: undefined, page: 1 }) },
    bulk: { action: `${ADMIN_PATHS.comments}/bulk`, options: bulkOptions(view.status) },
    alert: extra.alert ?? null,
  });
  const options = { pageTitle: 'Comments', user, section: 'comments', pendingComments: counts.pending } as const;
  return sendAdminPage(deps, request, reply, options, main, extra.status);
}

