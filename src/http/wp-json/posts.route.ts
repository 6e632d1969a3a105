// /wp/v2/posts and /wp/v2/pages: list, read, create, update, trash and delete, as WordPress 6.1 answers them.
// Who may do what is the posts policy's answer, asked here first so each refusal gets WordPress's own code.
import {
  type Post, type PostCard, type PostChanges, type PostType,
  canAssignAuthor, canCreatePost, canDeletePost, canEditPost, canPublishPost, canReadUnpublished, isPublishingStatus,
} from '../../features/posts/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import { collectionResponse, windowOf } from './collection.js';
import { apiUrl } from './links.js';
import { postArgs } from './posts.args.js';
import { postChangesOf } from './posts.input.js';
import { type WpContext, presentPost } from './posts.present.js';
import { listPage, statusesOf } from './posts.query.js';
import { revisionsOf } from './revisions.route.js';
import { wpError } from './wp-error.js';

/** 401 for anonymous callers, 403 for signed-in ones: WordPress's rest_authorization_required_code(). */
const denied = (caller: User | undefined) => (caller ? 403 : 401);

// Our field names in POST_INVALID as WordPress's argument names.
const WP_FIELD: Readonly<Record<string, string>> = { source: 'content', publishedAt: 'date' };

/** POST_INVALID's fields renamed to the arguments the client sent. */
function asWpError(error: unknown): unknown {
  if (!isAppError(error) || error.code !== 'POST_INVALID') return error;
  const fields = (error.details?.fields ?? {}) as Record<string, string>;
  const params = Object.fromEntries(Object.entries(fields).map(([name, message]) => [WP_FIELD[name] ?? name, message]));
  return wpError('rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, 400, { params });
}

function createPostHandlers(api: WpApi, type: PostType) {
  const { deps } = api;
  const { posts, taxonomy, settings, users } = deps.services;
  const collection = type === 'page' ? '/wp/v2/pages' : '/wp/v2/posts';
  const noun = type === 'page' ? 'pages' : 'posts';

  /** Items in WordPress's shape; full posts (with their text) also get their revisions counted, for those who may edit them. */
  async function present(items: readonly (PostCard | Post)[], context: WpContext, caller: User | undefined) {
    const [terms, { timezone }, pages, permalinkOf] = await Promise.all([
      taxonomy.termsOfPosts(items.map((p) => p.id)), settings.get(), posts.publishedPages(), posts.permalinks(),
    ]);
    const revisions = await Promise.all(items.map((p) => ('source' in p ? revisionsOf(api, p, caller) : undefined)));
    return items.map((post, i) => presentPost(post, {
      deps, timezone, context, terms: terms.get(post.id) ?? [], pages, permalinkOf, revisionIds: revisions[i]?.map((r) => r.id),
    }));
  }

  async function load(id: number): Promise<Post> {
    const post = await posts.findById(id);
    if (!post || post.type !== type) throw wpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    return post;
  }

  async function list(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const context = (args.string('context') ?? 'view') as WpContext;
    if (context === 'edit' && !(caller && canCreatePost(caller, type))) {
      throw wpError('rest_forbidden_context', `Sorry, you are not allowed to edit ${noun} in this post type.`, denied(caller));
    }
    const statuses = statusesOf(args, type, caller);
    const window = windowOf(request);
    // Quire has no sticky posts: asking for only sticky ones finds none.
    if (args.boolean('sticky') === true) return collectionResponse(deps, request, window, 0, []);
    const { items, total } = await listPage((q) => posts.list(q), args, type, statuses, window);
    // As WordPress: items the caller may not read are left out of the page (the total still counts them).
    const readable = items.filter((p) => p.status === 'published' || (caller !== undefined && canReadUnpublished(caller, p)));
    // Writers get the full posts: the text in the edit context, the revision count in the links.
    const full = caller && canCreatePost(caller, type)
      ? (await Promise.all(readable.map((p) => posts.findById(p.id)))).filter((p): p is Post => p !== undefined)
      : readable;
    return collectionResponse(deps, request, window, total, await present(full, context, caller));
  }

  async function read({ args, caller }: WpRequest): Promise<WpResponse> {
    const post = await load(args.integer('id') ?? 0);
    if (post.status !== 'published' && !(caller && canReadUnpublished(caller, post))) {
      throw wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', denied(caller));
    }
    const context = (args.string('context') ?? 'view') as WpContext;
    if (context === 'edit' && !(caller && canEditPost(caller, post))) {
      throw wpError('rest_forbidden_context', 'Sorry, you are not allowed to edit this post.', denied(caller));
    }
    const [body] = await present([post], context, caller);
    // As WordPress: the page readers see, for clients that want to open it.
    const link = (body as { link?: unknown } | undefined)?.link;
    return { body, headers: typeof link === 'string' ? { Link: `<${link}>; rel="alternate"; type=text/html` } : {} };
  }

  /** Refusals of a write WordPress names apart: another author, publishing. */
  function checkWrite(caller: User, changes: PostChanges, before: Post | undefined): void {
    if (changes.authorId !== undefined && changes.authorId !== (before?.authorId ?? caller.id) && !canAssignAuthor(caller, changes.authorId)) {
      throw wpError('rest_cannot_edit_others', `Sorry, you are not allowed to ${before ? 'update' : 'create'} ${noun} as this user.`, 403);
    }
    const status = changes.status ?? before?.status ?? 'draft';
    if (isPublishingStatus(status) && status !== before?.status && !canPublishPost(caller, type)) {
      throw wpError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403);
    }
  }

  async function create({ args, caller }: WpRequest): Promise<WpResponse> {
    if (!caller || !canCreatePost(caller, type)) throw wpError('rest_cannot_create', `Sorry, you are not allowed to create ${noun} as this user.`, denied(caller));
    const { timezone } = await settings.get();
    const changes = await postChangesOf({ args, type, services: deps.services, timezone, now: deps.clock.now() });
    checkWrite(caller, changes, undefined);
    const { authorId = caller.id, title = '', source = '', ...rest } = changes;
    const author = authorId === caller.id ? caller : ((await users.findById(authorId)) as User);
    const post = await posts
      .create({ ...rest, type, title, source, format: 'html', status: changes.status ?? 'draft' }, author, caller)
      .catch((error: unknown) => Promise.reject(asWpError(error)));
    // Its first state is its first revision, as the admin's editor (and WordPress) keep it.
    await deps.services.revisions.record(post, caller);
    const [body] = await present([post], 'edit', caller);
    return { status: 201, body, headers: { Location: apiUrl(deps, `${collection}/${post.id}`) } };
  }

  async function update({ args, caller }: WpRequest): Promise<WpResponse> {
    const before = await load(args.integer('id') ?? 0);
    if (!caller || !canEditPost(caller, before)) throw wpError('rest_cannot_edit', 'Sorry, you are not allowed to edit this post.', denied(caller));
    const { timezone } = await settings.get();
    const changes = await postChangesOf({ args, type, services: deps.services, timezone, now: deps.clock.now(), existing: before });
    checkWrite(caller, changes, before);
    const post = await posts.update(before.id, changes, caller, (id) => users.findById(id)).catch((error: unknown) => Promise.reject(asWpError(error)));
    const [body] = await present([post], 'edit', caller);
    return { body };
  }

  async function remove({ args, caller }: WpRequest): Promise<WpResponse> {
    const post = await load(args.integer('id') ?? 0);
    if (!caller || !canDeletePost(caller, post)) throw wpError('rest_cannot_delete', 'Sorry, you are not allowed to delete this post.', denied(caller));
    if (args.boolean('force') === true) {
      const [previous] = await present([post], 'edit', caller);
      await posts.deletePermanently(post.id, caller);
      return { body: { deleted: true, previous } };
    }
    if (post.status === 'trash') throw wpError('rest_already_trashed', 'The post has already been deleted.', 410);
    const [body] = await present([await posts.trash(post.id, caller)], 'edit', caller);
    return { body };
  }

  return { list, read, create, update, remove };
}

export function registerPostRoutes(api: WpApi): void {
  for (const type of ['post', 'page'] as const) {
    const path = type === 'page' ? '/wp/v2/pages' : '/wp/v2/posts';
    const args = postArgs(type);
    const handlers = createPostHandlers(api, type);
    api.route(path, { methods: ['GET'], args: args.list, handler: handlers.list });
    api.route(path, { methods: ['POST'], args: args.create, handler: handlers.create });
    api.route(`${path}/:id`, { methods: ['GET'], args: args.read, handler: handlers.read });
    api.route(`${path}/:id`, { methods: ['POST', 'PUT', 'PATCH'], args: args.update, handler: handlers.update });
    api.route(`${path}/:id`, { methods: ['DELETE'], args: args.delete, handler: handlers.remove });
  }
}
