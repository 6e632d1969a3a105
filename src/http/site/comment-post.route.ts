// POST /comments (the comment form, with or without JavaScript) and GET /comments/stamp (a fresh form stamp for the script).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SubmissionContext, SubmittedComment } from '../../features/comments/index.js';
import { renderMarkdown } from '../../features/content/index.js';
import { type Post, postPermalinkPath } from '../../features/posts/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { renderCommentItem } from '../../../themes/default/index.js';
import type { CommentFormValues } from '../../../themes/view-models.js';
import { isSecureSite } from '../auth/session-cookie.js';
import type { HttpDeps } from '../deps.js';
import { prefersJson, statusOf } from '../errors.js';
import { COMMENT_POST_PATH, fieldErrorsOf } from './comment-form.present.js';
import { type Commenter, commenterOf } from './comment-identity.js';
import { commentPagePath, countThreadPages, createCommentThreads } from './comment-threads.js';
import { addPendingComment, forgetCommenter, rememberCommenter } from './comment-tokens.js';
import { formServedAtOf, signFormStamp } from '../../features/comments/index.js';
import { loadSiteContext } from './context.js';
import { sendPostPage } from './post-page.js';
import { presentComments } from './present.js';

type Body = Readonly<Record<string, unknown>>;

// Ids are PostgreSQL integers: a larger number is no id at all (and must not reach the database).
const MAX_ID = 2_147_483_647;

function idOf(value: unknown): number | undefined {
  const raw = typeof value === 'number' ? String(value) : value;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > MAX_ID) return undefined;
  return Number(raw);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const isTicked = (value: unknown): boolean => value === true || value === '1' || value === 'on' || value === 'yes';

function bodyOf(request: FastifyRequest): Body {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
}

/** Everything the reader typed, to show again exactly as it was (the honeypot is never shown again). */
function typedValuesOf(body: Body): CommentFormValues {
  const subscribe = body.subscribe === 'comments' || body.subscribe === 'replies' ? body.subscribe : 'none';
  return {
    author: text(body.author),
    email: text(body.email),
    url: text(body.url),
    comment: text(body.comment),
    remember: isTicked(body.remember),
    subscribe,
    subscribePosts: isTicked(body.subscribe_posts),
  };
}

/** comment_parent: 0 or nothing is a new thread; a number is the comment answered. */
function parentIdOf(value: unknown): number | null {
  if (value === undefined || value === '' || value === '0' || value === 0) return null;
  // Not an id: -1 names no comment, so the service refuses it as a bad reply target, like any other.
  return idOf(value) ?? -1;
}

function postNotFound(): AppError {
  return new AppError({ code: 'COMMENT_POST_NOT_FOUND', kind: 'not_found', message: 'There is no published post to comment on here.' });
}

function crossSite(): AppError {
  return new AppError({
    code: 'COMMENT_CROSS_SITE',
    kind: 'forbidden',
    message: 'This comment was sent from another site, so it was not accepted. Open the post on this site and send your comment from its form.',
  });
}

