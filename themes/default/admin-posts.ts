// The lists of posts and pages (WordPress's edit.php): status links, filters, search, sortable columns, row and bulk
// actions, pagination; and the Quick Edit form.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { OptionVM } from './admin-fields.js';
import type { CategoryChoiceVM } from './admin-editor.js';

export interface StatusLinkVM {
  readonly href: string;
  readonly label: string;
  readonly count: number;
  readonly current: boolean;
}

export interface PostRowVM {
  readonly id: number;
  readonly title: string;
  readonly editHref: string | null;
  /** Whether this person may act on it (its checkbox is offered). */
  readonly selectable: boolean;
  readonly statusNote: string | null;
  readonly author: { readonly label: string; readonly href: string };
  readonly categories: readonly { readonly label: string; readonly href: string }[] | null;
  readonly tags: readonly { readonly label: string; readonly href: string }[] | null;
  readonly dateLabel: string;
  readonly dateIso: string;
  readonly dateText: string;
  /** Links, or buttons (`post`) that send the list's form to `href`. */
  readonly actions: readonly { readonly label: string; readonly href: string; readonly post: boolean; readonly destructive?: boolean }[];
}

export interface ListFilterVM {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly OptionVM[];
}

export interface PostListVM {
  readonly heading: string;
  readonly addNewHref: string;
  readonly notice: string | null;
  readonly statusLinks: readonly StatusLinkVM[];
  readonly listPath: string;
  /** The current status, kept by the filter form. */
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly search: string;
  readonly filters: readonly ListFilterVM[];
  readonly columns: readonly { readonly label: string; readonly href: string | null; readonly sort: 'ascending' | 'descending' | null }[];
  readonly rows: readonly PostRowVM[];
  readonly emptyMessage: string;
  readonly csrfToken: string;
  readonly bulkAction: string;
  readonly bulkOptions: readonly OptionVM[];
  readonly bulkCategories: readonly OptionVM[] | null;
  /** Where the list comes back to after an action (its address). */
  readonly returnTo: string;
  readonly pagination: { readonly page: number; readonly pages: number; readonly total: number; readonly previousHref: string | null; readonly nextHref: string | null };
}

