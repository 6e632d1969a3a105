// The Comments screen: tabs by status, search and the post filter, bulk actions over ticked comments, and under
// each comment its buttons, a Reply form (folded away, no script needed) and an Edit link; and the edit page.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM, ModerationActionVM, ModerationCommentVM, ModerationVM, PaginationVM } from '../view-models.js';
import { type FieldVM, type OptionVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface ModerationItemVM extends ModerationCommentVM {
  readonly editHref: string;
  /** Where the Reply form posts; null when the comment cannot be replied to (spam, trash). */
  readonly replyAction: string | null;
  /** The reply typed and what was wrong with it, when it was refused: the form opens with them. */
  readonly reply?: { readonly value: string; readonly error: string };
  /** The list of the comments on the same post. */
  readonly postFilterHref: string;
}

export interface ModerationScreenVM extends Omit<ModerationVM, 'comments'> {
  readonly comments: readonly ModerationItemVM[];
  readonly search: { readonly action: string; readonly value: string; readonly status: string; readonly postId: string };
  /** The post the list is limited to, and the link that lifts the limit. */
  readonly postFilter: { readonly label: string; readonly clearHref: string } | null;
  readonly bulk: { readonly action: string; readonly options: readonly OptionVM[] };
  /** Why the last bulk action was refused, shown above the bulk form. */
  readonly alert: string | null;
}

export function renderModeration(vm: ModerationScreenVM): SafeHtml {
  return html`<section class="moderation">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${vm.alert ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.alert}</p></div>` : ''}
  <nav aria-label="Comments by status"><ul class="moderation-tabs">${vm.tabs.map(
    (t) => html`<li><a href="${t.href}"${t.current ? html` aria-current="page"` : ''}>${t.label} <span class="count">(${t.count})</span></a></li>`,
  )}</ul></nav>
  <form class="moderation-search" method="get" action="${vm.search.action}" role="search">
    <input type="hidden" name="status" value="${vm.search.status}">
    ${vm.search.postId ? html`<input type="hidden" name="post" value="${vm.search.postId}">` : ''}
    <label for="comment-search">Search comments</label>
    <input id="comment-search" type="search" name="s" value="${vm.search.value}" maxlength="200">
    <button type="submit">Search</button>
  </form>
  ${vm.postFilter ? html`<p class="moderation-filter">Comments on <strong>${vm.postFilter.label}</strong> <a href="${vm.postFilter.clearHref}">Show all posts</a></p>` : ''}
  ${vm.comments.length > 0 ? renderBulkForm(vm) : ''}
  ${vm.comments.length > 0
    ? html`<ol class="moderation-list">${vm.comments.map((c) => renderItem(c, vm))}</ol>`
    : html`<p class="no-results">${vm.emptyMessage}</p>`}
  ${renderPagination(vm.pagination)}
</section>`;
}

/** The bulk form sits above the list; each comment's checkbox belongs to it by its form attribute (forms do not nest). */
function renderBulkForm(vm: ModerationScreenVM): SafeHtml {
  return html`<form id="moderation-bulk" class="moderation-bulk" method="post" action="${vm.bulk.action}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
    <label for="bulk-action">Bulk action</label>
    <select id="bulk-action" name="action"><option value="">Choose an action</option>${vm.bulk.options.map(
      (o) => html`<option value="${o.value}">${o.label}</option>`,
    )}</select>
    <button type="submit">Apply to the ticked comments</button>
  </form>`;
}

function renderItem(c: ModerationItemVM, vm: ModerationScreenVM): SafeHtml {
  return html`<li class="moderation-item" id="comment-${c.id}">
  <p class="moderation-select"><input type="checkbox" id="select-${c.id}" name="ids" value="${c.id}" form="moderation-bulk">
    <label for="select-${c.id}"><span class="visually-hidden">Select the comment by </span><strong class="moderation-author">${c.authorName}</strong></label></p>
  <p class="moderation-meta">${c.authorEmail ? html`<a class="moderation-email" href="mailto:${c.authorEmail}">${c.authorEmail}</a>` : ''}
    on <a class="moderation-post" href="${c.post.href}">${c.post.label}</a>
    (<a class="moderation-post-filter" href="${c.postFilterHref}">its comments</a>),
    <time datetime="${c.dateIso}">${c.dateText}</time></p>
  <p class="moderation-excerpt">${c.excerpt}</p>
  <div class="moderation-actions">${c.actions.map((a) => renderAction(a, c, vm))}
    <a class="moderation-edit" href="${c.editHref}">Edit<span class="visually-hidden"> the comment by ${c.authorName}</span></a>
  </div>
  ${c.replyAction ? renderReply(c, c.replyAction, vm) : ''}
</li>`;
}

function hiddenFields(vm: ModerationScreenVM): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}`;
}

