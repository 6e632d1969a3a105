// Writing comments over /wp/v2/comments: anyone may post one (through the very pipeline of the site's comment form:
// the same settings, moderation, spam and flood rules), moderators change status and text or delete, and the author
// of a comment may change its text. Refusals in WordPress's codes.
import { type SubmittedComment, areCommentsOpen, formServedAtOf } from '../../features/comments/index.js';
import type { Post } from '../../features/posts/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { commentNotFound, commentPresenter, findComment, isModerator } from './comments.access.js';
import { commentStatusFromWp } from './comments.present.js';
import { apiUrl } from './links.js';
import { inWordPressTerms, wpError } from './wp-error.js';

const STATUS_NAMES = ['approved', 'approve', '1', 'hold', '0', 'spam', 'trash'];

const FIELD_ARGS: ArgSpecs = {
  author: { type: 'integer', minimum: 0, description: 'The ID of the user object, if author was a user.' },
  author_email: { type: 'string', description: 'Email address for the comment author.' },
  author_name: { type: 'string', description: 'Display name for the comment author.' },
  author_url: { type: 'string', description: 'URL for the comment author.' },
  content: { type: 'string', description: 'The content for the comment (Markdown and the safe HTML subset, as the comment form).' },
  status: { type: 'string', enum: STATUS_NAMES, description: 'State of the comment.' },
  meta: { type: 'object', description: 'Meta fields.' },
};

const CREATE_ARGS: ArgSpecs = {
  ...FIELD_ARGS,
  post: { type: 'integer', minimum: 0, default: 0, description: 'The ID of the associated post object.' },
  parent: { type: 'integer', minimum: 0, default: 0, description: 'The ID for the parent of the comment.' },
  quire_stamp: {
    type: 'string',
    description: 'The form stamp from GET /comments/stamp?post=ID, fetched when the writer starts: the discussion settings\' minimum writing time counts from it. Without one, the comment waits for moderation.',
  },
};

/** The comment pipeline's refusals in WordPress's words where WordPress has them; others pass through. */
function asWpError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  const fields = (error.details?.fields ?? {}) as Readonly<Record<string, unknown>>;
  switch (error.code) {
    case 'COMMENT_SIGN_IN_REQUIRED': return wpError('rest_comment_login_required', 'Sorry, you must be logged in to comment.', 401);
    case 'COMMENT_POST_NOT_FOUND': return wpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403);
    case 'COMMENTS_CLOSED': return wpError('rest_comment_closed', 'Sorry, comments are closed for this item.', 403);
    case 'COMMENT_FLOOD': return wpError('comment_flood', error.message, 429);
    case 'COMMENT_DUPLICATE': return wpError('comment_duplicate', error.message, 409);
    case 'COMMENT_TOO_FAST':
      return wpError('comment_too_fast', 'This comment was sent too soon after its stamp (quire_stamp, from GET /comments/stamp?post=ID): wait a few seconds and send it again.', 429);
    case 'COMMENT_FIELDS_INVALID':
      if ('source' in fields) return wpError('rest_comment_content_invalid', 'Invalid comment content.', 400);
      if ('authorName' in fields || 'authorEmail' in fields) {
        return wpError('rest_comment_author_data_required', 'Creating a comment requires valid author name and email values.', 400, { params: fields });
      }
      return error;
    default: return error;
  }
}

const translated = <T>(work: () => Promise<T>): Promise<T> => inWordPressTerms(asWpError, work);

