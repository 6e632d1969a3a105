// /admin/posts and /admin/pages: the lists, their row actions (Trash, Restore, Delete Permanently) and bulk actions.
// Each item is checked against the posts policy; the notice says how many changed and why others did not.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type Post, type PostType, canDeletePost, canEditPost, canPublishPost, postForbidden, postNotFound,
} from '../../features/posts/index.js';
import { buildTermTree } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import { invalidInput, isAppError } from '../../kernel/errors.js';
import { renderPostList } from '../../../themes/default/index.js';
import type { AccessRule } from '../access.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { categoryOptions, parseId } from './editor.page.js';
import { idsOf, textOf } from './editor.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { listFilters, listNotice, safeReturn } from './posts-list.js';
import { ADMIN_PATHS } from './present.js';
import {
  type ListQuery, PER_PAGE, bulkOptions, listColumns, listHref, listPath, postQueryOf, presentRow, readListQuery, statusLinks,
} from './posts.present.js';

type Fields = Readonly<Record<string, unknown>>;
type Why = 'edit' | 'publish' | 'delete';

const MAX_BULK = 200;
const LIST_ACCESS: Readonly<Record<PostType, { access: AccessRule }>> = {
  post: { access: { capability: 'edit_posts' } },
  page: { access: { capability: 'edit_pages' } },
};
const WRITE = LIST_ACCESS.post;

