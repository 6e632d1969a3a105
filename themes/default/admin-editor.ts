// The post and page editor (WordPress's classic screen, Markdown body), its edit-lock notice and the revisions screen.
import { type SafeHtml, html, trustedHtml } from '../../src/kernel/html.js';
import type { OptionVM } from './admin-fields.js';

export interface CategoryChoiceVM {
  readonly id: number;
  readonly name: string;
  readonly checked: boolean;
  readonly children: readonly CategoryChoiceVM[];
}

/** The typed values of the editor form, kept as typed when a save is refused. */
export interface EditorValuesVM {
  readonly title: string;
  readonly slug: string;
  readonly content: string;
  readonly excerpt: string;
  readonly tags: string;
  readonly featuredMedia: string;
  /** YYYY-MM-DDTHH:MM in the site's time zone, or ''. */
  readonly publishedAt: string;
  readonly visibility: 'public' | 'private';
  readonly commentsOpen: boolean;
  readonly author: string;
}

export interface EditorButtonVM {
  readonly value: string;
  readonly label: string;
  readonly primary: boolean;
}

export interface EditorVM {
  readonly heading: string;
  /** 'post' or 'page': the words of the screen. */
  readonly typeLabel: string;
  readonly formAction: string;
  readonly csrfToken: string;
  readonly notice: string | null;
  readonly errorSummary: string | null;
  /** Errors by form field name (title, slug, content, excerpt, tags, categories, featured_media, published_at, author, new_category_name). */
  readonly errors: Readonly<Record<string, string>>;
  readonly values: EditorValuesVM;
  readonly statusLabel: string;
  readonly timeZone: string;
  /** The category checklist (posts only), or null. */
  readonly categories: readonly CategoryChoiceVM[] | null;
  /** "+ Add New Category" (for those who manage categories): the parent choices and the typed values. */
  readonly addCategory: { readonly parents: readonly OptionVM[]; readonly name: string; readonly parent: string; readonly action: string } | null;
  readonly authors: readonly OptionVM[] | null;
  readonly canPublish: boolean;
  readonly buttons: readonly EditorButtonVM[];
  /** The sanitized HTML of the text, when the Preview button was pressed (no script). */
  readonly previewHtml: string | null;
  readonly autosaveNotice: { readonly href: string } | null;
  readonly links: readonly { readonly href: string; readonly label: string }[];
  /** Addresses the editor script talks to (data-* attributes); an empty string is left out. */
  readonly endpoints: { readonly preview: string; readonly autosave: string; readonly lock: string; readonly tagSuggest: string };
  /** The stored post's id ('' for a new one), for the script. */
  readonly postId: string;
  /** The site's wall clock when the page was made (YYYY-MM-DDTHH:MM): the script tells Publish from Schedule by it. */
  readonly siteNow: string;
}

const FIELD_LABELS: Readonly<Record<string, { id: string; label: string }>> = {
  title: { id: 'title', label: 'Title' },
  slug: { id: 'slug', label: 'Slug' },
  content: { id: 'content', label: 'Content' },
  excerpt: { id: 'excerpt', label: 'Excerpt' },
  categories: { id: 'categories', label: 'Categories' },
  new_category_name: { id: 'new_category_name', label: 'New category name' },
  tags: { id: 'tags', label: 'Tags' },
  featured_media: { id: 'featured_media', label: 'Featured image' },
  published_at: { id: 'published_at', label: 'Publish on' },
  author: { id: 'author', label: 'Author' },
  status: { id: 'publish-box', label: 'Status' },
};

