// The Profile screen (your name, e-mail, website, biography; a new password) and the Application Passwords
// section it shares with an administrator's edit page of an account: the list, a new one shown once, revoking.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface AppPasswordRowVM {
  readonly name: string;
  readonly createdIso: string;
  readonly createdText: string;
  readonly lastUsedText: string;
  readonly revokeAction: string;
}

export interface AppPasswordsSectionVM {
  readonly csrfToken: string;
  readonly createAction: string;
  readonly revokeAllAction: string;
  readonly rows: readonly AppPasswordRowVM[];
  readonly nameField: FieldVM;
  readonly errorSummary: string | null;
  /** A password just made: its only appearance, in groups of four. */
  readonly created: { readonly name: string; readonly password: string } | null;
  readonly notice: string | null;
}

export function renderAppPasswords(vm: AppPasswordsSectionVM): SafeHtml {
  return html`<section class="app-passwords" id="application-passwords" aria-labelledby="app-passwords-heading">
  <h2 id="app-passwords-heading">Application Passwords</h2>
  <p>Application passwords let programs (a mobile app, a publishing tool) use the REST API as this account, without its real password. Each can be revoked alone.</p>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${vm.created ? html`<div class="app-password-new" role="status">
    <p>Your new password for <strong>${vm.created.name}</strong> is:</p>
    <p><kbd class="app-password-value">${vm.created.password}</kbd></p>
    <p>Be sure to save it in a safe place: you will not be able to see it again.</p>
  </div>` : ''}
  ${renderErrorSummary(vm.errorSummary, [vm.nameField])}
  <form class="admin-form" method="post" action="${vm.createAction}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${renderField(vm.nameField)}
    <p><button type="submit">Add New Application Password</button></p>
  </form>
  ${vm.rows.length > 0 ? html`<table class="admin-table app-passwords-table">
    <caption class="visually-hidden">Application passwords</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last Used</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead>
    <tbody>${vm.rows.map((r) => html`<tr>
      <th scope="row">${r.name}</th><td><time datetime="${r.createdIso}">${r.createdText}</time></td><td>${r.lastUsedText}</td>
      <td><form method="post" action="${r.revokeAction}"><input type="hidden" name="_csrf" value="${vm.csrfToken}">
        <button type="submit" class="destructive">Revoke<span class="visually-hidden"> ${r.name}</span></button></form></td>
    </tr>`)}</tbody>
  </table>
  <form method="post" action="${vm.revokeAllAction}"><input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <button type="submit" class="destructive">Revoke all application passwords</button></form>`
    : html`<p class="no-results">No application passwords yet.</p>`}
</section>`;
}

/** A password box: never filled in again after a refusal; the browser's password manager is told which it is. */
export interface PasswordFieldVM {
  readonly name: string;
  readonly label: string;
  readonly autocomplete: 'current-password' | 'new-password';
  readonly hint?: string;
  readonly error?: string;
}

function renderPasswordField(f: PasswordFieldVM): SafeHtml {
  const id = `field-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-password${f.error ? ' has-error' : ''}"><label for="${id}">${f.label}</label>${
    f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : ''}${f.error ? html`<span class="error" id="${id}-error">${f.error}</span>` : ''}
    <span class="field-input"><input id="${id}" name="${f.name}" type="password" autocomplete="${f.autocomplete}"${
      described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}></span></div>`;
}

export interface ProfileVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly profile: { readonly action: string; readonly fields: readonly FieldVM[]; readonly errorSummary: string | null };
  readonly password: { readonly action: string; readonly fields: readonly PasswordFieldVM[]; readonly errorSummary: string | null };
  readonly avatar: {
    readonly imageUrl: string | null;
    readonly note: string;
    /** The choice among your own images in the media library (for those who may upload). */
    readonly form: { readonly action: string; readonly field: FieldVM; readonly errorSummary: string | null } | null;
  };
  /** Staff only: readers have no use for the API. */
  readonly appPasswords: AppPasswordsSectionVM | null;
}

export function renderProfile(vm: ProfileVM): SafeHtml {
  return html`<section class="admin-profile">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <section aria-labelledby="about-heading"><h2 id="about-heading">About Yourself</h2>
  ${vm.avatar.imageUrl ? html`<p><img class="profile-avatar" src="${vm.avatar.imageUrl}" alt="Your profile picture" width="96" height="96"></p>` : ''}
  <p class="admin-note">${vm.avatar.note}</p>
  ${vm.avatar.form ? html`${renderErrorSummary(vm.avatar.form.errorSummary, [vm.avatar.form.field])}
  <form class="admin-form" method="post" action="${vm.avatar.form.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${renderField(vm.avatar.form.field)}
    <p><button type="submit">Update Profile Picture</button></p>
  </form>` : ''}
  ${renderErrorSummary(vm.profile.errorSummary, vm.profile.fields)}
  <form class="admin-form" method="post" action="${vm.profile.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.profile.fields.map(renderField)}
    <p><button type="submit">Update Profile</button></p>
  </form></section>
  <section aria-labelledby="password-heading"><h2 id="password-heading">Account Management</h2>
  ${vm.password.errorSummary ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.password.errorSummary}</p><ul>${vm.password.fields
    .filter((f) => f.error).map((f) => html`<li><a href="#field-${f.name}">${f.label}: ${f.error}</a></li>`)}</ul></div>` : ''}
  <form class="admin-form" method="post" action="${vm.password.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.password.fields.map(renderPasswordField)}
    <p class="admin-note">Your other sessions end when the password changes; this one stays signed in.</p>
    <p><button type="submit">Set New Password</button></p>
  </form></section>
  ${vm.appPasswords ? renderAppPasswords(vm.appPasswords) : ''}
</section>`;
}
