// A post or page as its reader sees it: the entry, one page of its thread (with the reader's own held
// comments), and the "Leave a Reply" form. Also what a refused or previewed comment renders again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { areCommentsOpen } from '../../features/comments/index.js';
import type { Post, PostLink } from '../../features/posts/index.js';
import { renderSingle } from '../../../themes/default/index.js';
import type { CommentFormVM, ReplyMode } from '../../../themes/view-models.js';
import { authorTag, markPersonal, postTag, tagResponse, termTag } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { takeDraftFor } from './comment-draft-cookie.js';
import { type CommentFormState, presentCommentForm } from './comment-form.present.js';
import { type Commenter, accountSignInHref, commenterOf, signInOptionsOf, signedInCommenterOf } from './comment-identity.js';
import { type CommentThreads, commentPagePath, pageOfThread, presentCommentNavigation } from './comment-threads.js';
import { pendingCommentIdsOf, rememberedCommenterOf } from './comment-tokens.js';
import { signFormStamp } from '../../features/comments/index.js';
import type { SiteContext } from './context.js';
import { loadFeaturedImage } from './featured-image.present.js';
import { loadRelations } from './listing.js';
import { sendPage } from './page.js';
import { pageNotFound } from '../links/paths.js';
import { postLink, presentPostMeta } from './present.js';
import { loadEntryHead } from './head.present.js';

/** The scripts of a post's page: the form (replies, posting, live comments) and its sign-in (popup, identity swap). */
const POST_SCRIPTS = ['comments.js', 'sign-in.js'];

export interface PostPageOptions {
  /** The path asked for (the permalink, or PERMALINK/comment-page-N/). */
  readonly path: string;
  /** From comment-page-N; undefined: the page `commentDefaultPage` picks. */
  readonly commentPage?: number;
  /** ?replytocom=ID, or the parent of a refused reply: the form says whom it answers. */
  readonly replyToId?: number;
  /** What a refused or previewed submission brings back to the form. */
  readonly form?: CommentFormState;
  /** A signed-in reader chose "Change" (?change_identity=1, or a refused guest comment sent that way). */
  readonly changeIdentity?: boolean;
  readonly status?: number;
  readonly robots?: string;
}

const noNeighbours: { previous?: PostLink; next?: PostLink } = {};

export async function sendPostPage(
  deps: HttpDeps,
  threads: CommentThreads,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: SiteContext,
  post: Post,
  options: PostPageOptions,
): Promise<FastifyReply> {
  const isPage = post.type === 'page';
  const now = deps.clock.now();
  const pendingIds = pendingCommentIdsOf(request, deps.signer, now.getTime());
  const [commenter, relations, adjacent, thread] = await Promise.all([
    commenterOf(request, deps.services),
    loadRelations(deps, [post]),
    isPage ? Promise.resolve(noNeighbours) : deps.services.posts.adjacent(post),
    threads(post, ctx, pendingIds),
  ]);
  const { settings } = ctx;
  const paging = { perPage: settings.commentsPerPage, defaultPage: settings.commentDefaultPage, order: settings.commentOrder };
  const commentPage = pageOfThread(thread, paging, options.commentPage);
  if (!commentPage) throw pageNotFound();
  // The reader's own held comments are on this page: it is theirs, and no shared cache may keep it.
  if (pendingIds.length > 0) markPersonal(reply);

  const terms = relations.terms.get(post.id) ?? [];
  tagResponse(reply, [postTag(post.id), authorTag(post.authorId), ...terms.map((t) => termTag(t.id))]);
  // Comments are taken on posts only (pages show the comments they have), while open by the discussion settings.
  const open = !isPage && areCommentsOpen(post, settings, now);
  const meta = { ...presentPostMeta(post, ctx, relations), commentsOpen: open };
  const permalink = meta.href;
  const signInHref = accountSignInHref(permalink);
  // A refused comment comes back with its form even where comments have closed meanwhile: the text is the reader's.
  const form = open || (!isPage && options.form) ? await presentForm(deps, request, reply, { post, permalink, ctx, commenter, signInHref, options, nowMs: now.getTime() }) : null;
  const replyMode: ReplyMode = !open
    ? { kind: 'none' }
    : settings.commentRequireRegistration && !commenter
      ? { kind: 'sign-in', href: signInHref }
      : { kind: 'reply' };
  const main = renderSingle({
    post: meta,
    contentHtml: post.contentHtml,
    isPage,
    previous: adjacent.previous ? postLink(adjacent.previous, settings.permalinkStructure) : null,
    next: adjacent.next ? postLink(adjacent.next, settings.permalinkStructure) : null,
    comments: commentPage.items,
    commentNavigation: presentCommentNavigation(permalink, commentPage, paging),
    replyMode,
    commentForm: form,
    liveHref: isPage ? undefined : `/comments/live/${post.id}`,
    stampHref: isPage ? undefined : `/comments/stamp?post=${post.id}`,
    featuredImage: await loadFeaturedImage(deps, post),
  });
  const scripts = isPage ? [] : POST_SCRIPTS.flatMap((name) => deps.assets.get(name)?.href ?? []);
  const canonicalPath = options.commentPage === undefined ? options.path : commentPagePath(permalink, commentPage.page, commentPage.pages, paging);
  const head = { entry: await loadEntryHead(deps, post, permalink, relations.authors.get(post.authorId)) };
  return sendPage(
    deps, reply, ctx,
    { pageTitle: post.title, canonicalPath, robots: options.robots, scripts: scripts.length > 0 ? scripts : undefined, head },
    main,
    options.status,
  );
}

interface FormContext {
  readonly post: Post;
  readonly permalink: string;
  readonly ctx: SiteContext;
  readonly commenter: Commenter | undefined;
  readonly signInHref: string;
  readonly options: PostPageOptions;
  readonly nowMs: number;
}

async function presentForm(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, form: FormContext): Promise<CommentFormVM> {
  const { post, commenter, options, ctx } = form;
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  const changing = commenter !== undefined && (options.changeIdentity === true || query?.change_identity === '1');
  // Back from signing in in a full page: the text typed before goes back into the form (what was just sent wins).
  const draft = options.form ? undefined : await takeDraftFor(deps, request, reply, post.id);
  // Saved details are only read when nothing was typed: what the reader just sent wins.
  const remembered = (commenter && !changing) || options.form ? undefined : rememberedCommenterOf(request, deps.signer, form.nowMs);
  if (remembered || changing) markPersonal(reply);
  const siteTitle = ctx.settings.title;
  return presentCommentForm({
    postId: post.id,
    permalink: form.permalink,
    settings: ctx.settings,
    replyTo: await replyTargetOf(deps, post, options.replyToId ?? draft?.parentId ?? undefined),
    commenter: commenter ? signedInCommenterOf(deps.services, commenter, siteTitle) : undefined,
    changing,
    signInOptions: signInOptionsOf(deps.services, form.permalink, siteTitle),
    remembered,
    csrfToken: commenter ? deps.csrf.tokenFor(request, reply) : null,
    stamp: signFormStamp(deps.signer, post.id, form.nowMs),
    signInHref: form.signInHref,
    state: options.form,
    ...(draft ? { draftText: draft.text } : {}),
  });
}

/** The comment being answered, when it is an approved comment of this post; anything else is ignored, as WordPress does. */
async function replyTargetOf(deps: HttpDeps, post: Post, id: number | undefined): Promise<{ id: number; name: string } | null> {
  if (id === undefined) return null;
  const comment = await deps.services.comments.find(id);
  return comment && comment.postId === post.id && comment.status === 'approved' ? { id: comment.id, name: comment.authorName } : null;
}