function errorSummary(vm: EditorVM): SafeHtml {
  if (!vm.errorSummary) return html``;
  return html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.errorSummary}</p><ul>${Object.entries(vm.errors).map(([name, error]) => {
    const field = FIELD_LABELS[name] ?? { id: 'publish-box', label: name };
    return html`<li><a href="#${field.id}">${field.label}: ${error}</a></li>`;
  })}</ul></div>`;
}

/** aria-describedby/aria-invalid and the error text of one field (id `NAME-error`). */
function errorOf(vm: EditorVM, name: string, hintId?: string): { aria: SafeHtml; note: SafeHtml } {
  const error = vm.errors[name];
  const described = [hintId ?? '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return {
    aria: html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
    note: error ? html`<span class="error" id="${name}-error">${error}</span>` : html``,
  };
}

function textField(vm: EditorVM, name: string, value: string, extra: SafeHtml = html``, hint?: string): SafeHtml {
  const field = FIELD_LABELS[name] ?? { id: name, label: name };
  const { aria, note } = errorOf(vm, name, hint ? `${name}-hint` : undefined);
  return html`<div class="field${vm.errors[name] ? ' has-error' : ''}"><label for="${field.id}">${field.label}</label>${
    hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : ''}${note}
  <input id="${field.id}" name="${name}" type="text" value="${value}"${extra}${aria}></div>`;
}

function categoryList(items: readonly CategoryChoiceVM[]): SafeHtml {
  return html`<ul>${items.map((c) => html`<li><label><input type="checkbox" name="categories" value="${String(c.id)}"${c.checked ? html` checked` : ''}> ${c.name}</label>${
    c.children.length > 0 ? categoryList(c.children) : ''}</li>`)}</ul>`;
}

/** One category's checkbox, as the inline "Add New Category" answers it (checked: it was made for this post). */
export function renderCategoryChoice(c: CategoryChoiceVM): SafeHtml {
  return categoryList([c]);
}

function categoriesBox(vm: EditorVM): SafeHtml {
  if (!vm.categories) return html``;
  const { aria, note } = errorOf(vm, 'categories');
  const add = vm.addCategory;
  const addError = errorOf(vm, 'new_category_name');
  return html`<fieldset class="editor-box editor-categories" id="categories"${aria}><legend>Categories</legend>${note}
  <div class="category-checklist" data-checklist>${vm.categories.length > 0 ? categoryList(vm.categories) : html`<p class="admin-note">No categories yet.</p>`}</div>
  ${add ? html`<details class="add-category"${add.name || vm.errors.new_category_name ? html` open` : ''} data-add-category="${add.action}">
    <summary>+ Add New Category</summary>
    <p class="field${vm.errors.new_category_name ? ' has-error' : ''}"><label for="new_category_name">New category name</label>${addError.note}
      <input id="new_category_name" name="new_category_name" type="text" maxlength="200" value="${add.name}"${addError.aria}></p>
    <p class="field"><label for="new_category_parent">Parent category</label>
      <select id="new_category_parent" name="new_category_parent">${add.parents.map(
        (o) => html`<option value="${o.value}"${o.value === add.parent ? html` selected` : ''}>${o.label}</option>`)}</select></p>
    <p><button type="submit" name="action" value="add-category" formnovalidate>Add New Category</button></p>
  </details>` : ''}
</fieldset>`;
}

function publishBox(vm: EditorVM): SafeHtml {
  const v = vm.values;
  const date = errorOf(vm, 'published_at', 'published_at-hint');
  const status = errorOf(vm, 'status');
  return html`<fieldset class="editor-box editor-publish" id="publish-box"${status.aria}><legend>Publish</legend>${status.note}
  <p class="editor-status">Status: <strong>${vm.statusLabel}</strong></p>
  ${vm.canPublish ? html`<fieldset class="editor-visibility"><legend>Visibility</legend>
    <label><input type="radio" name="visibility" value="public"${v.visibility === 'public' ? html` checked` : ''}> Public</label>
    <label><input type="radio" name="visibility" value="private"${v.visibility === 'private' ? html` checked` : ''}> Private</label>
  </fieldset>` : ''}
  <div class="field${vm.errors.published_at ? ' has-error' : ''}"><label for="published_at">Publish on</label>
    <span class="hint" id="published_at-hint">Date and time in ${vm.timeZone}; empty: immediately. A date in the future schedules the ${vm.typeLabel}.</span>${date.note}
    <input id="published_at" name="published_at" type="datetime-local" value="${v.publishedAt}"${date.aria}></div>
  <p class="editor-buttons">${vm.buttons.map((b) => html`<button type="submit" name="action" value="${b.value}"${
    b.primary ? html` class="button-primary" data-publish-button` : ''}>${b.label}</button> `)}</p>
