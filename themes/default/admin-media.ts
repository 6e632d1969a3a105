// The staff media screens: the library (upload form, search, grid), one item's page (describe, copy, delete)
// and the delete confirmation. Everything works without the media-picker script, which only adds drag and drop.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, type OptionVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface MediaUploadFormVM {
  readonly action: string;
  /** Where the script sends one file as the request body (no multipart). */
  readonly scriptAction: string;
  /** "JPEG, PNG… up to 10 MB." */
  readonly hint: string;
  /** The browser's file chooser filter (the server sniffs the content whatever it says). */
  readonly accept: string;
  readonly error: string | null;
}

export interface MediaCardVM {
  readonly href: string;
  readonly title: string;
  readonly fileName: string;
  readonly typeLabel: string;
  /** The thumbnail; null for documents. */
  readonly thumbnailUrl: string | null;
  readonly markdown: string;
}

export interface MediaLibraryVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly csrfToken: string;
  readonly upload: MediaUploadFormVM;
  readonly filter: { readonly action: string; readonly search: string; readonly type: string; readonly typeOptions: readonly OptionVM[] };
  readonly items: readonly MediaCardVM[];
  readonly total: number;
  readonly pagination: { readonly page: number; readonly pages: number; readonly previousHref: string | null; readonly nextHref: string | null };
}

export interface MediaItemVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly csrfToken: string;
  /** null: the person may look but not change it (another author's item). */
  readonly action: string | null;
  readonly fields: readonly FieldVM[];
  readonly errorSummary: string | null;
  readonly preview: { readonly src: string; readonly srcset: string; readonly sizes: string; readonly alt: string; readonly width: number; readonly height: number } | null;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** The file and each size, with the address to copy. */
  readonly urls: readonly { readonly label: string; readonly url: string }[];
  readonly markdown: string;
  readonly deleteHref: string | null;
  readonly backHref: string;
}

export interface MediaDeleteVM {
  readonly heading: string;
  readonly title: string;
  readonly thumbnailUrl: string | null;
  readonly action: string;
  readonly csrfToken: string;
  readonly cancelHref: string;
}

function renderUploadForm(vm: MediaUploadFormVM, csrfToken: string): SafeHtml {
  const described = `media-file-hint${vm.error ? ' media-file-error' : ''}`;
  // _csrf comes before the file: the server checks it before it reads the file's bytes.
  return html`<form class="admin-form media-upload" method="post" action="${vm.action}" enctype="multipart/form-data" data-script-action="${vm.scriptAction}" data-csrf="${csrfToken}" aria-labelledby="upload-heading">
    <h2 id="upload-heading">Upload New Media</h2>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <div class="field${vm.error ? ' has-error' : ''}">
      <label for="media-file">File</label>
      <span class="hint" id="media-file-hint">${vm.hint}</span>
      ${vm.error ? html`<span class="error" id="media-file-error" role="alert">${vm.error}</span>` : ''}
      <input type="file" id="media-file" name="file" accept="${vm.accept}" required aria-describedby="${described}"${vm.error ? html` aria-invalid="true"` : ''}>
    </div>
    <p class="media-drop-note" hidden>Or drop files anywhere in this box.</p>
    <progress class="media-progress" max="100" value="0" hidden></progress>
    <p class="media-upload-status" role="status" aria-live="polite"></p>
    <p><button type="submit">Upload</button></p>
  </form>`;
}

function renderCard(card: MediaCardVM): SafeHtml {
  return html`<li class="media-card">
    <a href="${card.href}">${card.thumbnailUrl
      // The link is named by the title beside it: the picture adds nothing to read.
      ? html`<img src="${card.thumbnailUrl}" alt="" width="150" height="150" loading="lazy">`
      : html`<span class="media-doc" aria-hidden="true">${card.typeLabel}</span>`}
      <span class="media-title">${card.title || card.fileName}</span></a>
    <span class="media-meta">${card.typeLabel} · ${card.fileName}</span>
    <details class="media-markdown"><summary>Markdown<span class="visually-hidden"> for ${card.title || card.fileName}</span></summary><code>${card.markdown}</code></details>
  </li>`;
}

