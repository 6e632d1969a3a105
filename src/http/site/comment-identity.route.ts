// GET /comments/identity (the form's identity block for this browser, for the sign-in script's swap) and
// POST /comments/draft (the typed text kept while the reader signs in in a full page, because a popup was blocked).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Post, postPermalinkPath } from '../../features/posts/index.js';
import { AppError } from '../../kernel/errors.js';
import { renderCommentIdentity, renderCommentLogout } from '../../../themes/default/index.js';
import { markPersonal } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { draftIdOf, setDraftCookie } from './comment-draft-cookie.js';
import { COMMENT_DRAFT_PATH, COMMENT_IDENTITY_PATH, presentCommentForm } from './comment-form.present.js';
import { accountSignInHref, commenterOf, signInOptionsOf, signedInCommenterOf } from './comment-identity.js';
import { rememberedCommenterOf } from './comment-tokens.js';
import { signFormStamp } from '../../features/comments/index.js';

/** Drafts one address may keep in the window: a reader needs one per sign-in; a script filling the table, more. */
export const DRAFTS_PER_WINDOW = 30;
export const DRAFT_WINDOW_MS = 10 * 60 * 1000;
/** A draft is at most a comment's 65,525 characters; JSON escapes (\uXXXX) can make that six bytes each. */
const DRAFT_BODY_LIMIT = 512 * 1024;

const MAX_ID = 2_147_483_647;

function postNotFound(): AppError {
  return new AppError({ code: 'COMMENT_POST_NOT_FOUND', kind: 'not_found', message: 'There is no published post to comment on here.' });
}

function draftCrossSite(): AppError {
  return new AppError({
    code: 'COMMENT_DRAFT_CROSS_SITE',
    kind: 'forbidden',
    message: 'Drafts are kept only for this site\'s own comment form, and this request did not come from it.',
  });
}

function draftRateLimited(): AppError {
  return new AppError({
    code: 'COMMENT_DRAFT_RATE_LIMITED',
    kind: 'rate_limited',
    message: 'Too many drafts were kept from your address just now. Wait a few minutes, or sign in first and then write.',
    details: { retryAfter: DRAFT_WINDOW_MS / 1000 },
  });
}

export function registerCommentIdentityRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const siteOrigin = new URL(deps.config.publicUrl).origin;

  async function commentablePost(value: unknown): Promise<Post> {
    const id = typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_ID ? Number(value) : undefined;
    const post = id === undefined ? undefined : await deps.services.posts.findById(id);
    if (!post || post.status !== 'published' || post.type !== 'post') throw postNotFound();
    return post;
  }

  /**
   * The draft is written by our own script (fetch, JSON): browsers always send Origin on such a POST, so it must
   * be there and be ours. A cross-site form or script cannot make that so; anything else is refused.
   */
  function checkSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    const ours = origin === siteOrigin || origin === `${request.protocol}://${request.host}`;
    const fetchSite = request.headers['sec-fetch-site'];
    if (!ours || (fetchSite !== undefined && fetchSite !== 'same-origin')) throw draftCrossSite();
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    COMMENT_IDENTITY_PATH,
    { config: { access: 'public', surface: 'api' } },
    async (request, reply) => {
      // This browser's own block (its session, its token): never stored, never shared.
      markPersonal(reply);
      reply.header('Cache-Control', 'no-store');
      const post = await commentablePost(request.query.post);
      const [commenter, settings] = await Promise.all([commenterOf(request, deps.services), deps.services.settings.get()]);
      const changing = commenter !== undefined && request.query.change === '1';
      const permalink = postPermalinkPath(post, settings.permalinkStructure);
      const csrf = commenter ? deps.csrf.tokenFor(request, reply) : null;
      const nowMs = deps.clock.now().getTime();
      const vm = presentCommentForm({
        postId: post.id,
        permalink,
        settings,
        replyTo: null,
        commenter: commenter ? signedInCommenterOf(deps.services, commenter, settings.title) : undefined,
        changing,
        signInOptions: signInOptionsOf(deps.services, permalink, settings.title),
        remembered: commenter && !changing ? undefined : rememberedCommenterOf(request, deps.signer, nowMs),
        csrfToken: csrf,
        stamp: signFormStamp(deps.signer, post.id, nowMs),
        signInHref: accountSignInHref(permalink),
      });
      return {
        html: `${renderCommentLogout(vm)}${renderCommentIdentity(vm)}`,
        csrf,
        state: vm.identity.kind === 'signed-in' ? 'signed-in' : vm.identity.changingFrom ? 'changing' : vm.identity.kind,
      };
    },
  );

  app.post(
    COMMENT_DRAFT_PATH,
    { config: { access: 'public', surface: 'api' }, bodyLimit: DRAFT_BODY_LIMIT },
    async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('Cache-Control', 'no-store');
      checkSameOrigin(request);
      if ((await deps.counters.hit(`comments:draft:${request.ip}`, DRAFT_WINDOW_MS)) > DRAFTS_PER_WINDOW) {
        reply.header('Retry-After', String(DRAFT_WINDOW_MS / 1000));
        throw draftRateLimited();
      }
      const saved = await deps.services.commentDrafts.save(request.body, draftIdOf(request));
      setDraftCookie(deps, reply, saved.id);
      return reply.status(201).send({ expiresAt: saved.expiresAt.toISOString() });
    },
  );
}
