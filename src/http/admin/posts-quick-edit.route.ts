// /admin/posts/:id/quick-edit: title, slug, status and categories of one item without opening the editor.
// A plain form (no script needed); saved through the posts service like any other save.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Post, type PostStatus, canPublishPost } from '../../features/posts/index.js';
import { buildTermTree } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderQuickEdit } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { categoryChoices, editablePost, refuseTrashed } from './editor.page.js';
import { formFieldErrors, idsOf, statusLabel, textOf } from './editor.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { safeReturn } from './posts-list.js';
import { listPath } from './posts.present.js';

type Fields = Readonly<Record<string, unknown>>;

const QUICK_EDIT = '/admin/posts/:id/quick-edit';
const WRITE = { access: { capability: 'edit_posts' } } as const;

interface Typed {
  readonly title: string;
  readonly slug: string;
  readonly status: string;
  readonly categoryIds: readonly number[];
}

/** The statuses Quick Edit offers: those this person may give (WordPress's dropdown; Scheduled only via a date). */
function statusesFor(user: User, post: Post): PostStatus[] {
  const publishing: PostStatus[] = canPublishPost(user, post.type) ? ['published', 'private'] : [];
  const current: PostStatus[] = post.status === 'scheduled' ? ['scheduled'] : [];
  return [...publishing, ...current, 'pending', 'draft'];
}

export function registerQuickEditRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { posts, taxonomy, users } = deps.services;

  async function page(
    request: FastifyRequest, reply: FastifyReply, user: User, post: Post, typed: Typed, returnTo: string,
    errors: Readonly<Record<string, string>> = {},
  ) {
    const main = renderQuickEdit({
      heading: `Quick Edit: ${post.title}`,
      action: `/admin/posts/${post.id}/quick-edit`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      returnTo,
      errorSummary: Object.keys(errors).length > 0 ? 'The changes were not saved. Please correct the following:' : null,
      errors,
      ...typed,
      statuses: statusesFor(user, post).map((s) => ({ value: s, label: statusLabel(s) })),
      categories: post.type === 'post' ? categoryChoices(buildTermTree(await taxonomy.listWithCounts('category')), new Set(typed.categoryIds)) : null,
      cancelHref: returnTo || listPath(post.type),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Quick Edit', user, section: post.type === 'page' ? 'pages' : 'posts' }, main, Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get<{ Params: { id: string }; Querystring: Fields }>(QUICK_EDIT, { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = refuseTrashed(await editablePost(deps, request.params.id, user));
    const terms = (await taxonomy.termsOfPosts([post.id])).get(post.id) ?? [];
    const typed = { title: post.title, slug: post.slug, status: post.status, categoryIds: terms.filter((t) => t.taxonomy === 'category').map((t) => t.id) };
    return page(request, reply, user, post, typed, safeReturn(textOf(request.query.return), post.type, {}).replace(/\?$/, ''));
  });

  app.post<{ Params: { id: string }; Body: Fields }>(QUICK_EDIT, { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = refuseTrashed(await editablePost(deps, request.params.id, user));
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const typed = { title: textOf(body.title), slug: textOf(body.slug).trim(), status: textOf(body.status), categoryIds: idsOf(body.categories) };
    const returnTo = safeReturn(textOf(body.return), post.type, {}).replace(/\?$/, '');
    const errors: Record<string, string> = {};
    if (!statusesFor(user, post).includes(typed.status as PostStatus)) errors.status = 'Choose a status from the list.';
    const terms = (await taxonomy.termsOfPosts([post.id])).get(post.id) ?? [];
    const known = new Set((await taxonomy.listWithCounts('category')).map((c) => c.id));
    if (typed.categoryIds.some((id) => !known.has(id))) errors.categories = 'Choose categories from the list.';
    if (Object.keys(errors).length > 0) return page(request, reply, user, post, typed, returnTo, errors);
    const tagIds = terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.id);
    try {
      await posts.update(post.id, {
        title: typed.title, status: typed.status as PostStatus,
        ...(typed.slug === '' ? {} : { slug: typed.slug, onSlugTaken: 'refuse' as const }),
        ...(post.type === 'post' ? { termIds: [...typed.categoryIds, ...tagIds] } : {}),
      }, user, (id) => users.findById(id));
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'POST_INVALID' && error.code !== 'POST_SLUG_TAKEN')) throw error;
      return page(request, reply, user, post, typed, returnTo, formFieldErrors(error.details?.fields));
    }
    request.log.info({ userId: user.id, postId: post.id }, 'post quick-edited');
    return markAdminResponse(reply).redirect(safeReturn(returnTo, post.type, { done: 'updated', changed: '1', refused: '0' }), 303);
  });
}
