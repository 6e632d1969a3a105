// The Dashboard: At a Glance (counts), Activity (recent comments with quick moderation, your drafts) and Quick Draft.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM } from '../view-models.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface DashboardCommentVM {
  readonly id: number;
  readonly authorName: string;
  readonly post: LinkVM;
  readonly excerpt: string;
  readonly statusLabel: string | null;
  /** Quick buttons (Approve, Spam) for those who moderate; each posts a small form. */
  readonly actions: readonly { readonly href: string; readonly label: string }[];
}

export interface DashboardVM {
  readonly heading: string;
  readonly roleLabel: string;
  readonly notice: string | null;
  readonly glance: readonly LinkVM[];
  readonly comments: readonly DashboardCommentVM[] | null;
  readonly drafts: readonly (LinkVM & { readonly dateIso: string; readonly dateText: string })[] | null;
  readonly quickDraft: { readonly action: string; readonly fields: readonly FieldVM[]; readonly errorSummary: string | null } | null;
  readonly csrfToken: string;
  /** Sent back with the quick moderation buttons: the action returns to the Dashboard. */
  readonly returnTo: string;
}

export function renderDashboard(vm: DashboardVM): SafeHtml {
  return html`<section class="admin-dashboard">
  <h1>${vm.heading}</h1>
  <p>You are signed in as <strong>${vm.roleLabel}</strong>.</p>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <div class="dashboard-widgets">
  <section class="dashboard-widget" aria-labelledby="glance-heading"><h2 id="glance-heading">At a Glance</h2>
    <ul class="dashboard-glance">${vm.glance.map((g) => html`<li><a href="${g.href}">${g.label}</a></li>`)}</ul>
  </section>
  ${vm.comments || vm.drafts ? renderActivity(vm) : ''}
  ${vm.quickDraft ? renderQuickDraft(vm.quickDraft, vm.csrfToken) : ''}
  </div>
</section>`;
}

function renderActivity(vm: DashboardVM): SafeHtml {
  return html`<section class="dashboard-widget" aria-labelledby="activity-heading"><h2 id="activity-heading">Activity</h2>
    ${vm.drafts ? html`<h3>Your Recent Drafts</h3>${vm.drafts.length > 0
      ? html`<ul class="dashboard-drafts">${vm.drafts.map((d) => html`<li><a href="${d.href}">${d.label}</a> <time datetime="${d.dateIso}">${d.dateText}</time></li>`)}</ul>`
      : html`<p class="no-results">You have no drafts.</p>`}` : ''}
    ${vm.comments ? html`<h3>Recent Comments</h3>${vm.comments.length > 0
      ? html`<ul class="dashboard-comments">${vm.comments.map((c) => renderComment(c, vm))}</ul>`
      : html`<p class="no-results">No comments yet.</p>`}` : ''}
  </section>`;
}

function renderComment(c: DashboardCommentVM, vm: DashboardVM): SafeHtml {
  return html`<li class="dashboard-comment" id="dashboard-comment-${c.id}">
    <p>From <strong>${c.authorName}</strong> on <a href="${c.post.href}">${c.post.label}</a>${c.statusLabel ? html` <span class="admin-note">[${c.statusLabel}]</span>` : ''}</p>
    <p class="moderation-excerpt">${c.excerpt}</p>
    ${c.actions.length > 0 ? html`<div class="moderation-actions">${c.actions.map((a) => html`<form method="post" action="${a.href}">
      <input type="hidden" name="_csrf" value="${vm.csrfToken}">
      <input type="hidden" name="return" value="${vm.returnTo}">
      <button type="submit">${a.label}<span class="visually-hidden"> the comment by ${c.authorName}</span></button>
    </form>`)}</div>` : ''}
  </li>`;
}

function renderQuickDraft(q: NonNullable<DashboardVM['quickDraft']>, csrfToken: string): SafeHtml {
  return html`<section class="dashboard-widget" id="quick-draft" aria-labelledby="quick-draft-heading"><h2 id="quick-draft-heading">Quick Draft</h2>
    ${renderErrorSummary(q.errorSummary, q.fields)}
    <form class="admin-form" method="post" action="${q.action}" novalidate>
      <input type="hidden" name="_csrf" value="${csrfToken}">
      ${q.fields.map(renderField)}
      <p><button type="submit">Save Draft</button></p>
    </form>
  </section>`;
}
