// WordPress's date and time formats (PHP's date() letters: "F j, Y", "g:i a"…) applied to an instant in a time zone.
// Names of months and days come from Intl in the site's language, as WordPress's date_i18n() translates them.

export interface PhpDateOptions {
  /** An IANA time zone (the site's). */
  readonly timeZone: string;
  /** A BCP 47 language tag for month and day names; English when absent. */
  readonly language?: string;
}

interface Local {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 (Sunday) – 6. */
  readonly weekday: number;
  /** Minutes east of UTC. */
  readonly offset: number;
  readonly epochSeconds: number;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = cache.get(key);
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

function localOf(date: Date, timeZone: string): Local {
  const format = cached(`parts|${timeZone}`, () => new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }));
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]));
  const epochSeconds = Math.floor(date.getTime() / 1000);
  const asUtc = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second) / 1000;
  return {
    year: year as number, month: month as number, day: day as number, hour: hour as number, minute: minute as number, second: second as number,
    weekday: new Date(Date.UTC(year as number, (month as number) - 1, day)).getUTCDay(),
    offset: Math.round((asUtc - epochSeconds) / 60),
    epochSeconds,
  };
}

/** A month's or weekday's name in `language`, long or short. */
function nameOf(kind: 'month' | 'weekday', index: number, style: 'long' | 'short', language: string): string {
  const format = cached(`${kind}|${style}|${language}`, () => new Intl.DateTimeFormat(language, { [kind]: style, timeZone: 'UTC' }));
  // 2023-01-01 was a Sunday: day `index` of January for weekdays, the 15th of month `index` for months.
  return format.format(kind === 'month' ? new Date(Date.UTC(2023, index - 1, 15)) : new Date(Date.UTC(2023, 0, 1 + index)));
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayOfYear = (l: Local) => (Date.UTC(l.year, l.month - 1, l.day) - Date.UTC(l.year, 0, 1)) / 86_400_000;

/** ISO-8601 week number: weeks start on Monday; week 1 holds the year's first Thursday. */
function isoWeek(l: Local): number {
  const date = new Date(Date.UTC(l.year, l.month - 1, l.day));
  const isoDay = l.weekday === 0 ? 7 : l.weekday;
  date.setUTCDate(date.getUTCDate() + 4 - isoDay);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** "+02:00" (colon) or "+0200". */
function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${colon ? ':' : ''}${pad(Math.abs(minutes) % 60)}`;
}

function zoneAbbreviation(date: Date, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  const format = cached(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }));
  return format.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

type Letter = (l: Local, date: Date, options: Required<PhpDateOptions>) => string;

const hour12 = (l: Local) => l.hour % 12 || 12;

const LETTERS: Readonly<Record<string, Letter>> = {
  d: (l) => pad(l.day),
  D: (l, _, o) => nameOf('weekday', l.weekday, 'short', o.language),
  j: (l) => String(l.day),
  l: (l, _, o) => nameOf('weekday', l.weekday, 'long', o.language),
  N: (l) => String(l.weekday === 0 ? 7 : l.weekday),
  S: (l) => ordinalSuffix(l.day),
  w: (l) => String(l.weekday),
  z: (l) => String(dayOfYear(l)),
  W: (l) => pad(isoWeek(l)),
  F: (l, _, o) => nameOf('month', l.month, 'long', o.language),
  m: (l) => pad(l.month),
  M: (l, _, o) => nameOf('month', l.month, 'short', o.language),
  n: (l) => String(l.month),
  t: (l) => String(daysInMonth(l.year, l.month)),
  L: (l) => (isLeap(l.year) ? '1' : '0'),
  Y: (l) => String(l.year),
  y: (l) => pad(l.year % 100),
  a: (l) => (l.hour < 12 ? 'am' : 'pm'),
  A: (l) => (l.hour < 12 ? 'AM' : 'PM'),
  g: (l) => String(hour12(l)),
  G: (l) => String(l.hour),
  h: (l) => pad(hour12(l)),
  H: (l) => pad(l.hour),
  i: (l) => pad(l.minute),
  s: (l) => pad(l.second),
  T: (_, date, o) => zoneAbbreviation(date, o.timeZone),
  c: (l) => `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${offsetText(l.offset, true)}`,
  r: (l) =>
    `${nameOf('weekday', l.weekday, 'short', 'en')}, ${pad(l.day)} ${nameOf('month', l.month, 'short', 'en')} ${l.year} ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)} ${offsetText(l.offset, false)}`,
  U: (l) => String(l.epochSeconds),
};

/** The letters this formatter knows (the General settings screen lists them). */
export const PHP_DATE_LETTERS: readonly string[] = Object.keys(LETTERS);

/**
 * Formats `instant` with a PHP date() format: each known letter is replaced, a backslash makes the next
 * character literal, anything else is copied as it is.
 */
export function formatPhpDate(format: string, instant: Date | string, options: PhpDateOptions): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const full = { timeZone: options.timeZone, language: options.language ?? 'en' };
  const local = localOf(date, full.timeZone);
  let out = '';
  for (let i = 0; i < format.length; i += 1) {
    const char = format[i] as string;
    if (char === '\\') {
      i += 1;
      out += format[i] ?? '';
      continue;
    }
    const letter = LETTERS[char];
    out += letter ? letter(local, date, full) : char;
  }
  return out;
}
