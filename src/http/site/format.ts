// Dates as readers see them, in the site's language and time zone (formatters are costly: cached).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, withTime ? { dateStyle: 'long', timeStyle: 'short', timeZone } : { dateStyle: 'long', timeZone });
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, false).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, true).format(new Date(iso));
}

/** "March 2026" for an archive month 'YYYY-MM'. */
export function formatMonth(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1)),
  );
}
