// The site-account pages: the forms (register, sign in, forgot, reset, e-mail link), the one-button pages that
// mailed links open, the notices that end a step, and the account settings page with its sections.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { FormFieldVM, FormVM, LinkVM } from '../view-models.js';
import { renderForm } from './messages.js';

/** A form page with the ways onward below it ("Forgot your password?", "Register"). */
export interface AccountFormVM extends FormVM {
  readonly links: readonly LinkVM[];
}

/** A page that ends a step ("Check your inbox") or refuses a link that no longer works (`refused`). */
export interface AccountNoticeVM {
  readonly heading: string;
  readonly messages: readonly string[];
  readonly links: readonly LinkVM[];
  readonly refused?: boolean;
}

/** What a mailed link opens: a page that changes nothing until its one button is pressed. */
export interface AccountConfirmVM {
  readonly heading: string;
  readonly message: string;
  readonly action: string;
  readonly csrfToken: string;
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly submitLabel: string;
}

export interface IdentityRowVM {
  /** "The Offcut account", "Google". */
  readonly label: string;
  /** Who the provider says it is: name and, when vouched for, address. */
  readonly detail: string;
  /** This browser signed in with it. */
  readonly current: boolean;
  /** The Unlink form's action; null when it cannot be unlinked (the only way left to sign in). */
  readonly unlinkAction: string | null;
}

/** A provider that could be linked (filled by the identity feature's routes; empty until then). */
export interface LinkableProviderVM {
  readonly label: string;
  readonly href: string;
}

/** A passkey of the account (filled by the passkeys feature). */
export interface PasskeyItemVM {
  readonly name: string;
  readonly createdText: string;
  readonly lastUsedText: string | null;
  /** The Remove form's action (POST, CSRF token of the page). */
  readonly removeAction: string;
}

export interface PasskeysSectionVM {
  readonly items: readonly PasskeyItemVM[];
  /** Where the add-a-passkey script asks for options and sends the new credential (data attributes of its button). */
  readonly optionsAction: string;
  readonly registerAction: string;
}

export interface AccountSettingsVM {
  readonly heading: string;
  /** What the last action did ("Your display name was changed."). */
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly profile: {
    readonly action: string;
    readonly field: FormFieldVM;
    readonly errorSummary: string | null;
  };
  readonly identities: {
    readonly rows: readonly IdentityRowVM[];
    /** Why nothing can be unlinked, when nothing can. */
    readonly note: string | null;
    /** A refused unlink, said at the list. */
    readonly error: string | null;
    readonly linkable: readonly LinkableProviderVM[];
  };
  /** Absent: the site offers no passkeys (yet); the section is not shown. */
  readonly passkeys?: PasskeysSectionVM;
  readonly logout: { readonly action: string; readonly returnTo: string };
}