</fieldset>`;
}

function sideBoxes(vm: EditorVM): SafeHtml {
  const v = vm.values;
  const media = errorOf(vm, 'featured_media', 'featured_media-hint');
  const author = errorOf(vm, 'author');
  return html`${publishBox(vm)}
  ${categoriesBox(vm)}
  ${vm.categories ? html`<div class="editor-box">${textField(vm, 'tags', v.tags, html` list="tag-suggestions" autocomplete="off"`, 'Separate tags with commas.')}
    <datalist id="tag-suggestions"></datalist></div>` : ''}
  <div class="editor-box field${vm.errors.featured_media ? ' has-error' : ''}"><label for="featured_media">Featured image</label>
    <span class="hint" id="featured_media-hint">The id of an image in the media library; empty for none.</span>${media.note}
    <input id="featured_media" name="featured_media" type="text" inputmode="numeric" value="${v.featuredMedia}"${media.aria}>
    <button type="button" class="media-picker" data-target="featured_media" data-kind="image">Set featured image</button></div>
  <div class="editor-box field"><input type="hidden" name="comment_status" value="closed">
    <label for="comment_status"><input id="comment_status" type="checkbox" name="comment_status" value="open"${v.commentsOpen ? html` checked` : ''}> Allow comments</label></div>
  ${vm.authors ? html`<div class="editor-box field${vm.errors.author ? ' has-error' : ''}"><label for="author">Author</label>${author.note}
    <select id="author" name="author"${author.aria}>${vm.authors.map((o) => html`<option value="${o.value}"${o.value === v.author ? html` selected` : ''}>${o.label}</option>`)}</select></div>` : ''}`;
}

function mainColumn(vm: EditorVM): SafeHtml {
  const v = vm.values;
  const content = errorOf(vm, 'content');
  const excerpt = errorOf(vm, 'excerpt');
  return html`${textField(vm, 'title', v.title, html` maxlength="500" required`)}
  ${textField(vm, 'slug', v.slug, html` data-slug-auto="${v.slug ? '' : 'on'}"`, 'Made from the title when empty: lowercase letters, digits and hyphens.')}
  <div class="field editor-content${vm.errors.content ? ' has-error' : ''}">
    <label for="content">Content (Markdown)</label>${content.note}
    <p class="editor-toolbar"><button type="button" class="media-picker" data-insert="content">Add Media</button>
      <button type="submit" name="action" value="preview" formnovalidate data-preview-button>Preview</button></p>
    <textarea id="content" name="content" rows="20"${content.aria}>${v.content}</textarea>
  </div>
  <section class="editor-preview" id="editor-preview" aria-labelledby="editor-preview-heading" aria-live="polite"${vm.previewHtml === null ? html` hidden` : ''}>
    <h2 id="editor-preview-heading">Preview</h2>
    <div class="entry-content" data-preview-pane>${trustedHtml(vm.previewHtml ?? '')}</div>
  </section>
  <div class="field${vm.errors.excerpt ? ' has-error' : ''}"><label for="excerpt">Excerpt</label>${excerpt.note}
    <textarea id="excerpt" name="excerpt" rows="3"${excerpt.aria}>${v.excerpt}</textarea></div>`;
}

export function renderEditor(vm: EditorVM): SafeHtml {
  const e = vm.endpoints;
  return html`<section class="admin-editor">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${vm.autosaveNotice ? html`<p class="admin-notice editor-autosave-notice" role="status">There is an autosave of this ${vm.typeLabel} that is more recent than the version below. <a href="${vm.autosaveNotice.href}">View the autosave</a></p>` : ''}
  ${errorSummary(vm)}
  ${vm.links.length > 0 ? html`<p class="editor-links">${vm.links.map((l) => html`<a href="${l.href}">${l.label}</a> `)}</p>` : ''}
  <form class="admin-form editor-form" method="post" action="${vm.formAction}" novalidate data-editor
    data-preview-url="${e.preview}" data-autosave-url="${e.autosave}" data-lock-url="${e.lock}" data-tag-suggest-url="${e.tagSuggest}"
    data-post-id="${vm.postId}" data-site-now="${vm.siteNow}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <div class="editor-main">${mainColumn(vm)}</div>
    <div class="editor-side">${sideBoxes(vm)}</div>
    <p class="editor-save-state" data-save-state role="status"></p>
  </form>
