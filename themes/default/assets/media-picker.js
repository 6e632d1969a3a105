// The media library, enhanced: drag and drop and uploads with progress on /admin/media, and on the post editor
// the "Add Media" / "Set featured image" buttons (button.media-picker), which open a dialog of recent media (with
// an upload in place) and insert the chosen item's Markdown at the cursor of the textarea named by data-insert, or
// set the field named by data-target to its id. Without this file the upload form still works and the library
// shows the Markdown to copy. Plain JavaScript under a strict CSP: nothing inline; every text set as text.
(() => {
  'use strict';

  const UPLOAD_URL = '/admin/media/upload';
  const LIST_URL = '/admin/media.json';

  /** Sends one file as the request body (what the server sniffs), reporting progress; resolves with the item's JSON. */
  function uploadFile(file, csrf, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', UPLOAD_URL);
      request.setRequestHeader('Accept', 'application/json');
      request.setRequestHeader('X-CSRF-Token', csrf);
      request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      request.setRequestHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
      });
      request.addEventListener('load', () => {
        let body = null;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          // Not JSON: a proxy's page, say; the status says enough.
        }
        if (request.status === 201 && body) resolve(body);
        else reject(new Error((body && body.message) || `The upload failed (${request.status}).`));
      });
      request.addEventListener('error', () => reject(new Error('The upload failed: the connection was lost. Try again.')));
      request.send(file);
    });
  }

  function csrfToken() {
    const input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }

  function element(tag, attributes = {}, text = '') {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  /** Uploads each file in turn, showing progress and the outcome; resolves with the items stored. */
  async function uploadAll(files, csrf, progress, status) {
    const stored = [];
    for (const file of files) {
      progress.hidden = false;
      progress.value = 0;
      status.textContent = `Uploading ${file.name}…`;
      try {
        stored.push(await uploadFile(file, csrf, (percent) => { progress.value = percent; }));
        status.textContent = `${file.name} uploaded.`;
      } catch (error) {
        status.textContent = `${file.name}: ${error.message}`;
      }
    }
    progress.hidden = true;
    return stored;
  }

  // The library's upload form: drop files on it, or choose them; each is sent with a progress bar.
  function enhanceLibraryForm(form) {
    const input = form.querySelector('input[type="file"]');
    const progress = form.querySelector('.media-progress');
    const status = form.querySelector('.media-upload-status');
    const note = form.querySelector('.media-drop-note');
    if (!input || !progress || !status) return;
    input.multiple = true;
    if (note) note.hidden = false;
    async function send(files) {
      if (files.length === 0) {
        status.textContent = 'Choose a file to upload.';
        return;
      }
      const stored = await uploadAll(files, form.dataset.csrf || csrfToken(), progress, status);
      if (stored.length === 1 && files.length === 1) window.location.assign(`${stored[0].editUrl}?uploaded=1`);
      else if (stored.length > 0) window.location.assign('/admin/media?uploaded=1');
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send([...input.files]);
    });
    form.addEventListener('dragover', (event) => {
      event.preventDefault();
      form.classList.add('is-dragging');
    });
    form.addEventListener('dragleave', () => form.classList.remove('is-dragging'));
    form.addEventListener('drop', (event) => {
      event.preventDefault();
      form.classList.remove('is-dragging');
      send([...event.dataTransfer.files]);
    });
  }

  /** The dialog's parts, made once; every text is set as text. */
  function buildDialog() {
    const parts = {
      dialog: element('dialog', { class: 'media-dialog', 'aria-labelledby': 'media-dialog-title' }),
      title: element('h2', { id: 'media-dialog-title' }),
      uploadInput: element('input', { type: 'file', id: 'media-dialog-file' }),
      progress: element('progress', { max: '100', value: '0', class: 'media-progress' }),
      status: element('p', { class: 'media-upload-status', role: 'status', 'aria-live': 'polite' }),
      list: element('ul', { class: 'media-dialog-items', 'aria-labelledby': 'media-dialog-list' }),
      more: element('button', { type: 'button', class: 'media-dialog-more' }, 'Load more'),
      close: element('button', { type: 'button', class: 'media-dialog-close' }, 'Close'),
    };
    parts.progress.hidden = true;
    parts.dialog.append(
      parts.title, element('label', { for: 'media-dialog-file' }, 'Upload a file'), parts.uploadInput, parts.progress, parts.status,
      element('h3', { id: 'media-dialog-list' }, 'Recent media'), parts.list, parts.more, parts.close,
    );
    document.body.append(parts.dialog);
    return parts;
  }

  /** One item as a button in the list (the newest first when `first`); choosing it calls `onChoose`. */
  function addItem(list, item, first, onChoose) {
    const button = element('button', { type: 'button', class: 'media-dialog-item' });
    if (item.thumbnailUrl) button.append(element('img', { src: item.thumbnailUrl, alt: '', width: '96', height: '96' }));
    else button.append(element('span', { class: 'media-doc', 'aria-hidden': 'true' }, item.mimeType === 'application/pdf' ? 'PDF' : 'File'));
    button.append(element('span', {}, item.title || item.fileName));
    button.addEventListener('click', () => onChoose(item));
    const row = element('li');
    row.append(button);
    if (first) list.prepend(row);
    else list.append(row);
  }

  /** Fills the list with one page of media of the opener's kind; true when there are more pages. */
  async function loadPage(parts, kind, page, onChoose) {
    const query = new URLSearchParams({ page: String(page) });
    if (kind) query.set('type', kind);
    parts.status.textContent = 'Loading…';
    try {
      const response = await fetch(`${LIST_URL}?${query}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || 'The media could not be loaded.');
      body.items.forEach((item) => addItem(parts.list, item, false, onChoose));
      parts.more.hidden = body.page >= body.pages;
      parts.status.textContent = body.total === 0 ? 'No media yet: upload a file.' : '';
    } catch (error) {
      parts.status.textContent = error.message;
    }
  }

  // The editor's picker: one dialog, filled each time it opens; returns the function that opens it for a button.
  function createPicker() {
    const parts = buildDialog();
    let opener = null;
    let page = 1;

    function choose(item) {
      if (opener.dataset.insert) insertAtCursor(document.getElementById(opener.dataset.insert), item.markdown);
      if (opener.dataset.target) setValue(document.getElementById(opener.dataset.target), String(item.id));
      parts.dialog.close();
    }

    parts.uploadInput.addEventListener('change', async () => {
      const stored = await uploadAll([...parts.uploadInput.files], csrfToken(), parts.progress, parts.status);
      parts.uploadInput.value = '';
      const accepted = stored.filter((item) => opener.dataset.kind !== 'image' || item.isImage);
      if (stored.length > accepted.length) parts.status.textContent = 'Uploaded, but this is not an image: it cannot be the featured image.';
      // The newest first, and focus on it: Enter inserts it.
      accepted.reverse().forEach((item) => addItem(parts.list, item, true, choose));
      if (accepted.length > 0) parts.list.querySelector('button').focus();
    });
    parts.more.addEventListener('click', () => {
      page += 1;
      loadPage(parts, opener.dataset.kind, page, choose);
    });
    parts.close.addEventListener('click', () => parts.dialog.close());
    // Focus goes back to the button that opened the dialog, whichever way it closed (Escape too).
    parts.dialog.addEventListener('close', () => opener && opener.focus());

    return (button) => {
      opener = button;
      page = 1;
      parts.list.replaceChildren();
      parts.title.textContent = button.dataset.kind === 'image' ? 'Choose an image' : 'Add media';
      parts.uploadInput.accept = button.dataset.kind === 'image' ? 'image/*' : '';
      parts.dialog.showModal();
      parts.uploadInput.focus();
      loadPage(parts, button.dataset.kind, page, choose);
    };
  }

  function insertAtCursor(textarea, text) {
    if (!textarea) return;
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    textarea.setRangeText(text, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function setValue(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  document.querySelectorAll('form.media-upload').forEach(enhanceLibraryForm);
  const buttons = document.querySelectorAll('button.media-picker');
  if (buttons.length > 0 && typeof HTMLDialogElement === 'function') {
    const open = createPicker();
    buttons.forEach((button) => button.addEventListener('click', () => open(button)));
  }
})();
