// Calendar arithmetic in the site's time zone, with Intl only (no date library needed).

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DDTHH:MM:SS' as the wall clock in `timeZone` shows `instant` (WordPress's local post_date). */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  const t = wallClock(instant, timeZone);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Milliseconds `timeZone`'s wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const t = wallClock(new Date(instant), timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the wall clock in `timeZone` shows 'YYYY-MM-DDTHH:MM[:SS]' (what `<input type="datetime-local">`
 * sends): the inverse of localDateTimeOf. Undefined for anything else, or a date the calendar does not have.
 * A time skipped when clocks spring forward is read with the offset before the change (02:30 → 03:30 DST), and
 * an hour that happens twice is its first occurrence, as browsers do.
 */
export function instantOfLocalDateTime(local: string, timeZone: string): Date | undefined {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (year < 1 || !isRealDate(year, month, day)) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two offsets around the moment: before and after any change near it; the earlier reading that fits wins.
  const before = asUtc - offsetAt(asUtc - 86_400_000, timeZone);
  const after = asUtc - offsetAt(asUtc + 86_400_000, timeZone);
  const fits = [before, after].filter((candidate) => asUtc - candidate === offsetAt(candidate, timeZone)).sort((a, b) => a - b);
  return new Date(fits[0] ?? before);
}
