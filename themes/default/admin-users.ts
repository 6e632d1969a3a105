// The Users screens: the list (role filter, search, bulk "Change role to…", pagination), Add New User, the edit
// page of an account, and the delete page that asks what becomes of the account's content.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM, PaginationVM } from '../view-models.js';
import { type FieldVM, type OptionVM, renderErrorSummary, renderField } from './admin-fields.js';
import { type AppPasswordsSectionVM, renderAppPasswords } from './admin-profile.js';

export interface UserRowVM {
  readonly id: number;
  readonly login: string;
  readonly editHref: string;
  readonly displayName: string;
  readonly email: string;
  readonly roleLabel: string;
  readonly postCount: number;
  /** The account of whoever looks: it cannot be ticked for a role change (nobody demotes themselves by accident). */
  readonly isSelf: boolean;
}

export interface UsersListVM {
  readonly heading: string;
  readonly addNewHref: string;
  readonly notice: string | null;
  /** An error of the last bulk change, shown as an alert. */
  readonly alert: string | null;
  readonly roleFilters: readonly (LinkVM & { readonly count: number; readonly current: boolean })[];
  readonly search: { readonly action: string; readonly value: string; readonly role: string };
  readonly rows: readonly UserRowVM[];
  readonly csrfToken: string;
  readonly bulk: { readonly action: string; readonly roles: readonly OptionVM[] };
  readonly pagination: PaginationVM;
}

export function renderUsersList(vm: UsersListVM): SafeHtml {
  return html`<section class="admin-users">
  <h1>${vm.heading} <a class="admin-button" href="${vm.addNewHref}">Add New User</a></h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${vm.alert ? html`<div class="form-errors" role="alert"><p>${vm.alert}</p></div>` : ''}
  <nav aria-label="Users by role"><ul class="moderation-tabs">${vm.roleFilters.map(
    (f) => html`<li><a href="${f.href}"${f.current ? html` aria-current="page"` : ''}>${f.label} <span class="count">(${f.count})</span></a></li>`,
  )}</ul></nav>
  <form class="moderation-search" method="get" action="${vm.search.action}" role="search">
    ${vm.search.role ? html`<input type="hidden" name="role" value="${vm.search.role}">` : ''}
    <label for="user-search">Search users</label>
    <input id="user-search" type="search" name="s" value="${vm.search.value}" maxlength="100">
    <button type="submit">Search Users</button>
  </form>
  ${vm.rows.length > 0 ? renderTable(vm) : html`<p class="no-results">No users found.</p>`}
  ${renderPagination(vm.pagination)}
</section>`;
}

function renderTable(vm: UsersListVM): SafeHtml {
  return html`<form id="users-bulk" class="moderation-bulk" method="post" action="${vm.bulk.action}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <label for="bulk-role">Change role to…</label>
    <select id="bulk-role" name="role"><option value="">Choose a role</option>${vm.bulk.roles.map((r) => html`<option value="${r.value}">${r.label}</option>`)}</select>
    <button type="submit">Change the ticked users</button>
  </form>
  <table class="admin-table users-table">
    <caption class="visually-hidden">Users</caption>
    <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Username</th><th scope="col">Name</th>
      <th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Posts</th></tr></thead>
    <tbody>${vm.rows.map((r) => html`<tr id="user-${r.id}">
      <td>${r.isSelf ? '' : html`<input type="checkbox" id="select-user-${r.id}" name="ids" value="${r.id}" form="users-bulk" aria-label="Select ${r.login}">`}</td>
      <th scope="row"><a class="user-login" href="${r.editHref}">${r.login}</a></th>
      <td class="user-name">${r.displayName}</td>
      <td class="user-email"><a href="mailto:${r.email}">${r.email}</a></td>
      <td class="user-role">${r.roleLabel}</td>
      <td class="user-posts">${r.postCount}</td>
    </tr>`)}</tbody>
  </table>`;
}

function renderPagination(p: PaginationVM): SafeHtml {
  if (p.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="Pages of users">
  ${p.newerHref ? html`<a href="${p.newerHref}">Previous page</a>` : ''}
  <span>Page ${p.page} of ${p.pages}</span>
  ${p.olderHref ? html`<a href="${p.olderHref}">Next page</a>` : ''}
</nav>`;
}

export interface UserFormVM {
  readonly heading: string;
  readonly intro: string | null;
  readonly notice: string | null;
  readonly action: string;
  readonly csrfToken: string;
  readonly fields: readonly FieldVM[];
  readonly submitLabel: string;
  readonly errorSummary: string | null;
  /** The edit page's Delete link (not for your own account). */
  readonly deleteHref: string | null;
  /** The account's application passwords, on the edit page. */
  readonly appPasswords: AppPasswordsSectionVM | null;
}

export function renderUserForm(vm: UserFormVM): SafeHtml {
  return html`<section class="admin-user-form">
  <h1>${vm.heading}</h1>
  ${vm.intro ? html`<p>${vm.intro}</p>` : ''}
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form class="admin-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.fields.map(renderField)}
    <p><button type="submit">${vm.submitLabel}</button></p>
  </form>
  ${vm.deleteHref ? html`<p><a class="destructive" href="${vm.deleteHref}">Delete this user</a></p>` : ''}
  ${vm.appPasswords ? renderAppPasswords(vm.appPasswords) : ''}
</section>`;
}

export interface UserDeleteVM {
  readonly heading: string;
  readonly user: { readonly login: string; readonly displayName: string; readonly postCount: number };
  readonly action: string;
  readonly csrfToken: string;
  readonly fields: readonly FieldVM[];
  readonly errorSummary: string | null;
  readonly cancelHref: string;
}

export function renderUserDelete(vm: UserDeleteVM): SafeHtml {
  return html`<section class="admin-user-delete">
  <h1>${vm.heading}</h1>
  <p>You are about to delete <strong>${vm.user.displayName}</strong> (${vm.user.login}), who wrote ${vm.user.postCount}
    ${vm.user.postCount === 1 ? 'post or page' : 'posts and pages'}. This cannot be undone.</p>
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form class="admin-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.fields.map(renderField)}
    <p><button type="submit" class="destructive">Confirm Deletion</button> <a href="${vm.cancelHref}">Cancel</a></p>
  </form>
</section>`;
}
