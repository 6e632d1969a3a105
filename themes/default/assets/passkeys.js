// Passkeys in the browser: "Add a passkey" on the account page and "Sign in with a passkey" on the sign-in page.
// No library: the browser's own JSON helpers (parseCreationOptionsFromJSON, parseRequestOptionsFromJSON,
// credential.toJSON()). Plain JavaScript under a strict CSP. Where WebAuthn (or those helpers) is missing, the
// buttons stay hidden: nobody meets one that cannot work.
(() => {
  'use strict';

  const PKC = window.PublicKeyCredential;
  const supported = typeof PKC === 'function'
    && typeof PKC.parseCreationOptionsFromJSON === 'function'
    && typeof PKC.parseRequestOptionsFromJSON === 'function'
    && typeof PKC.prototype.toJSON === 'function'
    && !!navigator.credentials && typeof navigator.credentials.create === 'function' && typeof navigator.credentials.get === 'function';

  for (const button of document.querySelectorAll('button.passkey-add')) {
    // Served hidden: without this script (or without WebAuthn) the button could do nothing.
    const row = button.closest('p') || button;
    if (!supported) continue;
    row.hidden = false;
    const status = statusAfter(row);
    button.addEventListener('click', () => run(button, status, () => addPasskey(button, status)));
  }

  for (const button of document.querySelectorAll('button.passkey-sign-in-button')) {
    const section = button.closest('section.passkey-sign-in');
    if (!supported) continue; // the section is hidden in the page as served
    if (section) section.hidden = false;
    const status = (section && section.querySelector('.passkey-status')) || statusAfter(button.closest('p') || button);
    button.addEventListener('click', () => run(button, status, () => signIn(button, status)));
  }

  /** A polite live region after `element`, for what is happening and what went wrong. */
  function statusAfter(element) {
    const status = document.createElement('p');
    status.className = 'passkey-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    element.after(status);
    return status;
  }

  /** One ceremony at a time per button; whatever fails is said in words beside it. */
  async function run(button, status, ceremony) {
    if (button.disabled) return;
    button.disabled = true;
    status.classList.remove('is-error');
    try {
      await ceremony();
    } catch (error) {
      status.textContent = messageOf(error);
      status.classList.add('is-error');
      button.disabled = false;
    }
  }

  async function addPasskey(button, status) {
    const csrf = button.getAttribute('data-csrf') || '';
    status.textContent = 'Follow your browser’s prompt to create the passkey…';
    const options = await postJson(button.getAttribute('data-options'), {}, csrf);
    const credential = await navigator.credentials.create({ publicKey: PKC.parseCreationOptionsFromJSON(options) });
    if (!credential) throw new Error('No passkey was created.');
    status.textContent = 'Saving the passkey…';
    const result = await postJson(button.getAttribute('data-register'), { credential: credential.toJSON() }, csrf);
    status.textContent = 'Passkey added.';
    window.location.assign(result.redirect || window.location.pathname);
  }

  async function signIn(button, status) {
    status.textContent = 'Choose your passkey in your browser’s prompt…';
    const options = await postJson(button.getAttribute('data-options'), {}, '');
    const credential = await navigator.credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(options) });
    if (!credential) throw new Error('No passkey was chosen.');
    status.textContent = 'Signing you in…';
    const returnTo = button.getAttribute('data-return-to') || '/';
    const result = await postJson(button.getAttribute('data-sign-in'), { credential: credential.toJSON(), return_to: returnTo }, '');
    window.location.assign(result.redirect || '/');
  }

  /** POSTs JSON to a path of this site; the answer's JSON, or an Error with the site's own words for a refusal. */
  async function postJson(path, body, csrf) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
    let answer = null;
    try {
      answer = await response.json();
    } catch (ignored) {
      // Not JSON (a proxy's error page): said generally below.
    }
    if (!response.ok) {
      const refusal = new Error(answer && typeof answer.message === 'string' ? answer.message : `The site answered ${response.status}. Try again.`);
      refusal.fromSite = true;
      throw refusal;
    }
    return answer || {};
  }

  /** What to tell the person: the site's message, or the browser's refusal in plain words. */
  function messageOf(error) {
    if (error && error.fromSite) return error.message;
    switch (error && error.name) {
      case 'NotAllowedError':
        return 'The passkey request was cancelled or timed out. Try again when you are ready.';
      case 'InvalidStateError':
        return 'This device or security key already holds a passkey for your account.';
      case 'SecurityError':
        return 'Your browser does not allow passkeys for this address.';
      case 'AbortError':
        return 'The passkey request was interrupted. Try again.';
      default:
        return 'Something went wrong with the passkey. Try again, or use another way to sign in.';
    }
  }
})();
