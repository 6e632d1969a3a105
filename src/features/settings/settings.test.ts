// Site settings: validating a change as a whole, and reading stored values with safe fallbacks.
import { describe, it, expect } from 'vitest';
import { AppError } from '../../kernel/errors.js';
import { defaultSettings, isSettingKey, settingsFromStored, validateSettingsChange } from './settings.js';

/** The per-field problems validateSettingsChange reports for `change`. */
function fieldProblemsOf(change: Record<string, unknown>): Record<string, string> {
  try {
    validateSettingsChange(change);
  } catch (error) {
    if (error instanceof AppError) return (error.details?.fields ?? {}) as Record<string, string>;
    throw error;
  }
  return {};
}

describe('validateSettingsChange', () => {
  it('returns a valid change as it is', () => {
    const change = { title: 'My blog', timezone: 'Europe/Paris', postsPerPage: 20, commentOrder: 'newest' };
    expect(validateSettingsChange(change)).toEqual(change);
  });

  it('accepts an empty change', () => {
    expect(validateSettingsChange({})).toEqual({});
  });

  it('accepts every default value', () => {
    expect(validateSettingsChange({ ...defaultSettings })).toEqual(defaultSettings);
  });

  it('accepts the boundaries of number ranges and text lengths', () => {
    expect(() =>
      validateSettingsChange({ postsPerPage: 100, commentThreadDepth: 2, title: 't'.repeat(200), tagline: '' }),
    ).not.toThrow();
    expect(() => validateSettingsChange({ postsPerPage: 1, commentThreadDepth: 10, language: 'pt-BR' })).not.toThrow();
    expect(() => validateSettingsChange({ sessionIdleHours: 1, sessionAbsoluteDays: 1 })).not.toThrow();
    expect(() => validateSettingsChange({ sessionIdleHours: 720, sessionAbsoluteDays: 365 })).not.toThrow();
  });

  it.each([
    ['title', 't'.repeat(201)],
    ['title', 42],
    ['tagline', 't'.repeat(501)],
    ['timezone', 'Mars/Olympus'],
    ['timezone', ''],
    ['language', 'English'],
    ['language', 'EN'],
    ['postsPerPage', 0],
    ['postsPerPage', 101],
    ['postsPerPage', 2.5],
    ['postsPerPage', '10'],
    ['listContent', 'summary'],
    ['commentThreadDepth', 1],
    ['commentThreadDepth', 11],
    ['commentOrder', 'random'],
    ['sessionIdleHours', 0],
    ['sessionIdleHours', 721],
    ['sessionIdleHours', 1.5],
    ['sessionAbsoluteDays', 0],
    ['sessionAbsoluteDays', 366],
    ['sessionAbsoluteDays', '14'],
  ])('rejects %s = %j', (key, value) => {
    expect(Object.keys(fieldProblemsOf({ [key]: value }))).toEqual([key]);
  });

  it('rejects unknown keys, including prototype names', () => {
    expect(fieldProblemsOf({ colour: 'blue' })).toEqual({ colour: 'is not a setting' });
    expect(fieldProblemsOf({ toString: 'x', constructor: 'y' })).toEqual({
      toString: 'is not a setting',
      constructor: 'is not a setting',
    });
    const problems = fieldProblemsOf(JSON.parse('{"__proto__": {"title": "x"}}') as Record<string, unknown>);
    expect(Object.entries(problems)).toEqual([['__proto__', 'is not a setting']]);
  });

  it('lists every problem at once, as SETTINGS_INVALID of kind invalid', () => {
    let caught: unknown;
    try {
      validateSettingsChange({ colour: 'blue', postsPerPage: 0, timezone: 'Nowhere', title: 'fine' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual({
      fields: {
        colour: 'is not a setting',
        postsPerPage: 'must be a whole number from 1 to 100',
        timezone: 'must be an IANA time zone such as Europe/Paris',
      },
    });
  });
});

describe('settingsFromStored', () => {
  const stored = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

  it('gives the defaults when nothing is stored', () => {
    expect(settingsFromStored(new Map())).toEqual(defaultSettings);
  });

  it('reads stored JSON values over the defaults', () => {
    const settings = settingsFromStored(stored({ title: '"Notes"', postsPerPage: '25', commentOrder: '"newest"' }));
    expect(settings).toEqual({ ...defaultSettings, title: 'Notes', postsPerPage: 25, commentOrder: 'newest' });
  });

  it('falls back to the default for a value that is not JSON', () => {
    expect(settingsFromStored(stored({ title: 'Not JSON', postsPerPage: '{' }))).toEqual(defaultSettings);
  });

  it('falls back to the default for a stored value that is no longer valid', () => {
    const settings = settingsFromStored(stored({ postsPerPage: '1000', timezone: '"Atlantis/Capital"', tagline: '"ok"' }));
    expect(settings).toEqual({ ...defaultSettings, tagline: 'ok' });
  });

  it('ignores stored keys that are not settings', () => {
    const settings = settingsFromStored(new Map([['retired', '"x"'], ['__proto__', '{"title":"hacked"}']]));
    expect(settings).toEqual(defaultSettings);
    expect(Object.keys(settings)).not.toContain('retired');
  });

  it('returns a frozen object and leaves the defaults untouched', () => {
    const settings = settingsFromStored(stored({ title: '"Changed"' }));
    expect(Object.isFrozen(settings)).toBe(true);
    expect(defaultSettings.title).toBe('Quire');
  });
});

describe('isSettingKey', () => {
  it('knows the settings and nothing else', () => {
    expect(isSettingKey('title')).toBe(true);
    expect(isSettingKey('commentThreadDepth')).toBe(true);
    expect(isSettingKey('hasOwnProperty')).toBe(false);
    expect(isSettingKey('')).toBe(false);
  });
});
