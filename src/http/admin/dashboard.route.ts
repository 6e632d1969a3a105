// GET /admin/: the Dashboard (At a Glance, Activity, Quick Draft), and POST /admin/quick-draft: a new draft by the
// signed-in person, its errors kept in the box.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type User, can } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderDashboard } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import {
  type GlanceCounts, type QuickDraftValues, presentDrafts, presentGlance, presentRecentComments, quickDraftFields,
} from './dashboard.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS, roleLabel } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

export const QUICK_DRAFT_PATH = '/admin/quick-draft';
const RECENT = 5;
const NOTICES: Readonly<Record<string, string>> = {
  approve: 'Comment approved.', spam: 'Comment marked as spam.', draft: 'Draft saved.',
};
const text = (value: unknown) => (typeof value === 'string' ? value : '');

interface QuickDraftForm {
  readonly values: QuickDraftValues;
  readonly errors: Readonly<Record<string, string>>;
}

async function glanceOf(deps: HttpDeps, user: User): Promise<GlanceCounts> {
  const { posts, comments } = deps.services;
  const [postCounts, pageCounts, commentCounts] = await Promise.all([
    can(user.role, 'edit_posts') ? posts.countByStatus('post') : undefined,
    can(user.role, 'edit_pages') ? posts.countByStatus('page') : undefined,
    can(user.role, 'moderate_comments') ? comments.countsByStatus() : undefined,
  ]);
  return { posts: postCounts, pages: pageCounts, comments: commentCounts };
}

async function sendDashboard(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, user: User, notice: string | null, form: QuickDraftForm, status = 200,
) {
  const { posts, comments, settings } = deps.services;
  const moderates = can(user.role, 'moderate_comments');
  const writes = can(user.role, 'edit_posts');
  const [glance, pending, approved, drafts, site] = await Promise.all([
    glanceOf(deps, user),
    moderates ? comments.listFiltered({ status: 'pending', page: 1 }) : undefined,
    moderates ? comments.listFiltered({ status: 'approved', page: 1 }) : undefined,
    writes ? posts.list({ type: 'post', statuses: ['draft'], authorIds: [user.id], orderBy: 'modified', limit: RECENT, offset: 0 }) : undefined,
    settings.get(),
  ]);
  const main = renderDashboard({
    heading: `Hello, ${user.displayName}`,
    roleLabel: roleLabel(user.role),
    notice,
    glance: presentGlance(glance),
    comments: pending && approved ? presentRecentComments([pending.comments, approved.comments], RECENT) : null,
    drafts: drafts ? presentDrafts(drafts.items, site.language, site.timezone) : null,
    quickDraft: writes
      ? { action: QUICK_DRAFT_PATH, fields: quickDraftFields(form.values, form.errors), errorSummary: Object.keys(form.errors).length > 0 ? 'The draft was not saved:' : null }
      : null,
    csrfToken: deps.csrf.tokenFor(request, reply),
    returnTo: 'dashboard',
  });
  const options = { pageTitle: 'Dashboard', user, section: 'dashboard', pendingComments: glance.comments?.pending } as const;
  return sendAdminPage(deps, request, reply, options, main, status);
}

export function registerDashboardRoute(app: FastifyInstance, deps: HttpDeps): void {
  app.get<{ Querystring: Fields }>(ADMIN_PATHS.home, { config: { access: { capability: 'read' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const done = text(request.query.done);
    const notice = Object.hasOwn(NOTICES, done) ? (NOTICES[done] ?? null) : null;
    return sendDashboard(deps, request, reply, user, notice, { values: { title: '', content: '' }, errors: {} });
  });

  app.post<{ Body: Fields }>(QUICK_DRAFT_PATH, { config: { access: { capability: 'edit_posts' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const values = { title: text(body.title), content: text(body.content) };
    try {
      const draft = await deps.services.posts.create({ title: values.title, source: values.content, status: 'draft' }, user, user);
      request.log.info({ postId: draft.id, userId: user.id }, 'quick draft saved');
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'too_large')) throw error;
      const fields = (error.details?.fields ?? { title: error.message }) as Record<string, string>;
      const errors = { ...(fields.title ? { title: fields.title } : {}), ...(fields.source ? { content: fields.source } : {}) };
      const shown = Object.keys(errors).length > 0 ? errors : { title: error.message };
      return sendDashboard(deps, request, reply, user, null, { values, errors: shown }, statusOf(error.kind));
    }
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.home}?done=draft#quick-draft`, 303);
  });
}
