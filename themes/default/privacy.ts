// The privacy pages: asking for the mailed link, the page it opens (download / erase), the link that no longer
// works, and the staff screen.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM } from '../view-models.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface PrivacyRequestVM {
  readonly heading: string;
  readonly intro: string;
  readonly action: string;
  readonly fields: readonly FieldVM[];
  readonly errorSummary: string | null;
  /** A refusal of the whole form (too many requests). */
  readonly alert: string | null;
  /** The answer once asked: the same words whether or not the address is known. */
  readonly sent: string | null;
}

export interface PrivacyManageVM {
  readonly heading: string;
  /** Who this page is for, and what is stored. */
  readonly facts: readonly string[];
  /** The link's opaque token: the forms' only credential and their CSRF defence. */
  readonly token: string;
  readonly downloadAction: string;
  readonly eraseAction: string;
  /** Why the erasure was not done (the box was not ticked). */
  readonly confirmError: string | null;
}

/** A page that ends the way: the erasure done, or a link that no longer works (`refused`). */
export interface PrivacyDoneVM {
  readonly heading: string;
  readonly message: string;
  readonly links: readonly LinkVM[];
  readonly refused?: boolean;
}

export interface AdminPrivacyVM {
  readonly heading: string;
  readonly intro: string;
  readonly notice: string | null;
  readonly action: string;
  readonly csrfToken: string;
  readonly fields: readonly FieldVM[];
  readonly errorSummary: string | null;
}

export function renderPrivacyRequest(vm: PrivacyRequestVM): SafeHtml {
  if (vm.sent) {
    return html`<section class="notice-page privacy" role="status">
  <h1>${vm.heading}</h1>
  <p class="privacy-sent">${vm.sent}</p>
  <p><a href="/">Back to the site</a></p>
</section>`;
  }
  return html`<section class="form-page privacy">
  <h1>${vm.heading}</h1>
  <p>${vm.intro}</p>
  ${vm.alert ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.alert}</p></div>` : ''}
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form method="post" action="${vm.action}" novalidate>
    ${vm.fields.map(renderField)}
    <p><button type="submit">Send me the link</button></p>
  </form>
</section>`;
}

export function renderPrivacyManage(vm: PrivacyManageVM): SafeHtml {
  return html`<section class="notice-page privacy">
  <h1>${vm.heading}</h1>
  <ul class="privacy-facts">${vm.facts.map((fact) => html`<li>${fact}</li>`)}</ul>
  <h2 id="privacy-download">Download</h2>
  <form method="post" action="${vm.downloadAction}" aria-labelledby="privacy-download">
    <input type="hidden" name="token" value="${vm.token}">
    <p>A JSON file with every comment and subscription of this address.</p>
    <p><button type="submit" name="download" value="1">Download my data</button></p>
  </form>
  <h2 id="privacy-erase">Erase</h2>
  ${vm.confirmError ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.confirmError}</p></div>` : ''}
  <form method="post" action="${vm.eraseAction}" aria-labelledby="privacy-erase">
    <input type="hidden" name="token" value="${vm.token}">
    <p>Your comments stay where they are in their conversations, so that the replies to them still make sense, but
    their text and your name become “[deleted]”, and your e-mail address, website and IP address are removed. Your
    subscriptions end.</p>
    <div class="field${vm.confirmError ? ' has-error' : ''}"><label for="privacy-confirm"><input id="privacy-confirm" type="checkbox" name="confirm" value="yes"${
      vm.confirmError ? html` aria-invalid="true"` : ''
    }> Yes, erase them. This cannot be undone.</label></div>
    <p><button type="submit" class="destructive">Erase my comments</button></p>
  </form>
</section>`;
}

export function renderPrivacyDone(vm: PrivacyDoneVM): SafeHtml {
  return html`<section class="notice-page privacy" role="${vm.refused ? 'alert' : 'status'}">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  ${vm.links.map((link) => html`<p><a href="${link.href}">${link.label}</a></p>`)}
</section>`;
}

export function renderAdminPrivacy(vm: AdminPrivacyVM): SafeHtml {
  return html`<section class="admin-privacy">
  <h1>${vm.heading}</h1>
  <p>${vm.intro}</p>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form class="admin-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.fields.map(renderField)}
    <p><button type="submit" name="action" value="export">Download data</button>
    <button type="submit" name="action" value="erase" class="destructive">Erase data</button></p>
  </form>
</section>`;
}
