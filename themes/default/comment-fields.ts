// Small pieces the comment form's parts share: a field's error message and its aria-describedby.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { CommentFormField, CommentFormVM } from '../view-models.js';

export function fieldError(field: CommentFormField, vm: CommentFormVM): SafeHtml | '' {
  const message = vm.errors[field];
  return message === undefined ? '' : html`<span class="error" id="${field}-error">${message}</span>`;
}

export function describedBy(field: CommentFormField, vm: CommentFormVM, hintId?: string): SafeHtml {
  const ids = [hintId, vm.errors[field] === undefined ? undefined : `${field}-error`].filter((id) => id !== undefined);
  const invalid = vm.errors[field] === undefined ? '' : html` aria-invalid="true"`;
  return ids.length === 0 ? html`${invalid}` : html` aria-describedby="${ids.join(' ')}"${invalid}`;
}
