// Pieces shared by lists and single posts: the byline, the term lines, pagination.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM, PaginationVM, PostMetaVM } from '../view-models.js';

export function renderByline(post: PostMetaVM): SafeHtml {
  return html`<p class="entry-meta">
    <span class="posted-on"><a href="${post.href}" rel="bookmark"><time datetime="${post.dateIso}">${post.dateText}</time></a></span>
    <span class="byline">by <a class="author" href="${post.author.href}" rel="author">${post.author.label}</a></span>
  </p>`;
}

function linkList(links: readonly LinkVM[], rel: string): SafeHtml[] {
  return links.map((l, i) => html`${i > 0 ? ', ' : ''}<a href="${l.href}" rel="${rel}">${l.label}</a>`);
}

export function renderTermLines(post: PostMetaVM): SafeHtml {
  return html`<footer class="entry-footer">
    ${post.categories.length > 0 ? html`<p class="cat-links">Categories: ${linkList(post.categories, 'category tag')}</p>` : ''}
    ${post.tags.length > 0 ? html`<p class="tag-links">Tags: ${linkList(post.tags, 'tag')}</p>` : ''}
  </footer>`;
}

export function commentsLabel(count: number): string {
  if (count === 0) return 'No comments yet';
  return count === 1 ? '1 comment' : `${count} comments`;
}

export function renderPagination(p: PaginationVM, label: string): SafeHtml {
  if (p.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="${label}">
    ${p.olderHref ? html`<a class="older" href="${p.olderHref}">Older posts</a>` : ''}
    <span class="page-count">Page ${p.page} of ${p.pages}</span>
    ${p.newerHref ? html`<a class="newer" href="${p.newerHref}">Newer posts</a>` : ''}
  </nav>`;
}