export function registerCommentPostRoutes(app: FastifyInstance, deps: HttpDeps): void {
  // The pages of refused comments read threads too; their own small cache, kept fresh by the same events.
  const threads = createCommentThreads(deps, deps.events, 50);
  const secure = isSecureSite(deps.config.publicUrl);
  const siteOrigin = new URL(deps.config.publicUrl).origin;

  async function commentablePost(value: unknown): Promise<Post> {
    const id = idOf(value);
    const post = id === undefined ? undefined : await deps.services.posts.findById(id);
    if (!post || post.status !== 'published' || post.type !== 'post') throw postNotFound();
    return post;
  }

  /**
   * A signed-in browser proves the form is ours with its CSRF token. Anonymous posts carry no token (pages may
   * come from the cache), so the browser's own word on where the request comes from decides.
   */
  function checkSameSite(request: FastifyRequest, commenter: Commenter | undefined, body: Body): void {
    if (commenter) deps.csrf.verify(request, body._csrf);
    const origin = request.headers.origin;
    const foreignOrigin = origin !== undefined && origin !== siteOrigin && origin !== `${request.protocol}://${request.host}`;
    if (request.headers['sec-fetch-site'] === 'cross-site' || foreignOrigin) throw crossSite();
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    '/comments/stamp',
    { config: { access: 'public', surface: 'api' } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const post = await commentablePost(request.query.post);
      return { stamp: signFormStamp(deps.signer, post.id, deps.clock.now().getTime()) };
    },
  );

  app.post(COMMENT_POST_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const body = bodyOf(request);
    const typed = typedValuesOf(body);
    // The error funnel's rule too: refusals raised before this handler runs come in the same format.
    const json = prefersJson(request);
    let post: Post | undefined;
    try {
      const commenter = await commenterOf(request, deps.services);
      checkSameSite(request, commenter, body);
      // "Change" chosen: this comment is a guest's, whoever the browser is signed in as.
      const author = isTicked(body.comment_as_guest) ? undefined : commenter;
      post = await commentablePost(body.comment_post_ID);
      if (body.preview !== undefined && body.submit === undefined) return await sendPreview(request, reply, post, typed, json);
      const nowMs = deps.clock.now().getTime();
      const submitted = await deps.services.comments.submit(
        {
          postId: post.id,
          parentId: parentIdOf(body.comment_parent),
          authorName: body.author,
          authorEmail: body.email,
          authorUrl: body.url,
          source: body.comment,
          subscribe: typed.subscribe,
          subscribePosts: typed.subscribePosts,
          honeypot: body.quire_hp,
          formServedAt: formServedAtOf(deps.signer, body.quire_stamp, post.id, nowMs),
        },
        // The post read above: the service checks it again (published, a post, comments open) without reading it twice.
        { ip: request.ip, userAgent: text(request.headers['user-agent']), post, ...authorContextOf(author) },
      );
      if (submitted.status === 'pending') addPendingComment(request, reply, deps.signer, nowMs, submitted.id, { secure });
      if (!author && typed.remember) {
        const { fields } = submitted;
        rememberCommenter(reply, deps.signer, nowMs, { name: typed.author.trim(), email: fields.authorEmail, url: fields.authorUrl }, { secure });
      } else if (!author) {
        forgetCommenter(request, reply, { secure });
      }
      return await sendAccepted(reply, post, submitted, json);
    } catch (error) {
      // Only refusals are answered here; anything else is the error funnel's (logged, 500).
      if (!isAppError(error) || statusOf(error.kind) >= 500) throw error;
      if (json) return sendJsonRefusal(reply, error);
      // No post to show the form on (or a forged request, whose text is not worth echoing): the plain error page.
      if (!post || error.code === 'COMMENT_CROSS_SITE' || error.code === 'CSRF_TOKEN_INVALID') throw error;
      return sendRefusalPage(request, reply, post, body, typed, error);
    }
  });

  async function sendPreview(request: FastifyRequest, reply: FastifyReply, post: Post, typed: CommentFormValues, json: boolean) {
    const previewHtml = typed.comment.trim() === '' ? '' : renderMarkdown(typed.comment, 'comment');
    reply.header('Cache-Control', 'no-store');
    if (json) return reply.status(200).send({ preview: true, html: previewHtml });
    const ctx = await loadSiteContext(deps.services);
    const replyToId = parentIdOf(bodyOf(request).comment_parent) ?? undefined;
    return sendPostPage(deps, threads, request, reply, ctx, post, {
      path: postPermalinkPath(post, ctx.settings.permalinkStructure), replyToId, form: { values: typed, previewHtml }, robots: 'noindex',
      changeIdentity: isTicked(bodyOf(request).comment_as_guest),
    });
  }

  async function sendAccepted(reply: FastifyReply, post: Post, submitted: SubmittedComment, json: boolean) {
    const settings = await deps.services.settings.get();
    const redirect = `${await threadPagePathOf(post, submitted.id, settings)}#comment-${submitted.id}`;
    if (!json) return reply.header('Cache-Control', 'no-store').redirect(redirect, 303);
    // The pipeline hands back what it stored; only a comment posted with an identity (its picture) is read back.
    const comment = submitted.comment ?? (await deps.services.comments.find(submitted.id));
    const depth = await depthOf(submitted.parentId, settings.commentThreadDepth);
    const [vm] = comment ? presentComments([{ comment, depth, replies: [] }], post, { settings }) : [];
    // Spam and trash are answered as "held": a program learns nothing from the answer about why.
    const approved = submitted.status === 'approved';
    return reply.status(201).header('Cache-Control', 'no-store').send({
      id: submitted.id,
      status: approved ? 'approved' : 'pending',
      parentId: submitted.parentId,
      awaitingModeration: !approved,
      html: vm ? renderCommentItem(vm).toString() : '',
      redirect,
    });
  }

  /** The permalink, or the comment page the new comment is on when the thread has pages. */
  async function threadPagePathOf(post: Post, commentId: number, settings: SiteSettings): Promise<string> {
    const permalink = postPermalinkPath(post, settings.permalinkStructure);
    if (settings.commentsPerPage === 0) return permalink;
    const roots = await deps.services.comments.threadOf(post.id, settings.commentThreadDepth, 'oldest', [commentId]);
    const contains = (node: (typeof roots)[number]): boolean => node.comment.id === commentId || node.replies.some(contains);
    const index = roots.findIndex(contains);
    if (index < 0) return permalink;
    const pages = countThreadPages(roots.length, settings.commentsPerPage);
    const page = Math.floor(index / settings.commentsPerPage) + 1;
    return commentPagePath(permalink, page, pages, { defaultPage: settings.commentDefaultPage });
  }

  /** How deep a new comment shows: one below its parent's chain of approved comments, at most the configured depth. */
  async function depthOf(parentId: number | null, maxDepth: number): Promise<number> {
    let depth = 1;
    for (let id = parentId; id !== null && depth < maxDepth; depth++) {
      const parent = await deps.services.comments.find(id);
      if (!parent || parent.status !== 'approved') break;
      id = parent.parentId;
    }
    return depth;
  }

  async function sendRefusalPage(request: FastifyRequest, reply: FastifyReply, post: Post, body: Body, typed: CommentFormValues, error: AppError) {
    const status = statusOf(error.kind);
    setRetryAfter(reply, error);
    const ctx = await loadSiteContext(deps.services);
    const replyToId = parentIdOf(body.comment_parent) ?? undefined;
    reply.header('Cache-Control', 'no-store');
    return sendPostPage(deps, threads, request, reply, ctx, post, {
      path: postPermalinkPath(post, ctx.settings.permalinkStructure), replyToId, form: { values: typed, error }, status, robots: 'noindex',
      changeIdentity: isTicked(body.comment_as_guest),
    });
  }
}

/** The signed-in author for the comments feature: the account, and the identity whose name and e-mail it carries. */
function authorContextOf(author: Commenter | undefined): Pick<SubmissionContext, 'user' | 'identity'> {
  if (!author) return {};
  const { user, identity } = author;
  return identity ? { user, identity: { id: identity.id, displayName: identity.displayName, email: identity.email } } : { user };
}

function setRetryAfter(reply: FastifyReply, error: AppError): void {
  const retryAfter = error.details?.retryAfter;
  if (error.kind === 'rate_limited') reply.header('Retry-After', String(typeof retryAfter === 'number' ? Math.max(1, Math.ceil(retryAfter)) : 60));
}

/** WordPress's REST error shape, with the form's field names so the script can mark each field. */
function sendJsonRefusal(reply: FastifyReply, error: AppError) {
  const status = statusOf(error.kind);
  setRetryAfter(reply, error);
  const fields = fieldErrorsOf(error);
  const retryAfter = error.details?.retryAfter;
  return reply.status(status).header('Cache-Control', 'no-store').send({
    code: error.code,
    message: error.message,
    data: {
      status,
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    },
  });
}
