// Escaping by default: the `html` tag escapes every interpolated value unless it is already SafeHtml.

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/g;

const HAS_SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most values (names, dates, slugs) have nothing to escape: a test is much cheaper than a replace.
  return HAS_SPECIAL.test(text) ? text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] ?? c) : text;
}

/** A string known to be safe HTML: produced by `html`, by the sanitizer, or by `trustedHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks HTML that already went through the sanitizer (or is a constant) as safe. Use sparingly. */
export function trustedHtml(value: string): SafeHtml {
  return new SafeHtml(value);
}
