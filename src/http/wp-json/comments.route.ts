// /wp/v2/comments: the list and one comment as WordPress shows them (approved comments of published posts to
// everyone; held, spam and trash to moderators), and the writes of comments.write.ts registered beside them.
import type { CommentQuery, CommentStatus, QueriedComment } from '../../features/comments/index.js';
import { canReadUnpublished } from '../../features/posts/index.js';
import { type User, can } from '../../features/users/index.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { PAGING_ARGS, collectionResponse, windowOf } from './collection.js';
import { COMMENT_CONTEXT, commentNotFound, commentPresenter, findComment, isModerator } from './comments.access.js';
import type { CommentPresentation } from './comments.present.js';
import { registerCommentWrites } from './comments.write.js';

const LIST_ARGS: ArgSpecs = {
  context: COMMENT_CONTEXT,
  ...PAGING_ARGS,
  search: { type: 'string', description: 'Limit results to those matching a string.' },
  author: { type: 'array', items: { type: 'integer' }, description: 'Limit result set to comments assigned to specific user IDs. Requires authorization.' },
  author_exclude: { type: 'array', items: { type: 'integer' }, description: 'Ensure result set excludes comments assigned to specific user IDs. Requires authorization.' },
  author_email: { type: 'string', description: 'Limit result set to that from a specific author email. Requires authorization.' },
  exclude: { type: 'array', items: { type: 'integer' }, default: [], description: 'Ensure result set excludes specific IDs.' },
  include: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to specific IDs.' },
  order: { type: 'string', enum: ['asc', 'desc'], default: 'desc', description: 'Order sort attribute ascending or descending.' },
  orderby: { type: 'string', enum: ['date', 'date_gmt', 'id'], default: 'date_gmt', description: 'Sort collection by comment attribute.' },
  parent: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to comments of specific parent IDs.' },
  parent_exclude: { type: 'array', items: { type: 'integer' }, default: [], description: 'Ensure result set excludes specific parent IDs.' },
  post: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to comments assigned to specific post IDs.' },
  status: { type: 'string', enum: ['approve', 'hold', 'spam', 'trash', 'all'], default: 'approve', description: 'Limit result set to comments assigned a specific status. Requires authorization.' },
  type: { type: 'string', default: 'comment', description: 'Limit result set to comments assigned a specific type. Requires authorization.' },
};

const STATUS_QUERY: Readonly<Record<string, readonly CommentStatus[]>> = {
  approve: ['approved'], hold: ['pending'], spam: ['spam'], trash: ['trash'], all: ['pending', 'approved'],
};

/** WordPress's check_read_permission: an approved comment of a readable post; else its own author or a moderator. */
async function canRead(api: WpApi, comment: QueriedComment, caller: User | undefined): Promise<boolean> {
  if (isModerator(caller)) return true;
  if (caller && comment.userId === caller.id) return true;
  if (comment.status !== 'approved') return false;
  const post = await api.deps.services.posts.findById(comment.postId);
  return post !== undefined && (post.status === 'published' || (caller !== undefined && canReadUnpublished(caller, post)));
}

/** WordPress refuses the filters only staff may use, naming them (rest_forbidden_param), before anything is read. */
function checkListPermissions(request: WpRequest): void {
  const { args, caller } = request;
  if (args.string('context') === 'edit' && !isModerator(caller)) {
    throw permissionRefusal(caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit comments.');
  }
  const forbidden: string[] = [];
  if (!(caller && can(caller.role, 'edit_posts'))) {
    for (const name of ['author', 'author_exclude', 'author_email']) if (args.has(name)) forbidden.push(name);
  }
  if (args.string('type') !== 'comment' && !(caller && can(caller.role, 'edit_posts'))) forbidden.push('type');
  if (args.string('status') !== 'approve' && !isModerator(caller)) forbidden.push('status');
  if (forbidden.length > 0) throw permissionRefusal(caller, 'rest_forbidden_param', `Query parameter not permitted: ${forbidden.join(', ')}`);
}

async function checkPostsReadable(api: WpApi, postIds: readonly number[], caller: User | undefined): Promise<void> {
  for (const id of postIds) {
    const post = await api.deps.services.posts.findById(id);
    if (post && post.status !== 'published' && !(caller && canReadUnpublished(caller, post))) {
      throw permissionRefusal(caller, 'rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.');
    }
  }
}

function queryOf(request: WpRequest, offset: number, limit: number): CommentQuery {
  const { args, caller } = request;
  const nonEmpty = (list: readonly number[] | undefined) => (list && list.length > 0 ? list : undefined);
  return {
    statuses: STATUS_QUERY[args.string('status') ?? 'approve'] ?? ['approved'],
    publishedPostsOnly: !isModerator(caller),
    postIds: nonEmpty(args.integers('post')),
    parentIds: nonEmpty(args.integers('parent')),
    parentExclude: nonEmpty(args.integers('parent_exclude')),
    authorIds: nonEmpty(args.integers('author')),
    authorExclude: nonEmpty(args.integers('author_exclude')),
    authorEmail: args.string('author_email'),
    include: nonEmpty(args.integers('include')),
    exclude: nonEmpty(args.integers('exclude')),
    search: args.string('search'),
    orderBy: args.string('orderby') === 'id' ? 'id' : 'date',
    order: args.string('order') === 'asc' ? 'asc' : 'desc',
    limit,
    offset,
  };
}

export function registerCommentRoutes(api: WpApi): void {
  async function list(request: WpRequest): Promise<WpResponse> {
    checkListPermissions(request);
    await checkPostsReadable(api, request.args.integers('post') ?? [], request.caller);
    const window = windowOf(request);
    // Quire stores comments only (no pingbacks or trackbacks): another type selects nothing.
    const found = request.args.string('type') === 'comment'
      ? await api.deps.services.comments.query(queryOf(request, window.offset, window.perPage))
      : { comments: [], total: 0 };
    const presenter = commentPresenter(api, request.caller);
    const context = (request.args.string('context') ?? 'view') as CommentPresentation['context'];
    const items = await Promise.all(found.comments.map((comment) => presenter.present(comment, context)));
    return collectionResponse(api.deps, request, window, found.total, items, 'rest_comment_invalid_page_number');
  }

  async function one(request: WpRequest): Promise<WpResponse> {
    const comment = await findComment(api, request.args.integer('id') ?? 0);
    if (!comment) throw commentNotFound();
    const context = (request.args.string('context') ?? 'view') as CommentPresentation['context'];
    if (context === 'edit' && !isModerator(request.caller)) {
      throw permissionRefusal(request.caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit this comment.');
    }
    if (!(await canRead(api, comment, request.caller))) throw permissionRefusal(request.caller, 'rest_cannot_read', 'Sorry, you are not allowed to read this comment.');
    return { body: await commentPresenter(api, request.caller).present(comment, context) };
  }

  api.route('/wp/v2/comments', { methods: ['GET'], args: LIST_ARGS, handler: list });
  api.route('/wp/v2/comments/:id', {
    methods: ['GET'],
    args: { id: { type: 'integer', description: 'Unique identifier for the comment.' }, context: COMMENT_CONTEXT },
    handler: one,
  });
  registerCommentWrites(api);
}
