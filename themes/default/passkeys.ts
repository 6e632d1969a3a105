// "Sign in with a passkey" on the sign-in page. Hidden until passkeys.js has found WebAuthn in the browser, so
// nobody without it (or without JavaScript) meets a button that cannot work. (The account page's Passkeys section
// is drawn by account.ts from PasskeysSectionVM.)
import { type SafeHtml, html } from '../../src/kernel/html.js';

export interface PasskeySignInVM {
  /** Where the script asks for a challenge (POST, JSON). */
  readonly optionsAction: string;
  /** Where it sends the signed answer (POST, JSON), with `returnTo`. */
  readonly signInAction: string;
  /** A same-origin path to land on once signed in. */
  readonly returnTo: string;
}

export function renderPasskeySignIn(vm: PasskeySignInVM): SafeHtml {
  return html`<section class="account-section passkey-sign-in" aria-labelledby="passkey-sign-in-heading" hidden>
  <h2 id="passkey-sign-in-heading">Or use a passkey</h2>
  <p>No password needed: your device or security key confirms it is you.</p>
  <p><button type="button" class="passkey-sign-in-button" data-options="${vm.optionsAction}" data-sign-in="${vm.signInAction}" data-return-to="${vm.returnTo}">Sign in with a passkey</button></p>
  <p class="passkey-status" role="status" aria-live="polite"></p>
</section>`;
}
