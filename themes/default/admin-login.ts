// The staff sign-in page: the sign-in form, and the way back in for whoever forgot their password.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { FormVM } from '../view-models.js';
import { renderForm } from './messages.js';

export interface StaffSignInVM extends FormVM {
  /** The password reset page (a link by mail). */
  readonly lostPasswordHref: string;
}

export function renderStaffSignIn(vm: StaffSignInVM): SafeHtml {
  return html`${renderForm(vm)}
<p class="admin-login-links"><a href="${vm.lostPasswordHref}">Lost your password?</a></p>`;
}