function renderAction(action: ModerationActionVM, c: ModerationItemVM, vm: ModerationScreenVM): SafeHtml {
  if (action.ban) return renderBanAction(action, action.ban.durations, c, vm);
  // Many buttons share a label: screen readers also hear whose comment each one acts on.
  return html`<form method="post" action="${action.href}">
    ${hiddenFields(vm)}
    <button type="submit"${action.destructive ? html` class="destructive"` : ''}>${action.label}<span class="visually-hidden"> the comment by ${c.authorName}</span></button>
  </form>`;
}

/** Banning asks for more than a click: a reason and how long, folded away until wanted (no script needed). */
function renderBanAction(action: ModerationActionVM, durations: readonly OptionVM[], c: ModerationItemVM, vm: ModerationScreenVM): SafeHtml {
  const id = `ban-${c.id}`;
  return html`<details class="moderation-ban"><summary>${action.label}<span class="visually-hidden"> the author of the comment by ${c.authorName}</span></summary>
  <form method="post" action="${action.href}">
    ${hiddenFields(vm)}
    <p class="field"><label for="${id}-reason">Reason</label><input id="${id}-reason" name="reason" type="text" maxlength="500"></p>
    <p class="field"><label for="${id}-duration">For</label><select id="${id}-duration" name="duration">${durations.map(
      (d) => html`<option value="${d.value}"${d.value === 'forever' ? html` selected` : ''}>${d.label}</option>`,
    )}</select></p>
    <p class="admin-note">Bans the e-mail address and IP address of this comment, and marks it as spam.</p>
    <button type="submit" class="destructive">Ban the author</button>
  </form>
</details>`;
}

function renderReply(c: ModerationItemVM, action: string, vm: ModerationScreenVM): SafeHtml {
  const id = `reply-${c.id}`;
  const error = c.reply?.error;
  return html`<details class="moderation-reply"${c.reply ? html` open` : ''}><summary>Reply<span class="visually-hidden"> to the comment by ${c.authorName}</span></summary>
  <form method="post" action="${action}">
    ${hiddenFields(vm)}
    <p class="field${error ? ' has-error' : ''}"><label for="${id}">Your reply</label>
    ${error ? html`<span class="error" id="${id}-error">${error}</span>` : ''}
    <textarea id="${id}" name="source" rows="4" maxlength="65525" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${c.reply?.value ?? ''}</textarea></p>
    <p class="admin-note">Posted under your name and approved at once${c.actions.some((a) => a.label === 'Approve') ? ', and this comment is approved with it' : ''}.</p>
    <button type="submit">Reply</button>
  </form>
</details>`;
}

function renderPagination(p: PaginationVM): SafeHtml {
  if (p.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="Pages of comments">
  ${p.newerHref ? html`<a href="${p.newerHref}">Newer</a>` : ''}
  <span>Page ${p.page} of ${p.pages}</span>
  ${p.olderHref ? html`<a href="${p.olderHref}">Older</a>` : ''}
</nav>`;
}

export interface CommentEditVM {
  readonly heading: string;
  readonly action: string;
  readonly csrfToken: string;
  readonly post: LinkVM;
  readonly fields: readonly FieldVM[];
  readonly errorSummary: string | null;
  readonly backHref: string;
}

export function renderCommentEdit(vm: CommentEditVM): SafeHtml {
  return html`<section class="comment-edit">
  <h1>${vm.heading}</h1>
  <p>On <a href="${vm.post.href}">${vm.post.label}</a>.</p>
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form class="admin-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.fields.map(renderField)}
    <p><button type="submit">Update Comment</button> <a href="${vm.backHref}">Cancel</a></p>
  </form>
</section>`;
}
