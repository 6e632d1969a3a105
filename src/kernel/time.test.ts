// Wall-clock time in the site's zone, real calendar dates, and time zone names.
import { describe, it, expect } from 'vitest';
import { instantOfLocalDateTime, isRealDate, isValidTimeZone, localDateTimeOf } from './time.js';

const at = (iso: string): Date => new Date(iso);

describe('localDateTimeOf', () => {
  it('formats an instant in UTC as YYYY-MM-DDTHH:MM:SS with zero padding', () => {
    expect(localDateTimeOf(at('2026-03-04T05:06:07Z'), 'UTC')).toBe('2026-03-04T05:06:07');
    expect(localDateTimeOf(at('2026-12-31T23:59:59.999Z'), 'UTC')).toBe('2026-12-31T23:59:59');
  });

  it('shows midnight as 00, never 24', () => {
    expect(localDateTimeOf(at('2026-05-05T00:00:00Z'), 'UTC')).toBe('2026-05-05T00:00:00');
    expect(localDateTimeOf(at('2026-05-05T04:00:00Z'), 'America/New_York')).toBe('2026-05-05T00:00:00');
  });

  it('skips the missing hour when New York springs forward', () => {
    // 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00 UTC).
    expect(localDateTimeOf(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe('2026-03-08T01:59:59');
    expect(localDateTimeOf(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00');
  });

  it('shows the repeated hour twice when New York falls back', () => {
    // 1 November 2026: 02:00 EDT becomes 01:00 EST (06:00 UTC).
    expect(localDateTimeOf(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00');
    expect(localDateTimeOf(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00');
    expect(localDateTimeOf(at('2026-11-01T07:30:00Z'), 'America/New_York')).toBe('2026-11-01T02:30:00');
  });

  it('handles half-hour offsets (Asia/Kolkata, UTC+05:30) across midnight', () => {
    expect(localDateTimeOf(at('2026-01-01T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-01-01T23:59:59');
    expect(localDateTimeOf(at('2026-01-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-02T00:00:00');
  });

  it('puts Kiritimati (UTC+14) a calendar day ahead of Honolulu at the same longitude', () => {
    const instant = at('2026-12-31T10:00:00Z');
    expect(localDateTimeOf(instant, 'Pacific/Kiritimati')).toBe('2027-01-01T00:00:00');
    expect(localDateTimeOf(instant, 'Pacific/Honolulu')).toBe('2026-12-31T00:00:00');
    expect(localDateTimeOf(instant, 'Pacific/Pago_Pago')).toBe('2026-12-30T23:00:00');
  });

  it('gives the same answer when asked repeatedly (formatters are cached per zone)', () => {
    const instant = at('2026-07-01T12:00:00Z');
    const first = localDateTimeOf(instant, 'Europe/Paris');
    expect(localDateTimeOf(instant, 'Europe/Paris')).toBe(first);
    expect(first).toBe('2026-07-01T14:00:00');
  });

  it('throws for an unknown time zone', () => {
    expect(() => localDateTimeOf(at('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isRealDate', () => {
  it('accepts 29 February only in leap years', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(1900, 2, 29)).toBe(false);
  });

  it('accepts the last day of each month and rejects the day after', () => {
    expect(isRealDate(2026, 1, 31)).toBe(true);
    expect(isRealDate(2026, 4, 30)).toBe(true);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 12, 31)).toBe(true);
    expect(isRealDate(2026, 12, 32)).toBe(false);
  });

  it('rejects month 0, month 13, day 0 and negative days', () => {
    expect(isRealDate(2026, 13, 1)).toBe(false);
    expect(isRealDate(2026, 0, 1)).toBe(false);
    expect(isRealDate(2026, 1, 0)).toBe(false);
    expect(isRealDate(2026, 1, -1)).toBe(false);
  });

  it('rejects fractions and NaN', () => {
    expect(isRealDate(2026, 1.5, 1)).toBe(false);
    expect(isRealDate(2026, 1, 1.5)).toBe(false);
    expect(isRealDate(Number.NaN, 1, 1)).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zone names, including multi-part and legacy aliases', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Asia/Calcutta']) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it('rejects unknown names, empty strings and bare offsets', () => {
    for (const zone of ['', ' ', 'Mars/Olympus', 'Europe/Pariss', 'Not a zone', 'Z']) {
      expect(isValidTimeZone(zone), JSON.stringify(zone)).toBe(false);
    }
  });
});

describe('instantOfLocalDateTime', () => {
  it('reads a wall-clock time in the zone as the instant it names (the inverse of localDateTimeOf)', () => {
    expect(instantOfLocalDateTime('2026-03-04T05:06', 'UTC')?.toISOString()).toBe('2026-03-04T05:06:00.000Z');
    expect(instantOfLocalDateTime('2026-07-01T09:30', 'Europe/Paris')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(instantOfLocalDateTime('2026-01-01T00:15:30', 'Asia/Kolkata')?.toISOString()).toBe('2025-12-31T18:45:30.000Z');
  });

  it('round-trips with localDateTimeOf across the year in New York', () => {
    for (const iso of ['2026-01-15T12:00:00Z', '2026-06-15T03:45:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
      const local = localDateTimeOf(at(iso), 'America/New_York');
      const back = instantOfLocalDateTime(local, 'America/New_York');
      expect(localDateTimeOf(back as Date, 'America/New_York')).toBe(local);
    }
  });

  it('reads a time skipped by the spring change with the offset before it, and a repeated hour as its first occurrence', () => {
    expect(instantOfLocalDateTime('2026-03-08T02:30', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(instantOfLocalDateTime('2026-11-01T01:30', 'America/New_York')?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses dates the calendar does not have and text that is not a date and time', () => {
    for (const text of ['2026-02-31T10:00', '2026-13-01T10:00', 'tomorrow', '', '2026-03-04', '2026-03-04T24:00', '2026-03-04T10:00Z', ' 2026-03-04T10:00']) {
      expect(instantOfLocalDateTime(text, 'UTC'), text).toBeUndefined();
    }
  });
});
