// The post editor, enhanced: live preview, autosave (and on leaving), the edit lock kept, a warning before leaving
// unsaved changes, the slug made from the title, tag suggestions, "+ Add New Category" in place, Publish/Schedule.
// Without this file the editor works as a plain form. Plain JavaScript under a strict CSP: nothing inline, no eval;
// preview and category HTML come rendered and sanitized by the server.
(() => {
  'use strict';

  const form = document.querySelector('form[data-editor]');
  if (!form) return;
  const AUTOSAVE_MS = 15000;
  const LOCK_MS = 60000;
  const loadedAt = Date.now();
  const field = (name) => form.elements.namedItem(name);
  const csrf = field('_csrf').value;
  const state = form.querySelector('[data-save-state]');
  const snapshot = () => new URLSearchParams(new FormData(form)).toString();
  let saved = snapshot();
  let autosaved = textOf();
  let submitting = false;

  function textOf() {
    return JSON.stringify([field('title').value, field('content').value, field('excerpt').value]);
  }

  function say(message) {
    if (state) state.textContent = message;
  }

  /** A POST the server reads as a form, answered in JSON (errors too). */
  async function post(url, fields) {
    const body = new URLSearchParams({ _csrf: csrf, ...fields });
    const response = await fetch(url, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(data.message || 'The server refused the request.'), { status: response.status });
    return data;
  }

  // ---- Live preview -------------------------------------------------------------------------------------------
  const previewSection = document.getElementById('editor-preview');
  const previewPane = form.querySelector('[data-preview-pane]');
  let previewTimer = 0;

  async function refreshPreview() {
    try {
      const data = await post(form.dataset.previewUrl, { content: field('content').value, post: form.dataset.postId || '' });
      const template = document.createElement('template');
      template.innerHTML = data.html;
      previewPane.replaceChildren(template.content);
      previewSection.hidden = false;
    } catch (error) {
      say(`The preview failed: ${error.message}`);
    }
  }

  form.querySelector('[data-preview-button]')?.addEventListener('click', (event) => {
    event.preventDefault();
    void refreshPreview();
  });
  field('content').addEventListener('input', () => {
    if (previewSection.hidden) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  });

  // ---- Autosave, the lock, and leaving -----------------------------------------------------------------------
  function fieldsToAutosave() {
    return { title: field('title').value, content: field('content').value, excerpt: field('excerpt').value };
  }

  let autosaving = false;

  async function autosave() {
    const text = textOf();
    if (text === autosaved || submitting || autosaving) return;
    // A new post becomes a draft on its first autosave, once it has a title (WordPress's auto-draft).
    if (!form.dataset.postId && field('title').value.trim() === '') return;
    // One at a time: a second first-autosave in flight would make a second draft.
    autosaving = true;
    try {
      const data = await post(form.dataset.autosaveUrl, fieldsToAutosave());
      autosaved = text;
      if (data.editUrl) becomeStored(data);
      say(`Draft saved at ${new Date().toLocaleTimeString()}.`);
    } catch (error) {
      say(`Autosave failed: ${error.message}`);
    } finally {
      autosaving = false;
    }
  }

  /** The new post now exists: the form saves it (instead of making another), and its lock is kept. */
  function becomeStored(data) {
    form.dataset.postId = String(data.id);
    form.dataset.autosaveUrl = data.autosaveUrl;
    form.dataset.lockUrl = data.lockUrl;
    form.action = data.editUrl;
    history.replaceState(null, '', data.editUrl);
  }

  async function renewLock() {
    if (!form.dataset.lockUrl) return;
    try {
      await post(form.dataset.lockUrl, {});
    } catch (error) {
      if (error.status === 409) say(error.message);
    }
  }

  setInterval(autosave, AUTOSAVE_MS);
  setInterval(renewLock, LOCK_MS);

  // Leaving (tab hidden, page closed): the last words go as a beacon, which outlives the page.
  function autosaveOnLeaving() {
    if (!form.dataset.postId || submitting || textOf() === autosaved) return;
    const body = new URLSearchParams({ _csrf: csrf, ...fieldsToAutosave() });
    if (navigator.sendBeacon(form.dataset.autosaveUrl, body)) autosaved = textOf();
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') autosaveOnLeaving();
  });
  window.addEventListener('pagehide', () => {
    autosaveOnLeaving();
    // Gone for good (not a save, which comes back to this editor): the lock is released for the next person.
    if (!submitting && form.dataset.lockUrl) navigator.sendBeacon(form.dataset.lockUrl, new URLSearchParams({ _csrf: csrf, release: '1' }));
  });

  form.addEventListener('submit', () => {
    submitting = true;
  });
  window.addEventListener('beforeunload', (event) => {
    if (submitting || snapshot() === saved) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // ---- Slug from the title ------------------------------------------------------------------------------------
  const slug = field('slug');
  let slugTyped = slug.dataset.slugAuto !== 'on';
  slug.addEventListener('input', () => {
    slugTyped = slug.value !== '';
  });
  field('title').addEventListener('input', () => {
    if (slugTyped) return;
    slug.value = field('title').value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 200);
  });

  // ---- Publish or Schedule, by the date -------------------------------------------------------------------------
  const publishButton = form.querySelector('[data-publish-button]');
  const date = field('published_at');
  function siteNowMs() {
    return Date.parse(`${form.dataset.siteNow}:00Z`) + (Date.now() - loadedAt);
  }
  date.addEventListener('input', () => {
    if (!publishButton || !['publish', 'schedule'].includes(publishButton.value)) return;
    const future = date.value !== '' && Date.parse(`${date.value}Z`) > siteNowMs();
    publishButton.value = future ? 'schedule' : 'publish';
    publishButton.textContent = future ? 'Schedule' : 'Publish';
  });

  // ---- Tags: suggestions from the site's tags ---------------------------------------------------------------------
  const tags = field('tags');
  const tagList = document.getElementById('tag-suggestions');
  let tagTimer = 0;
  if (tags && tagList && form.dataset.tagSuggestUrl) {
    tags.addEventListener('input', () => {
      clearTimeout(tagTimer);
      tagTimer = setTimeout(suggestTags, 250);
    });
  }

  async function suggestTags() {
    const typed = tags.value;
    const cut = typed.lastIndexOf(',');
    const word = typed.slice(cut + 1).trim();
    if (word.length < 2) return;
    const prefix = cut < 0 ? '' : `${typed.slice(0, cut + 1)} `;
    const url = `${form.dataset.tagSuggestUrl}?q=${encodeURIComponent(word)}`;
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const names = await response.json();
    tagList.replaceChildren(...names.map((name) => Object.assign(document.createElement('option'), { value: `${prefix}${name}` })));
  }

  // ---- + Add New Category, in place -------------------------------------------------------------------------------
  const adder = form.querySelector('[data-add-category]');
  adder?.querySelector('button[value="add-category"]')?.addEventListener('click', async (event) => {
    event.preventDefault();
    const name = field('new_category_name');
    const parent = field('new_category_parent');
    adder.querySelector('.error')?.remove();
    try {
      const data = await post(adder.dataset.addCategory, { new_category_name: name.value, new_category_parent: parent.value });
      const template = document.createElement('template');
      template.innerHTML = data.html;
      const list = form.querySelector('[data-checklist]');
      const under = parent.value ? list.querySelector(`input[value="${CSS.escape(parent.value)}"]`)?.closest('li') : null;
      const target = under ? (under.querySelector(':scope > ul') ?? under.appendChild(document.createElement('ul'))) : (list.querySelector(':scope > ul') ?? list.appendChild(document.createElement('ul')));
      // The answer is <ul><li>…</li></ul>: its item joins the list (under the chosen parent).
      target.append(...(template.content.firstElementChild?.children ?? []));
      parent.append(Object.assign(document.createElement('option'), { value: String(data.id), textContent: data.name }));
      name.value = '';
      say(`Category “${data.name}” added.`);
    } catch (error) {
      const note = Object.assign(document.createElement('span'), { className: 'error', id: 'new_category_name-error', textContent: error.message });
      name.before(note);
      name.setAttribute('aria-describedby', note.id);
      name.focus();
    }
  });

  saved = snapshot();
})();
