// Form controls of the settings-like screens (bans, discussion, privacy): label, hint, error and the typed value kept.
import { type SafeHtml, html } from '../../src/kernel/html.js';

export interface OptionVM {
  readonly value: string;
  readonly label: string;
}

interface BaseFieldVM {
  /** The form field's name; its id is `field-NAME`. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  /** What is wrong with the value sent, shown beside the field. */
  readonly error?: string;
}

export type FieldVM =
  | (BaseFieldVM & { readonly control: 'text' | 'email' | 'number'; readonly value: string; readonly required?: boolean; readonly suffix?: string })
  | (BaseFieldVM & { readonly control: 'textarea'; readonly value: string; readonly rows?: number })
  | (BaseFieldVM & { readonly control: 'select'; readonly value: string; readonly options: readonly OptionVM[] })
  | (BaseFieldVM & { readonly control: 'radios'; readonly value: string; readonly options: readonly OptionVM[] })
  | (BaseFieldVM & { readonly control: 'checkbox'; readonly checked: boolean });

/** The errors of a form, as a summary whose links lead to each field (WCAG 3.3.1). */
export function renderErrorSummary(summary: string | null, fields: readonly FieldVM[]): SafeHtml {
  if (!summary) return html``;
  return html`<div class="form-errors" role="alert" tabindex="-1"><p>${summary}</p><ul>${fields
    .filter((f) => f.error)
    .map((f) => html`<li><a href="#field-${f.name}">${f.label}: ${f.error}</a></li>`)}</ul></div>`;
}

export function renderField(f: FieldVM): SafeHtml {
  const id = `field-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}`;
  const notes = html`${f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : ''}${
    f.error ? html`<span class="error" id="${id}-error">${f.error}</span>` : ''
  }`;
  const wrap = (inner: SafeHtml) => html`<div class="field field-${f.control}${f.error ? ' has-error' : ''}">${inner}</div>`;
  switch (f.control) {
    case 'checkbox':
      // A hidden "0" first: an unticked box sends nothing, and the server must still learn it was unticked.
      return wrap(html`<input type="hidden" name="${f.name}" value="0">
    <label for="${id}"><input id="${id}" type="checkbox" name="${f.name}" value="1"${f.checked ? html` checked` : ''}${aria}> ${f.label}</label>${notes}`);
    case 'radios':
      return wrap(html`<fieldset id="${id}"${aria}><legend>${f.label}</legend>${f.options.map(
        (o, i) => html`<label><input type="radio" name="${f.name}" id="${id}-${i}" value="${o.value}"${o.value === f.value ? html` checked` : ''}> ${o.label}</label>`,
      )}</fieldset>${notes}`);
    case 'select':
      return wrap(html`<label for="${id}">${f.label}</label>${notes}
    <select id="${id}" name="${f.name}"${aria}>${f.options.map(
      (o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`,
    )}</select>`);
    case 'textarea':
      return wrap(html`<label for="${id}">${f.label}</label>${notes}
    <textarea id="${id}" name="${f.name}" rows="${String(f.rows ?? 6)}"${aria}>${f.value}</textarea>`);
    default:
      return wrap(html`<label for="${id}">${f.label}${f.required ? html` <span class="required" aria-hidden="true">*</span>` : ''}</label>${notes}
    <span class="field-input"><input id="${id}" name="${f.name}" type="${f.control === 'number' ? 'text' : f.control}" value="${f.value}"${
      // A text box with a numeric keyboard, not type=number: a browser would blank a typed value it cannot read.
      f.control === 'number' ? html` inputmode="numeric" class="input-number"` : ''
    }${f.required ? html` required` : ''}${aria}>${f.suffix ? html` <span class="field-suffix">${f.suffix}</span>` : ''}</span>`);
  }
}
