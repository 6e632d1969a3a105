// Home, archives and search results: a heading and a list of posts.
import { html, trustedHtml } from '../../src/kernel/html.js';
import type { ListVM, PostCardVM } from '../view-models.js';
import { commentsLabel, renderByline, renderPagination, renderTermLines } from './post-parts.js';

export function renderList(vm: ListVM) {
  return html`${vm.heading
    ? html`<header class="archive-header"><h1 class="archive-title">${vm.heading}</h1>${
        vm.description ? html`<p class="archive-description">${vm.description}</p>` : ''
      }</header>`
    : html`<h1 class="visually-hidden">Latest posts</h1>`}
  ${vm.posts.length === 0 ? html`<p class="no-results">${vm.emptyMessage}</p>` : vm.posts.map(renderCard)}
  ${renderPagination(vm.pagination, 'Posts')}`;
}

function renderCard(post: PostCardVM) {
  return html`<article id="post-${post.id}" class="post entry">
  <header class="entry-header">
    <h2 class="entry-title"><a href="${post.href}" rel="bookmark">${post.title}</a></h2>
    ${renderByline(post)}
  </header>
  <div class="entry-${post.contentHtml !== undefined ? 'content' : 'summary'}">
    ${post.snippetHtml !== undefined
      ? html`<p>${trustedHtml(post.snippetHtml)}</p>`
      : post.contentHtml !== undefined
        ? trustedHtml(post.contentHtml)
        : html`<p>${post.excerpt}</p><p><a class="more-link" href="${post.href}">Continue reading<span class="visually-hidden"> “${post.title}”</span></a></p>`}
  </div>
  ${renderTermLines(post)}
  <p class="comments-link"><a href="${post.href}#comments">${commentsLabel(post.commentCount)}<span class="visually-hidden"> on “${post.title}”</span></a></p>
</article>`;
}
