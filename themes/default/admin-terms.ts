// Posts → Categories and Posts → Tags: the add form beside the table (search, sorting, pages, bulk delete), and
// the edit page of one term with its delete and "Merge into…" forms. No script: each button posts its own form.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface TermFormVM {
  readonly heading: string;
  readonly action: string;
  readonly fields: readonly FieldVM[];
  readonly submitLabel: string;
  /** "The category was not added:", or null. */
  readonly errorSummary: string | null;
}

export interface TermColumnVM {
  readonly label: string;
  /** The address that sorts by this column (the other way when it is the current sort). */
  readonly href: string;
  readonly sorted: 'ascending' | 'descending' | null;
}

export interface TermRowVM {
  readonly id: number;
  readonly name: string;
  /** Levels below the top (categories in tree order): shown as leading dashes, as WordPress does. */
  readonly depth: number;
  readonly description: string;
  readonly slug: string;
  readonly count: number;
  readonly editHref: string;
  readonly viewHref: string;
  /** Where its Delete button posts; null for the default category, which cannot be deleted. */
  readonly deleteAction: string | null;
}

export interface TermsScreenVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly search: { readonly action: string; readonly value: string; readonly label: string };
  readonly addForm: TermFormVM;
  readonly bulkAction: string;
  /** "Name", "Description", "Slug", "Count". */
  readonly columns: readonly TermColumnVM[];
  readonly rows: readonly TermRowVM[];
  readonly emptyMessage: string;
  /** "3 items". */
  readonly totalText: string;
  readonly pagination: { readonly page: number; readonly pages: number; readonly previousHref: string | null; readonly nextHref: string | null };
  /** The word for one term in buttons' hidden text ("category", "tag"). */
  readonly noun: string;
}

export interface TermEditVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly form: TermFormVM;
  readonly backHref: string;
  readonly backLabel: string;
  readonly viewHref: string;
  /** Null for the default category (nor deleted, nor merged away); it says why instead. */
  readonly remove: { readonly action: string; readonly label: string } | null;
  readonly merge: TermFormVM | null;
  readonly defaultNote: string | null;
}

/** A term's form; `titled`: under its own h2 (the add form, the merge form), else the page's h1 names it. */
function renderTermForm(form: TermFormVM, csrfToken: string, titled: boolean): SafeHtml {
  const id = `${form.action.replace(/[^a-z0-9]+/gi, '-').replace(/^-+/, '')}-heading`;
  const body = html`${renderErrorSummary(form.errorSummary, form.fields)}
  <form class="admin-form term-form" method="post" action="${form.action}" novalidate>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    ${form.fields.map(renderField)}
    <p><button type="submit">${form.submitLabel}</button></p>
  </form>`;
  return titled ? html`<section class="term-form-section" aria-labelledby="${id}"><h2 id="${id}">${form.heading}</h2>${body}</section>` : body;
}

function renderColumnHeader(column: TermColumnVM): SafeHtml {
  const sort = column.sorted ? html` aria-sort="${column.sorted}"` : '';
  return html`<th scope="col"${sort}><a href="${column.href}">${column.label}${
    column.sorted ? html` <span aria-hidden="true">${column.sorted === 'ascending' ? '▲' : '▼'}</span>` : ''
  }</a></th>`;
}

function renderRow(row: TermRowVM, noun: string): SafeHtml {
  const box = row.deleteAction
    ? html`<input type="checkbox" name="ids" value="${String(row.id)}" id="term-${String(row.id)}"><label class="visually-hidden" for="term-${String(row.id)}">Select ${row.name}</label>`
    : '';
  return html`<tr id="term-row-${String(row.id)}">
  <td class="check-column">${box}</td>
  <th scope="row" class="term-name"><a href="${row.editHref}">${'— '.repeat(row.depth)}${row.name}</a>
    <div class="row-actions"><a href="${row.editHref}">Edit<span class="visually-hidden"> ${noun} ${row.name}</span></a>${
      row.deleteAction
        ? html` <button type="submit" class="link-button destructive" formaction="${row.deleteAction}">Delete<span class="visually-hidden"> ${noun} ${row.name}</span></button>`
        : ''
    } <a href="${row.viewHref}">View<span class="visually-hidden"> ${noun} ${row.name}</span></a></div></th>
  <td class="term-description">${row.description}</td>
  <td class="term-slug">${row.slug}</td>
  <td class="term-count">${String(row.count)}</td>
</tr>`;
}

function renderTermPagination(vm: TermsScreenVM): SafeHtml {
  const p = vm.pagination;
  return html`<div class="tablenav-pages"><span class="displaying-num">${vm.totalText}</span>${
    p.pages > 1
      ? html` <nav class="pagination" aria-label="Pages of ${vm.heading}">${p.previousHref ? html`<a href="${p.previousHref}">Previous page</a>` : ''}
    <span>Page ${String(p.page)} of ${String(p.pages)}</span>${p.nextHref ? html` <a href="${p.nextHref}">Next page</a>` : ''}</nav>`
      : ''
  }</div>`;
}

export function renderTermsScreen(vm: TermsScreenVM): SafeHtml {
  return html`<section class="admin-terms">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <form class="search-box" method="get" action="${vm.search.action}" role="search">
    <label for="term-search">${vm.search.label}</label>
    <input id="term-search" type="search" name="s" value="${vm.search.value}" maxlength="200">
    <button type="submit">${vm.search.label}</button>
  </form>
  <div class="terms-columns">
  ${renderTermForm(vm.addForm, vm.csrfToken, true)}
  <section class="terms-list" aria-label="${vm.heading}">
    <form method="post" action="${vm.bulkAction}">
      <input type="hidden" name="_csrf" value="${vm.csrfToken}">
      <div class="tablenav"><label for="bulk-action">Bulk actions</label>
        <select id="bulk-action" name="action"><option value="">Bulk actions</option><option value="delete">Delete</option></select>
        <button type="submit">Apply</button>
        ${renderTermPagination(vm)}
      </div>
      <table class="admin-table terms-table">
        <thead><tr><td class="check-column"></td>${vm.columns.map(renderColumnHeader)}</tr></thead>
        <tbody>${vm.rows.length > 0
          ? vm.rows.map((r) => renderRow(r, vm.noun))
          : html`<tr><td colspan="5" class="no-results">${vm.emptyMessage}</td></tr>`}</tbody>
      </table>
    </form>
  </section>
  </div>
</section>`;
}

export function renderTermEdit(vm: TermEditVM): SafeHtml {
  return html`<section class="admin-term-edit">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <p><a href="${vm.backHref}">← ${vm.backLabel}</a> · <a href="${vm.viewHref}">View archive</a></p>
  ${renderTermForm(vm.form, vm.csrfToken, false)}
  ${vm.merge ? renderTermForm(vm.merge, vm.csrfToken, true) : ''}
  ${vm.remove
    ? html`<section class="term-delete" aria-labelledby="term-delete-heading"><h2 id="term-delete-heading">${vm.remove.label}</h2>
    <form method="post" action="${vm.remove.action}">
      <input type="hidden" name="_csrf" value="${vm.csrfToken}">
      <button type="submit" class="destructive">${vm.remove.label}</button>
    </form></section>`
    : ''}
  ${vm.defaultNote ? html`<p class="admin-note">${vm.defaultNote}</p>` : ''}
</section>`;
}