export function renderMediaLibrary(vm: MediaLibraryVM): SafeHtml {
  const p = vm.pagination;
  return html`<section class="admin-media">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${renderUploadForm(vm.upload, vm.csrfToken)}
  <h2 id="library-heading">Library</h2>
  <form class="media-filter" method="get" action="${vm.filter.action}" role="search" aria-label="Media">
    <label for="media-search">Search media</label> <input type="search" id="media-search" name="s" value="${vm.filter.search}">
    <label for="media-type">Type</label> <select id="media-type" name="type">${vm.filter.typeOptions.map(
      (o) => html`<option value="${o.value}"${o.value === vm.filter.type ? html` selected` : ''}>${o.label}</option>`,
    )}</select>
    <button type="submit">Filter</button>
  </form>
  <p class="media-count">${vm.total === 1 ? '1 item' : `${vm.total} items`}</p>
  ${vm.items.length > 0
    ? html`<ul class="media-grid" aria-labelledby="library-heading">${vm.items.map(renderCard)}</ul>`
    : html`<p class="no-results">No media found.</p>`}
  ${p.pages > 1 ? html`<nav class="pagination" aria-label="Pages of media">
    ${p.previousHref ? html`<a href="${p.previousHref}" rel="prev">Previous</a>` : ''}
    <span>Page ${p.page} of ${p.pages}</span>
    ${p.nextHref ? html`<a href="${p.nextHref}" rel="next">Next</a>` : ''}
  </nav>` : ''}
</section>`;
}

export function renderMediaItem(vm: MediaItemVM): SafeHtml {
  return html`<section class="admin-media-item">
  <p><a href="${vm.backHref}">← Media Library</a></p>
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${vm.preview ? html`<p class="media-preview"><img src="${vm.preview.src}" srcset="${vm.preview.srcset}" sizes="${vm.preview.sizes}" alt="${vm.preview.alt}" width="${String(vm.preview.width)}" height="${String(vm.preview.height)}"></p>` : ''}
  <dl class="media-facts">${vm.facts.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>
  <h2 id="media-urls">Addresses</h2>
  <ul class="media-urls" aria-labelledby="media-urls">${vm.urls.map((u) => html`<li>${u.label}: <a href="${u.url}"><code>${u.url}</code></a></li>`)}</ul>
  <h2 id="media-markdown">Markdown to copy</h2>
  <p><label for="media-markdown-text" class="visually-hidden">Markdown</label><input type="text" id="media-markdown-text" class="media-markdown-text" readonly value="${vm.markdown}"></p>
  ${vm.action ? html`<h2 id="media-details">Details</h2>
  ${renderErrorSummary(vm.errorSummary, vm.fields)}
  <form class="admin-form media-form" method="post" action="${vm.action}" novalidate aria-labelledby="media-details">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.fields.map(renderField)}
    <p><button type="submit">Update</button></p>
  </form>` : ''}
  ${vm.deleteHref ? html`<p><a class="destructive" href="${vm.deleteHref}">Delete permanently</a></p>` : ''}
</section>`;
}

export function renderMediaDelete(vm: MediaDeleteVM): SafeHtml {
  return html`<section class="admin-media-delete">
  <h1>${vm.heading}</h1>
  ${vm.thumbnailUrl ? html`<p><img src="${vm.thumbnailUrl}" alt="" width="150" height="150"></p>` : ''}
  <p>You are about to delete <strong>${vm.title}</strong> and every size of it. Posts that show it as their featured image will have none; posts that link to it will show a broken image. This cannot be undone.</p>
  <form method="post" action="${vm.action}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <button type="submit" class="destructive">Delete permanently</button> <a href="${vm.cancelHref}">Cancel</a>
  </form>
</section>`;
}
