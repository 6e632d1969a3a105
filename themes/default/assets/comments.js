// The comment form, enhanced: replies in place, posting without a page load, fresh form stamps, the avatar preview,
// and new comments arriving live (Server-Sent Events). Without this file everything still works as plain HTML forms.
// Plain JavaScript under a strict CSP: no inline code or style, no eval; comment HTML comes sanitized from the server.
(() => {
  'use strict';

  const section = document.querySelector('section#comments');
  if (!section) return;
  const respond = document.getElementById('respond');
  const form = document.getElementById('commentform');
  const announcer = createAnnouncer();

  if (respond && form) enhanceForm();
  followLiveComments();

  // ---- Shared helpers -------------------------------------------------------------------------------------------

  /** A polite live region: screen readers read what is put in it when they are done with what they were saying. */
  function createAnnouncer() {
    const region = document.createElement('div');
    region.className = 'visually-hidden';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('role', 'status');
    section.append(region);
    return (message) => {
      // Emptied first, then filled on the next frame: the same words twice are still announced twice.
      region.textContent = '';
      requestAnimationFrame(() => {
        region.textContent = message;
      });
    };
  }

  /** The server's rendered (sanitized) `<li>` as an element; a template parses it without running anything. */
  function parseComment(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const item = template.content.querySelector('li[id^="comment-"]');
    return item && item.parentNode === template.content ? item : null;
  }

  function commentItem(id) {
    return document.getElementById(`comment-${id}`);
  }

  function rootList(create) {
    let list = section.querySelector('ol.comment-list');
    if (!list && create) {
      list = document.createElement('ol');
      list.className = 'comment-list';
      const title = section.querySelector('.comments-title');
      if (title) title.after(list);
      else section.prepend(list);
    }
    return list;
  }

  function childList(parent) {
    let list = parent.querySelector(':scope > ol.children');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'children';
      parent.append(list);
    }
    return list;
  }

  /** The thread's order, read from its first and last comments (by date, then id, as the server sorts them). */
  function isNewestFirst(list) {
    const roots = list.querySelectorAll(':scope > li[id^="comment-"]');
    if (roots.length < 2) return false;
    const timeOf = (li) => Date.parse(li.querySelector(':scope > article time')?.getAttribute('datetime') ?? '') || 0;
    const idOf = (li) => Number(li.id.slice('comment-'.length)) || 0;
    const [first, last] = [roots[0], roots[roots.length - 1]];
    return timeOf(first) === timeOf(last) ? idOf(first) > idOf(last) : timeOf(first) > timeOf(last);
  }

  /** This page is not the thread's last: new top-level comments belong on another page. */
  function isOlderPage() {
    return section.querySelector('.comment-navigation a.newer') !== null;
  }

  /**
   * Puts a comment where it belongs: beside a neighbour the server named, else under its parent, else at the end of
   * the thread (its start when the thread is newest first). An item of the same id is replaced (its replies kept).
   */
  function placeComment(item, { parentId, after, before }) {
    const existing = commentItem(item.id.slice('comment-'.length));
    if (existing) {
      const replies = existing.querySelector(':scope > ol.children');
      if (replies) item.append(replies);
      existing.replaceWith(item);
      return item;
    }
    const next = before != null ? commentItem(before) : null;
    const previous = after != null ? commentItem(after) : null;
    const parent = parentId != null ? commentItem(parentId) : null;
    if (next) next.before(item);
    else if (previous) previous.after(item);
    else if (parent) childList(parent).append(item);
    else {
      const list = rootList(true);
      if (isNewestFirst(list)) list.prepend(item);
      else list.append(item);
    }
    return item;
  }

  function authorOf(item) {
    return item.querySelector('.comment-meta .fn')?.textContent.trim() ?? '';
  }

  // ---- The form ---------------------------------------------------------------------------------------------------

  function enhanceForm() {
    const textarea = form.querySelector('#comment');
    const parentInput = form.querySelector('#comment_parent');
    const heading = respond.querySelector('#reply-title');
    const cancel = respond.querySelector('#cancel-comment-reply-link');
    const initialHeading = heading ? Array.from(heading.childNodes).filter((n) => !n.contains(cancel)) : [];
    const initialParent = parentInput ? parentInput.value : '0';
    /** Where the form lives when it is not under a comment. */
    const home = document.createElement('div');
    home.id = 'wp-temp-form-div';
    home.hidden = true;
    respond.before(home);

    // 1. "Reply" moves the form under the comment; "Cancel reply" brings it back.
    section.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a.comment-reply-link') : null;
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const below = document.getElementById(link.dataset.belowelement ?? '');
      if (!below || !parentInput) return;
      event.preventDefault();
      replyTo(link, below);
    });
    cancel?.addEventListener('click', (event) => {
      event.preventDefault();
      resetReply();
      textarea?.focus();
    });

    function replyTo(link, below) {
      const id = link.dataset.commentid;
      below.after(respond);
      parentInput.value = id;
      const label = link.dataset.replyto ?? '';
      const name = label.replace(/^Reply to /, '') || authorOf(commentItem(id) ?? link);
      setHeading(name, id);
      textarea?.focus();
    }

    function setHeading(name, id) {
      if (!heading) return;
      for (const node of Array.from(heading.childNodes)) if (!node.contains(cancel)) node.remove();
      const small = cancel?.closest('small') ?? null;
      const to = document.createElement('a');
      to.href = `#comment-${id}`;
      to.textContent = name;
      heading.insertBefore(document.createTextNode('Leave a Reply to '), small);
      heading.insertBefore(to, small);
      heading.insertBefore(document.createTextNode(' '), small);
      if (cancel) cancel.hidden = false;
    }

    function resetReply() {
      home.after(respond);
      if (parentInput) parentInput.value = '0';
      if (heading) {
        for (const node of Array.from(heading.childNodes)) if (!node.contains(cancel)) node.remove();
        const small = cancel?.closest('small') ?? null;
        const text = initialHeading.length > 0 && initialParent === '0' ? initialHeading : [document.createTextNode('Leave a Reply ')];
        for (const node of text) heading.insertBefore(node, small);
      }
      if (cancel) cancel.hidden = true;
    }

    // 2. A fresh stamp: the page may come from a cache, and the form's age is measured from its stamp.
    const stampInput = form.querySelector('input[name="quire_stamp"]');
    const stampHref = section.dataset.stamp;
    const stampReady = stampInput && stampHref ? fetchStamp(stampHref, stampInput) : Promise.resolve();

    // 3. Posting without a page load. "Preview" stays a plain submit: the server renders it.
    let sending = false;
    form.addEventListener('submit', async (event) => {
      if (event.submitter && event.submitter.name === 'preview') return;
      event.preventDefault();
      if (sending) return;
      sending = true;
      form.setAttribute('aria-busy', 'true');
      const submit = form.querySelector('#submit');
      if (submit) submit.disabled = true;
      try {
        await stampReady;
        await send();
      } finally {
        sending = false;
        form.removeAttribute('aria-busy');
        if (submit) submit.disabled = false;
      }
    });

    async function send() {
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
      body.set('submit', '1');
      let response;
      let data;
      try {
        response = await fetch(form.action, {
          method: 'POST',
          headers: { Accept: 'application/json' },
          body,
          credentials: 'same-origin',
        });
      } catch {
        showErrors({ message: 'Your comment could not be sent: the connection failed. Check your connection and send it again; your text is still here.' });
        return;
      }
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      if (response.status === 201 && data && typeof data.html === 'string') {
        posted(data);
        return;
      }
      showErrors(data && typeof data.message === 'string'
        ? data
        : { message: `Your comment could not be sent (error ${response.status}). Please send it again; your text is still here.` });
    }

    function posted(data) {
      clearErrors();
      const item = parseComment(data.html);
      // A new thread on an older page of comments: its place is on the newest page, so go there.
      if (!item || (data.parentId == null && isOlderPage() && !commentItem(data.id))) {
        window.location.assign(data.redirect);
        return;
      }
      placeComment(item, { parentId: data.parentId });
      if (textarea) textarea.value = '';
      resetReply();
      item.tabIndex = -1;
      item.focus();
      announcer(data.awaitingModeration ? 'Your comment is awaiting moderation.' : 'Your comment was posted.');
    }

    function clearErrors() {
      form.querySelector('#comment-form-errors')?.remove();
      for (const element of form.querySelectorAll('.field .error')) element.remove();
      for (const field of form.querySelectorAll('.field.has-error')) field.classList.remove('has-error');
      for (const control of form.querySelectorAll('[aria-invalid]')) {
        control.removeAttribute('aria-invalid');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
        if (ids.length > 0) control.setAttribute('aria-describedby', ids.join(' '));
        else control.removeAttribute('aria-describedby');
      }
    }

    /** The refusal above the form (role=alert) and each field's message beside it, as the server renders them. */
    function showErrors(data) {
      clearErrors();
      const summary = document.createElement('div');
      summary.id = 'comment-form-errors';
      summary.className = 'form-errors comment-form-errors';
      summary.setAttribute('role', 'alert');
      summary.tabIndex = -1;
      const message = document.createElement('p');
      message.textContent = data.message;
      summary.append(message);
      const fields = data.data && typeof data.data.fields === 'object' && data.data.fields ? data.data.fields : {};
      const list = document.createElement('ul');
      for (const [name, text] of Object.entries(fields)) {
        const control = form.querySelector(`#${CSS.escape(name)}`);
        if (!control || typeof text !== 'string') continue;
        const error = document.createElement('span');
        error.className = 'error';
        error.id = `${name}-error`;
        error.textContent = text;
        control.before(error);
        control.closest('.field')?.classList.add('has-error');
        control.setAttribute('aria-invalid', 'true');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        control.setAttribute('aria-describedby', [...ids, error.id].join(' '));
        const entry = document.createElement('li');
        const link = document.createElement('a');
        link.href = `#${name}`;
        link.textContent = `${form.querySelector(`label[for="${CSS.escape(name)}"]`)?.firstChild?.textContent.trim() ?? name}: ${text}`;
        entry.append(link);
        list.append(entry);
      }
      if (list.childElementCount > 0) summary.append(list);
      form.prepend(summary);
      summary.focus();
    }

    // 4. The avatar preview follows the name (initials) and the e-mail (colour), as the server computes them.
    // Listened for on the form: the guest fields come and go when the reader signs in or out (sign-in.js).
    form.addEventListener('input', (event) => {
      const id = event.target instanceof Element ? event.target.id : '';
      if (id !== 'author' && id !== 'email') return;
      const preview = form.querySelector('[data-avatar-preview]');
      const nameInput = form.querySelector('#author');
      const emailInput = form.querySelector('#email');
      if (!preview || !nameInput) return;
      const name = nameInput.value.trim();
      const email = emailInput ? emailInput.value.trim() : '';
      preview.textContent = name === '' ? '' : initialsOf(name);
      preview.className = `avatar ${name === '' ? 'avatar-neutral' : `avatar-hue-${hueOf(email || name)}`}`;
    });
  }

  async function fetchStamp(href, input) {
    try {
      const response = await fetch(href, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const data = await response.json();
      if (data && typeof data.stamp === 'string') input.value = data.stamp;
    } catch {
      // The page's own stamp still works: only the form's age is then counted from when the page was made.
    }
  }

  /** As the server's initialsOf: first and last word's first letters, upper-cased. */
  function initialsOf(name) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const picked = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? '?'];
    return picked.map((word) => Array.from(word ?? '?')[0] ?? '?').join('').toUpperCase();
  }

  /** As the server's avatarHueOf: FNV-1a of the trimmed, lower-cased key, one of twelve colours. */
  function hueOf(key) {
    let hash = 0x811c9dc5;
    for (const char of key.trim().toLowerCase()) {
      hash ^= char.codePointAt(0) ?? 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % 12;
  }

  // ---- 5. Live comments ---------------------------------------------------------------------------------------------

  function followLiveComments() {
    const href = section.dataset.live;
    if (!href || typeof EventSource !== 'function') return;
    let source = null;
    const open = () => {
      const url = new URL(href, document.baseURI);
      // The comments this page has: those approved since it was made (it may come from a cache) come first.
      const ids = Array.from(section.querySelectorAll('li[id^="comment-"]'), (li) => Number(li.id.slice('comment-'.length)))
        .filter((id) => Number.isSafeInteger(id) && id > 0);
      if (ids.length > 0 && !section.querySelector('.comment-navigation')) url.searchParams.set('after', String(Math.max(...ids)));
      source = new EventSource(url);
      source.addEventListener('comment', (event) => receive(event.data));
    };
    open();
    // Closed when the page is left (and reopened when it comes back from the back/forward cache).
    window.addEventListener('pagehide', () => {
      source?.close();
      source = null;
    });
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && !source) open();
    });
  }

  function receive(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    if (!data || typeof data.html !== 'string' || !Number.isSafeInteger(data.id)) return;
    const existing = commentItem(data.id);
    // Already here, as the thread showed it, or as its author just posted it.
    if (existing && !existing.classList.contains('comment-pending')) return;
    if (!existing && data.parentId == null && isOlderPage()) return;
    if (!existing && data.parentId != null && !commentItem(data.parentId) && !commentItem(data.after) && !commentItem(data.before)) {
      // A reply to a comment this page does not show (another page of the thread).
      return;
    }
    const item = parseComment(data.html);
    if (!item || item.id !== `comment-${data.id}`) return;
    if (!existing) item.classList.add('comment-live');
    placeComment(item, data);
    if (!existing) announcer(`New comment by ${authorOf(item)}`);
  }
})();
