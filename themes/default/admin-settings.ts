// A settings screen (Settings → Discussion): sections of fields, one Save button, errors beside each field.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import { type FieldVM, renderErrorSummary, renderField } from './admin-fields.js';

export interface SettingsSectionVM {
  readonly heading: string;
  readonly fields: readonly FieldVM[];
}

export interface SettingsPageVM {
  readonly heading: string;
  /** "Settings saved.", or null. */
  readonly notice: string | null;
  readonly action: string;
  readonly csrfToken: string;
  readonly sections: readonly SettingsSectionVM[];
  readonly errorSummary: string | null;
}

export function renderSettings(vm: SettingsPageVM): SafeHtml {
  const all = vm.sections.flatMap((s) => s.fields);
  return html`<section class="admin-settings">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  ${renderErrorSummary(vm.errorSummary, all)}
  <form class="admin-form settings-form" method="post" action="${vm.action}" novalidate>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.sections.map((s) => html`<fieldset class="settings-section"><legend>${s.heading}</legend>
    ${s.fields.map(renderField)}
    </fieldset>`)}
    <p><button type="submit">Save Changes</button></p>
  </form>
</section>`;
}
