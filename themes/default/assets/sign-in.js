// The comment form's sign-in, enhanced: a provider's icon opens its sign-in in a small window, and when that window
// reports back (postMessage from this origin, or the 'quire-auth' BroadcastChannel) the identity block is fetched
// again and swapped in place, the typed comment untouched. A blocked popup keeps the draft on the server first and
// then follows the plain link. "Log Out" and "Change" work in place too. Without this file every icon, Log Out and
// Change is a plain link or form. Plain JavaScript under a strict CSP: no inline code or style, no eval.
(() => {
  'use strict';

  const respond = document.getElementById('respond');
  if (!respond || !respond.dataset.identity) return;
  const identityHref = respond.dataset.identity;
  const draftHref = respond.dataset.draft;
  const postId = Number(respond.dataset.postId);
  const MESSAGE = 'quire:signed-in';

  let popup = null;
  let watch = 0;
  let refreshing = null;

  respond.addEventListener('click', onClick);
  window.addEventListener('message', (event) => {
    // Only our own pages may say so: any other window's message is ignored.
    if (event.origin !== window.location.origin || !event.data || event.data.type !== MESSAGE) return;
    signedIn();
  });
  if (typeof BroadcastChannel === 'function') {
    // When the provider's pages cut the popup's link to this window, the channel still reaches it.
    const channel = new BroadcastChannel('quire-auth');
    channel.addEventListener('message', (event) => {
      if (event.data && event.data.type === MESSAGE) signedIn();
    });
  }

  function onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const icon = target.closest('a.sign-in-icon');
    if (icon) return startSignIn(event, icon);
    if (target.closest('.comment-sign-in-cancel')) {
      event.preventDefault();
      stopConnecting(true);
      return;
    }
    if (target.closest('a.comment-change-identity')) return inPlace(event, () => refresh(true), 'a.sign-in-icon');
    if (target.closest('a.comment-keep-identity')) return inPlace(event, () => refresh(false), '#comment');
    if (target.closest('button.comment-log-out')) return inPlace(event, logOut, 'a.sign-in-icon, #email');
  }

  /** Runs `action` instead of the link or button's own navigation; on failure, the navigation after all. */
  function inPlace(event, action, focusSelector) {
    const control = event.target.closest('a, button');
    event.preventDefault();
    action().then(
      () => respond.querySelector(focusSelector)?.focus(),
      () => {
        if (control instanceof HTMLAnchorElement) window.location.assign(control.href);
        else document.getElementById('comment-logout')?.submit();
      },
    );
  }

  // ---- Signing in -------------------------------------------------------------------------------------------------

  async function startSignIn(event, icon) {
    event.preventDefault();
    if (icon.dataset.flow !== 'popup') {
      // Another page of this site (the account's sign-in, an e-mail link): the typed text waits for the reader there.
      await saveDraft();
      window.location.assign(icon.href);
      return;
    }
    stopConnecting(false);
    const url = new URL(icon.href, document.baseURI);
    url.searchParams.set('popup', '1');
    popup = window.open(url.href, 'quire-auth', 'width=600,height=700');
    if (!popup) {
      // Blocked: the whole page goes to the provider and comes back to #respond, where the draft is put back.
      await saveDraft();
      window.location.assign(icon.href);
      return;
    }
    showConnecting(icon.dataset.label || icon.textContent.trim());
    // A window closed without signing in gives the icons back (a late message still signs the form in).
    watch = window.setInterval(() => {
      if (popup && popup.closed) stopConnecting(false);
    }, 800);
  }

  function showConnecting(label) {
    const block = document.getElementById('comment-identity');
    const status = block?.querySelector('.comment-sign-in-status');
    const icons = block?.querySelector('.sign-in-icons');
    if (!status) return;
    status.textContent = `Connecting to ${label}… `;
    const cancel = document.createElement('a');
    cancel.href = '#respond';
    cancel.className = 'comment-sign-in-cancel';
    cancel.textContent = 'Cancel';
    status.append(cancel);
    status.hidden = false;
    if (icons) icons.hidden = true;
    block.setAttribute('aria-busy', 'true');
  }

  /** The icons again; `closePopup`: the reader cancelled, so the sign-in window goes too. */
  function stopConnecting(closePopup) {
    window.clearInterval(watch);
    if (closePopup && popup && !popup.closed) popup.close();
    popup = null;
    const block = document.getElementById('comment-identity');
    if (!block) return;
    const status = block.querySelector('.comment-sign-in-status');
    if (status) {
      status.textContent = '';
      status.hidden = true;
    }
    const icons = block.querySelector('.sign-in-icons');
    if (icons) icons.hidden = false;
    block.removeAttribute('aria-busy');
  }

  function signedIn() {
    stopConnecting(false);
    refresh(false).then(
      () => document.getElementById('comment')?.focus(),
      () => window.location.reload(),
    );
  }

  // ---- The identity block -----------------------------------------------------------------------------------------

  /** Fetches this browser's identity block (`change`: as "Change" shows it) and swaps it in. One at a time. */
  function refresh(change) {
    if (refreshing) return refreshing;
    refreshing = (async () => {
      const url = new URL(identityHref, document.baseURI);
      if (change) url.searchParams.set('change', '1');
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(`identity ${response.status}`);
      const data = await response.json();
      if (!data || typeof data.html !== 'string') throw new Error('identity: no block');
      await swap(data);
    })();
    const done = () => {
      refreshing = null;
    };
    refreshing.then(done, done);
    return refreshing;
  }

  async function swap(data) {
    const form = document.getElementById('commentform');
    // A site that asks readers to sign in has no form for guests: the page itself changes, so load it again
    // (the typed text kept as a draft, which the page puts back).
    if ((data.state !== 'sign-in-required') !== Boolean(form)) {
      await saveDraft();
      window.location.reload();
      return;
    }
    const template = document.createElement('template');
    template.innerHTML = data.html;
    const block = template.content.querySelector('#comment-identity');
    const logout = template.content.querySelector('#comment-logout');
    const oldBlock = document.getElementById('comment-identity');
    if (!block || !oldBlock) throw new Error('identity: nothing to swap');
    oldBlock.replaceWith(block);
    const oldLogout = document.getElementById('comment-logout');
    if (logout && oldLogout) oldLogout.replaceWith(logout);
    else if (logout) respond.querySelector('#reply-title')?.after(logout);
    else oldLogout?.remove();
    if (form) updateForm(form, data);
  }

  /** The form's CSRF token (a signed-in browser posts with it) and the "Save my name…" box (guests only). */
  function updateForm(form, data) {
    let token = form.querySelector('input[name="_csrf"]');
    if (typeof data.csrf === 'string') {
      if (!token) {
        token = document.createElement('input');
        token.type = 'hidden';
        token.name = '_csrf';
        (form.querySelector('.form-submit') ?? form).append(token);
      }
      token.value = data.csrf;
    } else {
      token?.remove();
    }
    const remember = document.getElementById('comment-remember');
    if (remember) remember.hidden = data.state === 'signed-in';
  }

  async function logOut() {
    const logoutForm = document.getElementById('comment-logout');
    if (!logoutForm) throw new Error('no Log Out form');
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(logoutForm)) if (typeof value === 'string') body.append(name, value);
    // The answer is a redirect back to this post: not followed, the block is fetched instead.
    const response = await fetch(logoutForm.action, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
    if (response.type !== 'opaqueredirect' && !response.ok) throw new Error(`logout ${response.status}`);
    await refresh(false);
  }

  // ---- The draft --------------------------------------------------------------------------------------------------

  /** Keeps the typed text on the server for an hour, for the page this reader comes back to. Best effort. */
  async function saveDraft() {
    const textarea = document.getElementById('comment');
    const text = textarea && !textarea.readOnly ? textarea.value : '';
    if (!draftHref || text.trim() === '' || !Number.isSafeInteger(postId)) return;
    const parentId = Number(document.getElementById('comment_parent')?.value ?? 0) || null;
    try {
      await fetch(draftHref, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ postId, parentId, text }),
        credentials: 'same-origin',
      });
    } catch {
      // The sign-in goes on: only the text would have to be typed again.
    }
  }
})();
