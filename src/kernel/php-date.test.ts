// WordPress's PHP date letters, checked against what PHP's date() prints for the same instants and zones.
import { describe, expect, it } from 'vitest';
import { formatPhpDate } from './php-date.js';

// 2026-03-05 14:07:09 UTC, a Thursday; in Paris 15:07:09 (CET, +01:00).
const instant = '2026-03-05T14:07:09Z';
const utc = { timeZone: 'UTC' };

describe('formatPhpDate', () => {
  it('writes WordPress’s offered date and time formats', () => {
    expect(formatPhpDate('F j, Y', instant, utc)).toBe('March 5, 2026');
    expect(formatPhpDate('Y-m-d', instant, utc)).toBe('2026-03-05');
    expect(formatPhpDate('m/d/Y', instant, utc)).toBe('03/05/2026');
    expect(formatPhpDate('d/m/Y', instant, utc)).toBe('05/03/2026');
    expect(formatPhpDate('g:i a', instant, utc)).toBe('2:07 pm');
    expect(formatPhpDate('g:i A', instant, utc)).toBe('2:07 PM');
    expect(formatPhpDate('H:i', instant, utc)).toBe('14:07');
  });

  it('knows every day, week, month and year letter', () => {
    expect(formatPhpDate('d D j l N S w z', instant, utc)).toBe('05 Thu 5 Thursday 4 th 4 63');
    expect(formatPhpDate('W F m M n t L Y y', instant, utc)).toBe('10 March 03 Mar 3 31 0 2026 26');
    expect(formatPhpDate('jS', '2026-03-01T12:00:00Z', utc)).toBe('1st');
    expect(formatPhpDate('jS jS jS', '2026-03-22T12:00:00Z', utc)).toBe('22nd 22nd 22nd');
    expect(formatPhpDate('jS', '2026-03-13T12:00:00Z', utc)).toBe('13th');
    expect(formatPhpDate('N w l', '2026-03-08T12:00:00Z', utc)).toBe('7 0 Sunday');
    expect(formatPhpDate('t L z', '2024-02-10T12:00:00Z', utc)).toBe('29 1 40');
    expect(formatPhpDate('z', '2024-12-31T12:00:00Z', utc)).toBe('365');
  });

  it('numbers weeks as ISO 8601 does across the turn of the year', () => {
    expect(formatPhpDate('W', '2021-01-03T12:00:00Z', utc)).toBe('53');
    expect(formatPhpDate('W', '2024-12-30T12:00:00Z', utc)).toBe('01');
    expect(formatPhpDate('W', '2026-01-01T12:00:00Z', utc)).toBe('01');
  });

  it('knows every time letter, at midnight and noon too', () => {
    expect(formatPhpDate('a A g G h H i s', '2026-03-05T00:05:03Z', utc)).toBe('am AM 12 0 12 00 05 03');
    expect(formatPhpDate('a g h', '2026-03-05T12:00:00Z', utc)).toBe('pm 12 12');
    expect(formatPhpDate('U', instant, utc)).toBe(String(Date.parse(instant) / 1000));
  });

  it('writes the time in the site’s time zone, with its offset', () => {
    const paris = { timeZone: 'Europe/Paris' };
    expect(formatPhpDate('H:i', instant, paris)).toBe('15:07');
    expect(formatPhpDate('c', instant, paris)).toBe('2026-03-05T15:07:09+01:00');
    expect(formatPhpDate('r', instant, paris)).toBe('Thu, 05 Mar 2026 15:07:09 +0100');
    expect(formatPhpDate('c', instant, { timeZone: 'America/St_Johns' })).toBe('2026-03-05T10:37:09-03:30');
    expect(formatPhpDate('T', instant, utc)).toBe('UTC');
    expect(formatPhpDate('T', '2026-07-05T14:07:09Z', { timeZone: 'America/New_York' })).toBe('EDT');
    // The date changes with the zone: 23:30 UTC is already tomorrow in Tokyo.
    expect(formatPhpDate('Y-m-d', '2026-03-05T23:30:00Z', { timeZone: 'Asia/Tokyo' })).toBe('2026-03-06');
  });

  it('copies a backslashed letter and every other character as they are', () => {
    expect(formatPhpDate('\\Y\\e\\a\\r: Y', instant, utc)).toBe('Year: 2026');
    expect(formatPhpDate('l \\t\\h\\e jS \\o\\f F', instant, utc)).toBe('Thursday the 5th of March');
    expect(formatPhpDate('<b>Y</b> – ✓', instant, utc)).toBe('<b>2026</b> – ✓');
    expect(formatPhpDate('Y\\', instant, utc)).toBe('2026');
    expect(formatPhpDate('', instant, utc)).toBe('');
  });

  it('names months and days in the site’s language', () => {
    expect(formatPhpDate('l j F Y', instant, { timeZone: 'UTC', language: 'fr' })).toBe('jeudi 5 mars 2026');
    expect(formatPhpDate('D, j. M', instant, { timeZone: 'UTC', language: 'de' })).toMatch(/^Do\.?, 5\. Mär/);
  });
});