const hiddenCsrf = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export function renderAccountForm(vm: AccountFormVM): SafeHtml {
  return html`<div class="account-page">${renderForm(vm)}
  ${vm.links.length > 0 ? html`<ul class="account-links">${vm.links.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>` : ''}
</div>`;
}

export function renderAccountNotice(vm: AccountNoticeVM): SafeHtml {
  return html`<section class="notice-page account-notice" role="${vm.refused ? 'alert' : 'status'}">
  <h1>${vm.heading}</h1>
  ${vm.messages.map((m) => html`<p>${m}</p>`)}
  ${vm.links.map((l) => html`<p><a href="${l.href}">${l.label}</a></p>`)}
</section>`;
}

export function renderAccountConfirm(vm: AccountConfirmVM): SafeHtml {
  return html`<section class="notice-page account-confirm">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  <form method="post" action="${vm.action}">
    ${hiddenCsrf(vm.csrfToken)}
    ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
    <p><button type="submit">${vm.submitLabel}</button></p>
  </form>
</section>`;
}

function renderProfile(vm: AccountSettingsVM): SafeHtml {
  const f = vm.profile.field;
  return html`<section class="account-section" aria-labelledby="account-profile">
  <h2 id="account-profile">Your name</h2>
  ${vm.profile.errorSummary ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.profile.errorSummary}</p></div>` : ''}
  <form method="post" action="${vm.profile.action}" novalidate>
    ${hiddenCsrf(vm.csrfToken)}
    <p class="field${f.error ? ' has-error' : ''}">
      <label for="field-${f.name}">${f.label}</label>
      ${f.hint ? html`<span class="hint" id="field-${f.name}-hint">${f.hint}</span>` : ''}
      ${f.error ? html`<span class="error" id="field-${f.name}-error">${f.error}</span>` : ''}
      <input id="field-${f.name}" name="${f.name}" type="text" value="${f.value}" autocomplete="${f.autocomplete}" required${
        f.error ? html` aria-invalid="true" aria-describedby="field-${f.name}-error"` : ''
      }>
    </p>
    <p><button type="submit">Save</button></p>
  </form>
</section>`;
}

function renderIdentities(vm: AccountSettingsVM): SafeHtml {
  const { rows, note, error, linkable } = vm.identities;
  return html`<section class="account-section" aria-labelledby="account-identities">
  <h2 id="account-identities">Ways to sign in</h2>
  ${error ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${error}</p></div>` : ''}
  <ul class="account-identities">${rows.map((row) => html`<li class="account-identity">
    <span class="identity-label">${row.label}</span> <span class="identity-detail">${row.detail}</span>${
      row.current ? html` <span class="identity-current">(signed in with this)</span>` : ''
    }${row.unlinkAction
      ? html`<form method="post" action="${row.unlinkAction}" class="identity-unlink">${hiddenCsrf(vm.csrfToken)}<button type="submit" class="destructive">Unlink</button></form>`
      : ''}
  </li>`)}</ul>
  ${note ? html`<p class="hint">${note}</p>` : ''}
  ${linkable.length > 0
    ? html`<ul class="account-linkable">${linkable.map((p) => html`<li><a href="${p.href}">Link your ${p.label} account</a></li>`)}</ul>`
    : ''}
</section>`;
}

// ---- Passkeys: the passkeys feature fills `vm.passkeys`; nothing here is shown without it. ----------------------
function renderPasskeys(vm: AccountSettingsVM): SafeHtml {
  const section = vm.passkeys;
  if (!section) return html``;
  return html`<section class="account-section account-passkeys" aria-labelledby="account-passkeys">
  <h2 id="account-passkeys">Passkeys</h2>
  ${section.items.length === 0 ? html`<p>No passkeys yet.</p>` : ''}
  <noscript><p>Adding a passkey needs JavaScript in this browser.</p></noscript>
  <ul class="passkeys">${section.items.map((item) => html`<li class="passkey">
    <span class="passkey-name">${item.name}</span> <span class="passkey-dates">added ${item.createdText}${
      item.lastUsedText ? html`, last used ${item.lastUsedText}` : ''
    }</span>
    <form method="post" action="${item.removeAction}">${hiddenCsrf(vm.csrfToken)}<button type="submit" class="destructive">Remove</button></form>
  </li>`)}</ul>
  <p hidden><button type="button" class="passkey-add" data-options="${section.optionsAction}" data-register="${section.registerAction}" data-csrf="${vm.csrfToken}">Add a passkey</button></p>
</section>`;
}
// ---- End of passkeys. -----------------------------------------------------------------------------------------

export function renderAccountSettings(vm: AccountSettingsVM): SafeHtml {
  return html`<section class="account-settings">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="account-notice-line" role="status">${vm.notice}</p>` : ''}
  ${renderProfile(vm)}
  ${renderIdentities(vm)}
  ${renderPasskeys(vm)}
  <section class="account-section" aria-labelledby="account-sign-out">
    <h2 id="account-sign-out">Sign out</h2>
    <form method="post" action="${vm.logout.action}">
      ${hiddenCsrf(vm.csrfToken)}
      <input type="hidden" name="return_to" value="${vm.logout.returnTo}">
      <p><button type="submit">Log Out</button></p>
    </form>
  </section>
</section>`;
}
