// Settings → General, Reading and Sign-in: sections of fields as on Settings → Discussion, plus what a section may
// show but not change (a value set by the server) and buttons that post the same form elsewhere (a provider's Test).
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface SettingFactVM {
  /** The field's id (for the label), e.g. "siteurl". */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Why it cannot be changed here, and where it can. */
  readonly note: string;
}

export interface SettingsButtonVM {
  readonly label: string;
  /** Where it posts the form (formaction). */
  readonly action: string;
  /** Sent with the form as name=value (which of several Test buttons was pressed). */
  readonly name: string;
  readonly value: string;
}

/** A write-only field (a client secret): always empty, never filled by the browser's password manager. */
export interface SecretFieldVM {
  readonly control: 'secret';
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
}

export type SiteFieldVM = FieldVM | SecretFieldVM;

export interface SiteSettingsSectionVM {
  readonly heading: string;
  /** A sentence under the heading (a provider's state, a test's result). */
  readonly intro?: string;
  /** Shown as the section's live result, announced to screen readers. */
  readonly result?: { readonly ok: boolean; readonly lines: readonly string[] };
  readonly facts?: readonly SettingFactVM[];
  readonly fields: readonly SiteFieldVM[];
  readonly buttons?: readonly SettingsButtonVM[];
}

export interface SiteSettingsPageVM {
  readonly heading: string;
  readonly notice: string | null;
  readonly action: string;
  readonly csrfToken: string;
  readonly sections: readonly SiteSettingsSectionVM[];
  readonly errorSummary: string | null;
}

function renderFact(fact: SettingFactVM): SafeHtml {
  const id = `field-${fact.id}`;
  return html`<div class="field field-readonly"><label for="${id}">${fact.label}</label>
    <span class="hint" id="${id}-hint">${fact.note}</span>
    <input id="${id}" type="text" value="${fact.value}" readonly aria-describedby="${id}-hint"></div>`;
}

function renderSecret(f: SecretFieldVM): SafeHtml {
  const id = `field-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-secret${f.error ? ' has-error' : ''}"><label for="${id}">${f.label}</label>${
    f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : ''}${f.error ? html`<span class="error" id="${id}-error">${f.error}</span>` : ''}
    <input id="${id}" name="${f.name}" type="password" value="" autocomplete="new-password" spellcheck="false"${
      described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}></div>`;
}

/** The summary's links need only each field's name, label and error. */
const asSummaryField = (f: SiteFieldVM): FieldVM => (f.control === 'secret' ? { ...f, control: 'text', value: '' } : f);

function renderSection(section: SiteSettingsSectionVM): SafeHtml {
  return html`<fieldset class="settings-section"><legend>${section.heading}</legend>
    ${section.intro ? html`<p class="admin-note">${section.intro}</p>` : ''}
    ${section.result
      ? html`<div class="test-result ${section.result.ok ? 'test-ok' : 'test-failed'}" role="status"><ul>${section.result.lines.map((l) => html`<li>${l}</li>`)}</ul></div>`
      : ''}
    ${(section.facts ?? []).map(renderFact)}
    ${section.fields.map((f) => (f.control === 'secret' ? renderSecret(f) : renderField(f)))}
    ${(section.buttons ?? []).map((b) => html`<p><button type="submit" class="secondary" formaction="${b.action}" name="${b.name}" value="${b.value}">${b.label}</button></p>`)}
  </fieldset>`;
}

export function renderSiteSettings(vm: SiteSettingsPageVM): SafeHtml {
  const all = vm.sections.flatMap((s) => s.fields.map(asSummaryField));
  return html`<section class="admin-settings">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${renderErrorSummary(vm.errorSummary, all)}
  <form class="admin-form settings-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.sections.map(renderSection)}
    <p><button type="submit">Save Changes</button></p>
  </form>
</section>`;
}