export function registerCommentWrites(api: WpApi): void {
  const { comments, posts, settings } = api.deps.services;

  /** WordPress's create_item_permissions_check, in its order: sign-in, author and status fields, then the post. */
  async function checkCreate(request: WpRequest): Promise<Post> {
    const { args, caller } = request;
    const siteSettings = await settings.get();
    if (!caller && siteSettings.commentRequireRegistration) throw wpError('rest_comment_login_required', 'Sorry, you must be logged in to comment.', 401);
    const author = args.integer('author');
    if (author !== undefined && author !== 0 && author !== caller?.id) {
      throw permissionRefusal(caller, 'rest_comment_invalid_author', "Sorry, you are not allowed to edit 'author' for comments.");
    }
    if (args.has('status') && !isModerator(caller)) throw permissionRefusal(caller, 'rest_comment_invalid_status', "Sorry, you are not allowed to edit 'status' for comments.");
    const post = await posts.findById(args.integer('post') ?? 0);
    if (!post || post.status !== 'published' || post.type !== 'post') {
      throw wpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403);
    }
    if (!areCommentsOpen(post, siteSettings, api.deps.clock.now())) throw wpError('rest_comment_closed', 'Sorry, comments are closed for this item.', 403);
    return post;
  }

  async function create(request: WpRequest): Promise<WpResponse> {
    const post = await checkCreate(request);
    const { args, caller } = request;
    const parent = args.integer('parent') ?? 0;
    const submitted: SubmittedComment = await translated(() => comments.submit(
      {
        postId: post.id,
        parentId: parent === 0 ? null : parent,
        authorName: args.string('author_name') ?? '',
        authorEmail: args.string('author_email') ?? '',
        authorUrl: args.string('author_url') ?? '',
        source: args.string('content') ?? '',
        formServedAt: formServedAtOf(api.deps.signer, args.string('quire_stamp'), post.id, api.deps.clock.now().getTime()),
        // WordPress clients know no stamp: their comments wait for a moderator rather than being refused.
        missingStamp: 'hold',
      },
      { ip: request.http?.ip ?? '', userAgent: String(request.http?.headers['user-agent'] ?? ''), post, ...(caller ? { user: caller } : {}) },
    ));
    const status = args.string('status');
    const chosen = status === undefined ? undefined : commentStatusFromWp(status);
    if (chosen && chosen !== submitted.status) await comments.setStatus(submitted.id, chosen);
    const stored = await findComment(api, submitted.id);
    if (!stored) throw commentNotFound();
    // WordPress answers a creation in the edit context; spam and trash read as "hold" to all but moderators.
    const body = await commentPresenter(api, caller).present(stored, 'edit', { maskStatus: !isModerator(caller) });
    return { status: 201, body, headers: { Location: apiUrl(api.deps, `/wp/v2/comments/${stored.id}`) } };
  }

  /** Moderators change anything; the comment's own author (a signed-in account) only its text. */
  function checkUpdate(request: WpRequest, owner: number | null): void {
    const { args, caller } = request;
    if (isModerator(caller)) return;
    if (!caller || owner !== caller.id) throw permissionRefusal(caller, 'rest_cannot_edit', 'Sorry, you are not allowed to edit this comment.');
    const others = ['author', 'author_email', 'author_name', 'author_url', 'status'].filter((name) => args.has(name));
    if (others.length > 0) throw permissionRefusal(caller, 'rest_cannot_edit', `Sorry, you are not allowed to edit ${others.join(', ')} of this comment: only its content.`);
  }

  async function update(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const comment = await findComment(api, args.integer('id') ?? 0);
    if (!comment) throw commentNotFound();
    checkUpdate(request, comment.userId);
    if (args.has('author') && args.integer('author') !== (comment.userId ?? 0)) {
      throw wpError('rest_comment_invalid_author', "Sorry, you are not allowed to edit 'author' for comments.", 403);
    }
    const status = commentStatusFromWp(args.string('status') ?? '') ?? comment.status;
    const textChanges = ['author_email', 'author_name', 'author_url', 'content'].some((name) => args.has(name));
    if (textChanges) {
      await translated(() => comments.edit(comment.id, {
        authorName: args.string('author_name') ?? comment.authorName,
        authorEmail: args.string('author_email') ?? comment.authorEmail,
        authorUrl: args.string('author_url') ?? comment.authorUrl,
        source: args.string('content') ?? comment.source,
        status,
      }));
    } else if (status !== comment.status) {
      await comments.setStatus(comment.id, status);
    }
    const stored = await findComment(api, comment.id);
    if (!stored) throw commentNotFound();
    return { body: await commentPresenter(api, caller).present(stored, 'edit') };
  }

  async function remove(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const comment = await findComment(api, args.integer('id') ?? 0);
    if (!comment) throw commentNotFound();
    if (!isModerator(caller)) throw permissionRefusal(caller, 'rest_cannot_delete', 'Sorry, you are not allowed to delete this comment.');
    const presenter = commentPresenter(api, caller);
    if (args.boolean('force') === true) {
      const previous = await presenter.present(comment, 'edit');
      await comments.deletePermanently(comment.id);
      return { body: { deleted: true, previous } };
    }
    if (comment.status === 'trash') throw wpError('rest_already_trashed', 'The comment has already been trashed.', 410);
    await comments.setStatus(comment.id, 'trash');
    return { body: await presenter.present({ ...comment, status: 'trash' }, 'edit') };
  }

  const ID = { id: { type: 'integer', description: 'Unique identifier for the comment.' } } as const;
  api.route('/wp/v2/comments', { methods: ['POST'], args: CREATE_ARGS, handler: create });
  api.route('/wp/v2/comments/:id', { methods: ['POST', 'PUT', 'PATCH'], args: { ...ID, ...FIELD_ARGS }, handler: update });
  api.route('/wp/v2/comments/:id', {
    methods: ['DELETE'],
    args: { ...ID, force: { type: 'boolean', default: false, description: 'Whether to bypass Trash and force deletion.' } },
    handler: remove,
  });
}
