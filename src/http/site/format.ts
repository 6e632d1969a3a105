// Dates as readers see them, in the site's language and time zone. Intl formatters are costly to
// build (and a new one per call also grows memory), so each style is built once and kept.

type Style = 'date' | 'dateTime' | 'month';

const OPTIONS: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  date: { dateStyle: 'long' },
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  month: { month: 'long', year: 'numeric' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${language}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, { ...OPTIONS[style], timeZone });
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter('date', language, timeZone).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return formatter('dateTime', language, timeZone).format(new Date(iso));
}

/** "March 2026" for an archive month 'YYYY-MM' (a calendar month: no time zone applies). */
export function formatMonth(month: string, language: string): string {
  return formatter('month', language, 'UTC').format(new Date(`${month}-15T12:00:00Z`));
}
