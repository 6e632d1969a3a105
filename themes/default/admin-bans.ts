// The staff screen of commenter bans: the form that adds one, the bans in force (each with Lift) and the history.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface BanRowVM {
  readonly id: number;
  readonly kindLabel: string;
  readonly value: string;
  readonly reason: string;
  /** Who banned: a name, or a note such as "(unknown)". */
  readonly byName: string;
  readonly createdIso: string;
  readonly createdText: string;
  /** "For ever", or the date it ends (or ended). */
  readonly untilText: string;
  readonly untilIso: string | null;
  readonly state: 'active' | 'expired' | 'lifted';
  /** "Lifted by NAME on DATE", when it was. */
  readonly liftedText: string | null;
  /** Where the Lift button posts; null when the ban is no longer in force. */
  readonly liftAction: string | null;
}

export interface BansPageVM {
  readonly heading: string;
  /** What the last action did ("Ban added."), or null. */
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly form: {
    readonly action: string;
    readonly fields: readonly FieldVM[];
    readonly errorSummary: string | null;
  };
  readonly active: readonly BanRowVM[];
  readonly history: readonly BanRowVM[];
}

const STATE_LABELS: Readonly<Record<BanRowVM['state'], string>> = { active: 'In force', expired: 'Expired', lifted: 'Lifted' };

export function renderBans(vm: BansPageVM): SafeHtml {
  return html`<section class="admin-bans">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <h2 id="add-ban">Add a ban</h2>
  ${renderErrorSummary(vm.form.errorSummary, vm.form.fields)}
  <form class="admin-form ban-form" method="post" action="${vm.form.action}" novalidate aria-labelledby="add-ban">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.form.fields.map(renderField)}
    <p><button type="submit">Ban</button></p>
  </form>
  <h2 id="active-bans">Bans in force</h2>
  ${vm.active.length > 0 ? renderTable(vm.active, vm.csrfToken, 'active-bans', true) : html`<p class="no-results">Nobody is banned.</p>`}
  <h2 id="ban-history">History</h2>
  ${vm.history.length > 0 ? renderTable(vm.history, vm.csrfToken, 'ban-history', false) : html`<p class="no-results">No ban was ever made.</p>`}
</section>`;
}

function renderTable(rows: readonly BanRowVM[], csrfToken: string, labelledBy: string, withLift: boolean): SafeHtml {
  return html`<table class="admin-table bans-table" aria-labelledby="${labelledBy}">
  <thead><tr><th scope="col">Banned</th><th scope="col">Reason</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Until</th><th scope="col">State</th>${
    withLift ? html`<th scope="col"><span class="visually-hidden">Action</span></th>` : ''
  }</tr></thead>
  <tbody>${rows.map((r) => html`<tr class="ban ban-${r.state}" id="${withLift ? 'active' : 'history'}-ban-${r.id}">
    <td><span class="ban-kind">${r.kindLabel}</span> <code class="ban-value">${r.value}</code></td>
    <td class="ban-reason">${r.reason}</td>
    <td class="ban-by">${r.byName}</td>
    <td><time datetime="${r.createdIso}">${r.createdText}</time></td>
    <td class="ban-until">${r.untilIso ? html`<time datetime="${r.untilIso}">${r.untilText}</time>` : r.untilText}</td>
    <td class="ban-state">${STATE_LABELS[r.state]}${r.liftedText ? html`<br><span class="ban-lifted">${r.liftedText}</span>` : ''}</td>
    ${withLift
      ? html`<td>${r.liftAction
          ? html`<form method="post" action="${r.liftAction}"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit">Lift<span class="visually-hidden"> the ban on ${r.value}</span></button></form>`
          : ''}</td>`
      : ''}
  </tr>`)}</tbody>
</table>`;
}
