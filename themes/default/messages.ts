// Error pages, notices and simple forms.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { ErrorVM, FormFieldVM, FormVM, NoticeVM } from '../view-models.js';

export function renderError(vm: ErrorVM): SafeHtml {
  return html`<section class="error-page">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  ${vm.details.length > 0 ? html`<ul class="error-details">${vm.details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}
  <p class="error-status">Error ${vm.status}</p>
</section>`;
}

export function renderNotice(vm: NoticeVM): SafeHtml {
  return html`<section class="notice-page">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  ${vm.link ? html`<p><a href="${vm.link.href}">${vm.link.label}</a></p>` : ''}
</section>`;
}

export function renderForm(vm: FormVM): SafeHtml {
  return html`<section class="form-page">
  <h1>${vm.heading}</h1>
  <p>${vm.intro}</p>
  ${vm.alert ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.alert}</p></div>` : ''}
  ${vm.errorSummary
    ? html`<div class="form-errors" role="alert" tabindex="-1"><p>${vm.errorSummary}</p><ul>${vm.fields
        .filter((f) => f.error)
        .map((f) => html`<li><a href="#field-${f.name}">${f.label}: ${f.error}</a></li>`)}</ul></div>`
    : ''}
  <form method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${(vm.hidden ?? []).map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
    ${vm.fields.map(renderField)}
    <p><button type="submit">${vm.submitLabel}</button></p>
  </form>
</section>`;
}

function renderField(f: FormFieldVM): SafeHtml {
  const id = `field-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<p class="field${f.error ? ' has-error' : ''}">
    <label for="${id}">${f.label}${f.required ? html` <span class="required" aria-hidden="true">*</span>` : ''}</label>
    ${f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : ''}
    ${f.error ? html`<span class="error" id="${id}-error">${f.error}</span>` : ''}
    <input id="${id}" name="${f.name}" type="${f.type}" value="${f.type === 'password' ? '' : f.value}"
      autocomplete="${f.autocomplete}"${f.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${
        f.error ? html` aria-invalid="true"` : ''
      }>
  </p>`;
}