export function registerPostListRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { posts, taxonomy, users, settings } = deps.services;
  const resolveAuthor = (id: number) => users.findById(id);

  /** The page of items the list shows, with what its rows name (authors, terms) and the site's date settings. */
  async function loadRows(q: ListQuery, user: User) {
    const termIds = q.cat ? await taxonomy.categoryWithDescendants(Number(q.cat))
      : q.tag ? [(await taxonomy.findBySlug('post_tag', q.tag))?.id ?? -1] : undefined;
    const [list, site] = await Promise.all([posts.list(postQueryOf(q, user, termIds)), settings.get()]);
    const [authors, terms] = await Promise.all([
      users.listByIds([...new Set(list.items.map((p) => p.authorId))]), taxonomy.termsOfPosts(list.items.map((p) => p.id)),
    ]);
    const ctx = { user, authors: new Map(authors.map((a) => [a.id, a])), terms, language: site.language, timeZone: site.timezone, query: q };
    return { rows: list.items.map((p) => presentRow(p, ctx)), total: list.total };
  }

  async function sendList(request: FastifyRequest<{ Querystring: Fields }>, reply: FastifyReply, type: PostType) {
    const user = await requireUser(request, deps.services);
    const q = readListQuery(type, request.query);
    const [{ rows, total }, counts] = await Promise.all([loadRows(q, user), posts.countByStatus(type)]);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const heading = type === 'page' ? 'Pages' : 'Posts';
    const categories = type === 'post' ? buildTermTree(await taxonomy.listWithCounts('category')) : [];
    const main = renderPostList({
      heading,
      addNewHref: type === 'page' ? ADMIN_PATHS.newPage : ADMIN_PATHS.newPost,
      notice: listNotice(request.query, type),
      statusLinks: statusLinks(q, counts, user),
      listPath: listPath(type),
      hidden: q.status === 'all' ? [] : [{ name: 'post_status', value: q.status }],
      search: q.s,
      filters: await listFilters(deps, q, categories),
      columns: listColumns(q),
      rows,
      emptyMessage: q.status === 'trash' ? `No ${heading.toLowerCase()} found in Trash.` : `No ${heading.toLowerCase()} found.`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      bulkAction: `${listPath(type)}/bulk`,
      bulkOptions: bulkOptions(type, user, q.status),
      bulkCategories: type === 'post' && q.status !== 'trash' ? categoryOptions(categories) : null,
      returnTo: listHref(q),
      pagination: {
        page: q.paged, pages, total,
        previousHref: q.paged > 1 ? listHref(q, { paged: q.paged - 1 }) : null,
        nextHref: q.paged < pages ? listHref(q, { paged: q.paged + 1 }) : null,
      },
    });
    return sendAdminPage(deps, request, reply, { pageTitle: heading, user, section: type === 'page' ? 'pages' : 'posts' }, main);
  }

  /** Does one action to one item, or says why this person may not. */
  async function actOn(post: Post, action: string, user: User, categoryId: number | undefined): Promise<Why | null> {
    if (action === 'trash' || action === 'restore' || action === 'delete') {
      if (!canDeletePost(user, post)) return 'delete';
      if (action === 'trash') await posts.trash(post.id, user);
      else if (action === 'restore') await posts.restore(post.id, user);
      else await posts.deletePermanently(post.id, user);
      return null;
    }
    if (!canEditPost(user, post)) return 'edit';
    if (action === 'publish') {
      if (!canPublishPost(user, post.type)) return 'publish';
      if (post.status !== 'published') await posts.update(post.id, { status: 'published' }, user, resolveAuthor);
      return null;
    }
    const current = (await taxonomy.termsOfPosts([post.id])).get(post.id) ?? [];
    await taxonomy.setPostTerms(post.id, [...current.map((t) => t.id), categoryId as number]);
    return null;
  }

  async function bulk(request: FastifyRequest<{ Body: Fields }>, reply: FastifyReply, type: PostType) {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const action = textOf(body.bulk_action);
    if (!['publish', 'trash', 'restore', 'delete', 'add-category'].includes(action)) throw invalidInput('POSTS_BULK_INVALID', 'Choose a bulk action to apply.');
    const ids = [...new Set(idsOf(body.post))];
    if (ids.length === 0) throw invalidInput('POSTS_BULK_INVALID', `Select at least one ${type} to apply “${action}” to.`);
    if (ids.length > MAX_BULK) throw invalidInput('POSTS_BULK_INVALID', `At most ${MAX_BULK} items can be changed at once.`);
    let categoryId: number | undefined;
    if (action === 'add-category') {
      const wanted = Number(textOf(body.category));
      if (type !== 'post' || !(await taxonomy.listWithCounts('category')).some((c) => c.id === wanted)) throw invalidInput('POSTS_BULK_INVALID', 'Choose a category from the list.');
      categoryId = wanted;
    }
    let changed = 0;
    const refused: Why[] = [];
    for (const id of ids) {
      const post = await posts.findById(id);
      if (!post || post.type !== type) continue;
      const why = await actOn(post, action, user, categoryId).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'POST_FORBIDDEN') return 'edit' as const;
        throw error;
      });
      if (why) refused.push(why);
      else changed += 1;
    }
    request.log.info({ userId: user.id, action, changed, refused: refused.length }, 'bulk action on posts');
    const result = { done: action, changed: String(changed), refused: String(refused.length), ...(refused[0] ? { why: refused[0] } : {}) };
    return markAdminResponse(reply).redirect(safeReturn(textOf(body.return), type, result), 303);
  }

  for (const type of ['post', 'page'] as const) {
    app.get<{ Querystring: Fields }>(listPath(type), { config: LIST_ACCESS[type] }, (request, reply) => sendList(request, reply, type));
    app.post<{ Body: Fields }>(`${listPath(type)}/bulk`, { config: LIST_ACCESS[type] }, (request, reply) => bulk(request, reply, type));
  }

  // Row actions: the list's form sent to the item's own address (its other fields are ignored).
  for (const action of ['trash', 'restore', 'delete'] as const) {
    app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.posts}/:id/${action}`, { config: WRITE }, async (request, reply) => {
      const user = await requireUser(request, deps.services);
      const id = parseId(request.params.id);
      const post = await posts.findById(id);
      if (!post) throw postNotFound(id);
      deps.csrf.verify(request, (request.body ?? {})._csrf);
      if (await actOn(post, action, user, undefined)) throw postForbidden('Your role does not allow you to delete this item.');
      request.log.info({ userId: user.id, postId: post.id, action }, 'post row action');
      const result = { done: action, changed: '1', refused: '0' };
      return markAdminResponse(reply).redirect(safeReturn(textOf((request.body ?? {}).return), post.type, result), 303);
    });
  }
}