function filtersForm(vm: PostListVM): SafeHtml {
  return html`<form class="list-filters" method="get" action="${vm.listPath}" role="search">
  ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
  ${vm.filters.map((f) => html`<label for="filter-${f.name}" class="visually-hidden">${f.label}</label>
  <select id="filter-${f.name}" name="${f.name}">${f.options.map((o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`)}</select>`)}
  <label for="post-search-input">Search</label> <input type="search" id="post-search-input" name="s" value="${vm.search}" maxlength="200">
  <button type="submit">Filter</button>
</form>`;
}

function row(r: PostRowVM): SafeHtml {
  const links = (items: readonly { label: string; href: string }[] | null) =>
    items === null ? html`` : html`<td>${items.length > 0 ? items.map((l, i) => html`${i > 0 ? ', ' : ''}<a href="${l.href}">${l.label}</a>`) : '—'}</td>`;
  return html`<tr id="post-${String(r.id)}">
  <td class="check-column">${r.selectable ? html`<input type="checkbox" name="post" value="${String(r.id)}" id="cb-${String(r.id)}" aria-label="Select ${r.title}">` : ''}</td>
  <th scope="row" class="column-title"><strong>${r.editHref ? html`<a href="${r.editHref}">${r.title}</a>` : r.title}</strong>${
    r.statusNote ? html` — <span class="post-state">${r.statusNote}</span>` : ''}
    <div class="row-actions">${r.actions.map((a) => a.post
      ? html`<button type="submit" formaction="${a.href}" formnovalidate${a.destructive ? html` class="destructive"` : ''}>${a.label}<span class="visually-hidden"> “${r.title}”</span></button> `
      : html`<a href="${a.href}">${a.label}<span class="visually-hidden"> “${r.title}”</span></a> `)}</div></th>
  <td><a href="${r.author.href}">${r.author.label}</a></td>
  ${links(r.categories)}${links(r.tags)}
  <td>${r.dateLabel}<br><time datetime="${r.dateIso}">${r.dateText}</time></td>
</tr>`;
}

function table(vm: PostListVM): SafeHtml {
  return html`<table class="wp-list-table">
  <caption class="visually-hidden">${vm.heading}</caption>
  <thead><tr><td class="check-column"></td>${vm.columns.map((c) => html`<th scope="col"${c.sort ? html` aria-sort="${c.sort}"` : ''}>${
    c.href ? html`<a href="${c.href}">${c.label}</a>` : c.label}</th>`)}</tr></thead>
  <tbody>${vm.rows.map(row)}</tbody>
</table>`;
}

function pagination(vm: PostListVM): SafeHtml {
  const p = vm.pagination;
  return html`<nav class="pagination" aria-label="Pages of the list"><span class="displaying-num">${String(p.total)} ${p.total === 1 ? 'item' : 'items'}</span>
  ${p.previousHref ? html`<a href="${p.previousHref}" rel="prev">‹ Previous page</a>` : ''}
  <span>Page ${String(p.page)} of ${String(p.pages)}</span>
  ${p.nextHref ? html`<a href="${p.nextHref}" rel="next">Next page ›</a>` : ''}</nav>`;
}

export function renderPostList(vm: PostListVM): SafeHtml {
  return html`<section class="post-list">
  <h1>${vm.heading} <a class="page-title-action" href="${vm.addNewHref}">Add New</a></h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <nav aria-label="${vm.heading} by status"><ul class="subsubsub">${vm.statusLinks.map(
    (l) => html`<li><a href="${l.href}"${l.current ? html` aria-current="page"` : ''}>${l.label} <span class="count">(${String(l.count)})</span></a></li>`,
  )}</ul></nav>
  ${filtersForm(vm)}
  <form method="post" action="${vm.bulkAction}" class="bulk-form">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <input type="hidden" name="return" value="${vm.returnTo}">
    <p class="bulkactions"><label for="bulk-action-selector">Bulk actions</label>
      <select id="bulk-action-selector" name="bulk_action"><option value="">Bulk actions</option>${vm.bulkOptions.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>
      ${vm.bulkCategories ? html`<label for="bulk-category">Category</label> <select id="bulk-category" name="category">${vm.bulkCategories.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>` : ''}
      <button type="submit">Apply</button></p>
    ${vm.rows.length > 0 ? table(vm) : html`<p class="no-results">${vm.emptyMessage}</p>`}
  </form>
  ${pagination(vm)}
</section>`;
}

export interface QuickEditVM {
  readonly heading: string;
  readonly action: string;
  readonly csrfToken: string;
  readonly returnTo: string;
  readonly errorSummary: string | null;
  readonly errors: Readonly<Record<string, string>>;
  readonly title: string;
  readonly slug: string;
  readonly status: string;
  readonly statuses: readonly OptionVM[];
  readonly categories: readonly CategoryChoiceVM[] | null;
  readonly cancelHref: string;
}

function quickField(vm: QuickEditVM, name: 'title' | 'slug' | 'status', label: string, control: SafeHtml): SafeHtml {
  const error = vm.errors[name];
  return html`<div class="field${error ? ' has-error' : ''}"><label for="quick-${name}">${label}</label>${
    error ? html`<span class="error" id="quick-${name}-error">${error}</span>` : ''}${control}</div>`;
}

function aria(vm: QuickEditVM, name: string): SafeHtml {
  return vm.errors[name] ? html` aria-invalid="true" aria-describedby="quick-${name}-error"` : html``;
}

function checklist(items: readonly CategoryChoiceVM[]): SafeHtml {
  return html`<ul>${items.map((c) => html`<li><label><input type="checkbox" name="categories" value="${String(c.id)}"${c.checked ? html` checked` : ''}> ${c.name}</label>${
    c.children.length > 0 ? checklist(c.children) : ''}</li>`)}</ul>`;
}

/** Quick Edit: title, slug, status and categories, without opening the editor (works with no script). */
export function renderQuickEdit(vm: QuickEditVM): SafeHtml {
  return html`<section class="quick-edit">
  <h1>${vm.heading}</h1>
  ${vm.errorSummary ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.errorSummary}</p><ul>${Object.entries(vm.errors).map(
    ([name, message]) => html`<li><a href="#quick-${name}">${message}</a></li>`)}</ul></div>` : ''}
  <form class="admin-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <input type="hidden" name="return" value="${vm.returnTo}">
    ${quickField(vm, 'title', 'Title', html`<input id="quick-title" name="title" type="text" value="${vm.title}" maxlength="500"${aria(vm, 'title')}>`)}
    ${quickField(vm, 'slug', 'Slug', html`<input id="quick-slug" name="slug" type="text" value="${vm.slug}"${aria(vm, 'slug')}>`)}
    ${quickField(vm, 'status', 'Status', html`<select id="quick-status" name="status"${aria(vm, 'status')}>${vm.statuses.map(
      (o) => html`<option value="${o.value}"${o.value === vm.status ? html` selected` : ''}>${o.label}</option>`)}</select>`)}
    ${vm.categories ? html`<fieldset class="quick-categories"><legend>Categories</legend>${checklist(vm.categories)}</fieldset>` : ''}
    <p><button type="submit" class="button-primary">Update</button> <a href="${vm.cancelHref}">Cancel</a></p>
  </form>
</section>`;
}
