// One post or page with its comments.
import { type SafeHtml, html, trustedHtml } from '../../src/kernel/html.js';
import type { CommentVM, SingleVM } from '../view-models.js';
import { renderByline, renderTermLines } from './post-parts.js';

export function renderSingle(vm: SingleVM): SafeHtml {
  const { post } = vm;
  return html`<article id="post-${post.id}" class="${vm.isPage ? 'page' : 'post'} entry">
  <header class="entry-header">
    <h1 class="entry-title">${post.title}</h1>
    ${vm.isPage ? '' : renderByline(post)}
  </header>
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

function renderComments(vm: SingleVM): SafeHtml {
  const count = vm.post.commentCount;
  if (count === 0 && !vm.post.commentsOpen) return html``;
  return html`<section id="comments" class="comments-area" aria-labelledby="comments-title">
  <h2 id="comments-title" class="comments-title">${
    count === 0 ? 'No responses yet' : count === 1 ? `One response to “${vm.post.title}”` : `${count} responses to “${vm.post.title}”`
  }</h2>
  ${vm.comments.length > 0 ? html`<ol class="comment-list">${vm.comments.map(renderComment)}</ol>` : ''}
  ${vm.post.commentsOpen ? '' : html`<p class="no-comments">Comments are closed.</p>`}
</section>`;
}

function renderComment(c: CommentVM): SafeHtml {
  const name = c.authorUrl ? html`<a href="${c.authorUrl}" rel="external nofollow ugc" class="url">${c.authorName}</a>` : c.authorName;
  return html`<li id="comment-${c.id}" class="comment depth-${c.depth}${c.byPostAuthor ? ' bypostauthor' : ''}">
  <article class="comment-body" aria-label="Comment by ${c.authorName}">
    <footer class="comment-meta">
      <span class="avatar avatar-hue-${c.avatarHue}" aria-hidden="true">${c.avatarInitials}</span>
      <b class="fn">${name}</b>${c.byPostAuthor ? html` <span class="author-badge">Author</span>` : ''}
      <a class="comment-date" href="#comment-${c.id}"><time datetime="${c.dateIso}">${c.dateText}</time></a>
    </footer>
    <div class="comment-content">${trustedHtml(c.contentHtml)}</div>
  </article>
  ${c.replies.length > 0 ? html`<ol class="children">${c.replies.map(renderComment)}</ol>` : ''}
</li>`;
}
