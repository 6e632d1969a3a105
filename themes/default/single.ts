// One post or page with its comments: the thread, its pages, and the "Leave a Reply" form.
import { type SafeHtml, html, trustedHtml } from '../../src/kernel/html.js';
import type { CommentNavigationVM, CommentVM, FeaturedImageVM, ReplyMode, SingleVM } from '../view-models.js';
import { renderCommentForm } from './comment-form.js';
import { renderByline, renderTermLines } from './post-parts.js';

export function renderSingle(vm: SingleVM): SafeHtml {
  const { post } = vm;
  return html`<article id="post-${post.id}" class="${vm.isPage ? 'page' : 'post'} entry">
  <header class="entry-header">
    <h1 class="entry-title">${post.title}</h1>
    ${vm.isPage ? '' : renderByline(post)}
  </header>
  ${vm.featuredImage ? renderFeaturedImage(vm.featuredImage) : ''}
  <div class="entry-content">${trustedHtml(vm.contentHtml)}</div>
  ${vm.isPage ? '' : renderTermLines(post)}
</article>
${vm.previous || vm.next
    ? html`<nav class="post-navigation" aria-label="Posts">
  ${vm.previous ? html`<a class="nav-previous" href="${vm.previous.href}" rel="prev"><span class="nav-label">Previous post</span> ${vm.previous.label}</a>` : ''}
  ${vm.next ? html`<a class="nav-next" href="${vm.next.href}" rel="next"><span class="nav-label">Next post</span> ${vm.next.label}</a>` : ''}
</nav>`
    : ''}
${renderComments(vm)}`;
}

function renderFeaturedImage(image: FeaturedImageVM): SafeHtml {
  return html`<figure class="entry-featured"><img src="${image.src}" srcset="${image.srcset}" sizes="${image.sizes}" alt="${image.alt}" width="${String(image.width)}" height="${String(image.height)}">${
    image.caption ? html`<figcaption>${image.caption}</figcaption>` : ''
  }</figure>`;
}

function renderComments(vm: SingleVM): SafeHtml {
  const count = vm.post.commentCount;
  const form = vm.commentForm ?? null;
  if (count === 0 && vm.comments.length === 0 && form === null) return html``;
  const replyMode = vm.replyMode ?? NO_REPLIES;
  return html`<section id="comments" class="comments-area" aria-labelledby="comments-title"${
    vm.liveHref ? html` data-live="${vm.liveHref}"` : ''
  }${vm.stampHref && form ? html` data-stamp="${vm.stampHref}"` : ''}>
  <h2 id="comments-title" class="comments-title">${
    count === 0 ? 'No responses yet' : count === 1 ? `One response to “${vm.post.title}”` : `${count} responses to “${vm.post.title}”`
  }</h2>
  ${vm.comments.length > 0 ? html`<ol class="comment-list">${vm.comments.map((c) => renderCommentItem(c, replyMode))}</ol>` : ''}
  ${vm.commentNavigation ? renderCommentNavigation(vm.commentNavigation) : ''}
  ${form ? renderCommentForm(form) : html`<p class="no-comments">Comments are closed.</p>`}
</section>`;
}

const NO_REPLIES: ReplyMode = { kind: 'none' };
const REPLIES: ReplyMode = { kind: 'reply' };

function renderCommentNavigation(nav: CommentNavigationVM): SafeHtml {
  return html`<nav class="comment-navigation pagination" aria-label="Comment pages">
    ${nav.olderHref ? html`<a class="older" href="${nav.olderHref}">Older comments</a>` : ''}
    <span class="page-count">Comments page ${nav.page} of ${nav.pages}</span>
    ${nav.newerHref ? html`<a class="newer" href="${nav.newerHref}">Newer comments</a>` : ''}
  </nav>`;
}

/** One comment and its replies, as the `<li>` the thread, the script and live updates all insert. */
export function renderCommentItem(c: CommentVM, replyMode: ReplyMode = REPLIES): SafeHtml {
  const name = c.authorUrl ? html`<a href="${c.authorUrl}" rel="external nofollow ugc" class="url">${c.authorName}</a>` : c.authorName;
  const classes = `comment depth-${c.depth}${c.byPostAuthor ? ' bypostauthor' : ''}${c.awaitingModeration ? ' comment-pending' : ''}`;
  return html`<li id="comment-${c.id}" class="${classes}">
  <article id="div-comment-${c.id}" class="comment-body" aria-label="Comment by ${c.authorName}">
    <footer class="comment-meta">
      ${c.avatarImageUrl
        ? html`<img class="avatar avatar-image" src="${c.avatarImageUrl}" alt="" loading="lazy" width="48" height="48">`
        : html`<span class="avatar avatar-hue-${c.avatarHue}" aria-hidden="true">${c.avatarInitials}</span>`}
      <b class="fn">${name}</b>${c.byPostAuthor ? html` <span class="author-badge">Author</span>` : ''}
      <a class="comment-date" href="#comment-${c.id}"><time datetime="${c.dateIso}">${c.dateText}</time></a>
      ${c.awaitingModeration ? html`<em class="comment-awaiting-moderation">Your comment is awaiting moderation.</em>` : ''}
    </footer>
    <div class="comment-content">${trustedHtml(c.contentHtml)}</div>
    ${renderReply(c, replyMode)}
  </article>
  ${c.replies.length > 0 ? html`<ol class="children">${c.replies.map((r) => renderCommentItem(r, replyMode))}</ol>` : ''}
</li>`;
}

function renderReply(c: CommentVM, mode: ReplyMode): SafeHtml | '' {
  if (c.replyHref === null || mode.kind === 'none') return '';
  if (mode.kind === 'sign-in') return html`<p class="reply"><a rel="nofollow" class="comment-reply-login" href="${mode.href}">Log in to Reply</a></p>`;
  const label = `Reply to ${c.authorName}`;
  return html`<p class="reply"><a rel="nofollow" class="comment-reply-link" href="${c.replyHref}" data-commentid="${c.id}" data-postid="${c.postId}" data-belowelement="div-comment-${c.id}" data-respondelement="respond" data-replyto="${label}" aria-label="${label}">Reply</a></p>`;
}