</section>`;
}

export interface EditLockNoticeVM {
  readonly heading: string;
  /** "X is currently editing this post. Do you want to take over?" */
  readonly message: string;
  readonly backHref: string;
  readonly takeOverAction: string;
  readonly csrfToken: string;
}

/** WordPress's "currently editing" dialog, as a page: Go back, or Take over (which the holder's editor notices). */
export function renderEditLockNotice(vm: EditLockNoticeVM): SafeHtml {
  return html`<section class="edit-lock">
  <h1>${vm.heading}</h1>
  <p role="alert">${vm.message}</p>
  <form method="post" action="${vm.takeOverAction}" class="edit-lock-actions">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <input type="hidden" name="take_over" value="1">
    <a class="button" href="${vm.backHref}">Go back</a>
    <button type="submit" class="button-primary">Take over</button>
  </form>
</section>`;
}

export interface DiffPartVM {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface RevisionsVM {
  readonly heading: string;
  readonly backHref: string;
  readonly notice: string | null;
  readonly revisions: readonly { readonly href: string; readonly label: string; readonly dateIso: string; readonly dateText: string; readonly current: boolean }[];
  readonly compare: { readonly action: string; readonly from: string; readonly to: string; readonly options: readonly OptionVM[] };
  /** "From … to …" of the diff shown. */
  readonly comparing: string;
  readonly fields: readonly { readonly label: string; readonly parts: readonly DiffPartVM[]; readonly changed: boolean }[];
  readonly restore: { readonly action: string; readonly label: string; readonly csrfToken: string } | null;
}

function selectOf(id: string, name: string, label: string, value: string, options: readonly OptionVM[]): SafeHtml {
  return html`<label for="${id}">${label}</label> <select id="${id}" name="${name}">${options.map(
    (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}</select>`;
}

/** Compare Revisions: who saved when, the words added and removed between any two, and Restore. */
export function renderRevisions(vm: RevisionsVM): SafeHtml {
  const c = vm.compare;
  return html`<section class="revisions">
  <h1>${vm.heading}</h1>
  <p><a href="${vm.backHref}">← Go to editor</a></p>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <form method="get" action="${c.action}" class="revisions-compare">
    ${selectOf('compare-from', 'from', 'From', c.from, c.options)} ${selectOf('compare-to', 'to', 'To', c.to, c.options)}
    <button type="submit">Compare</button>
  </form>
  <h2>${vm.comparing}</h2>
  ${vm.fields.map((f) => html`<section class="revision-field"><h3>${f.label}</h3>${f.changed
    ? html`<pre class="revision-diff">${f.parts.map((p) => p.kind === 'added' ? html`<ins>${p.text}</ins>` : p.kind === 'removed' ? html`<del>${p.text}</del>` : p.text)}</pre>`
    : html`<p class="admin-note">No change.</p>`}</section>`)}
  ${vm.restore ? html`<form method="post" action="${vm.restore.action}"><input type="hidden" name="_csrf" value="${vm.restore.csrfToken}">
    <button type="submit" class="button-primary">${vm.restore.label}</button></form>` : ''}
  <h2>All revisions</h2>
  <ol class="revision-list">${vm.revisions.map((r) => html`<li><a href="${r.href}"${r.current ? html` aria-current="page"` : ''}>${r.label}</a>, <time datetime="${r.dateIso}">${r.dateText}</time></li>`)}</ol>
</section>`;
}
