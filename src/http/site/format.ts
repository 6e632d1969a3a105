// Dates as readers see them, in the site's language and time zone: posts and comments in the formats of Settings →
// General (PHP date letters), the rest with Intl. Intl formatters are costly to build (and a new one per call also
// grows memory), so each style is built once and kept.
import type { SiteSettings } from '../../features/settings/index.js';
import { formatPhpDate } from '../../kernel/php-date.js';

type Style = 'date' | 'month';

const OPTIONS: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  date: { dateStyle: 'long' },
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

type DateSettings = Pick<SiteSettings, 'dateFormat' | 'timeFormat' | 'language' | 'timezone'>;

/** A post's date in the site's Date Format ("F j, Y"); `timeZone` for calendar dates that have none (UTC). */
export function formatSiteDate(iso: string, settings: DateSettings, timeZone = settings.timezone): string {
  return formatPhpDate(settings.dateFormat, iso, { timeZone, language: settings.language });
}

/** A comment's date and time, as WordPress's default theme writes them: "March 5, 2026 at 2:07 pm". */
export function formatSiteDateTime(iso: string, settings: DateSettings): string {
  const options = { timeZone: settings.timezone, language: settings.language };
  return `${formatPhpDate(settings.dateFormat, iso, options)} at ${formatPhpDate(settings.timeFormat, iso, options)}`;
}

/** "March 2026" for an archive month 'YYYY-MM' (a calendar month: no time zone applies). */
export function formatMonth(month: string, language: string): string {
  return formatter('month', language, 'UTC').format(new Date(`${month}-15T12:00:00Z`));
}
