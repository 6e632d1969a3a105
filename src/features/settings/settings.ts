// The site's own settings (changed in the admin, stored in the database): types, defaults, validation.
import { invalidInput } from '../../kernel/errors.js';
import { isValidTimeZone } from '../../kernel/time.js';

export interface SiteSettings {
  readonly title: string;
  readonly tagline: string;
  readonly timezone: string;
  readonly language: string;
  readonly postsPerPage: number;
  /** What the home page and archives show of each post. */
  readonly listContent: 'full' | 'excerpt';
  readonly commentThreadDepth: number;
  readonly commentOrder: 'oldest' | 'newest';
  /** A signed-in session unused this many hours ends. */
  readonly sessionIdleHours: number;
  /** A signed-in session ends this many days after sign-in, however busy. */
  readonly sessionAbsoluteDays: number;
}

export const defaultSettings: SiteSettings = Object.freeze({
  title: 'Quire',
  tagline: 'Just another Quire site',
  timezone: 'UTC',
  language: 'en',
  postsPerPage: 10,
  listContent: 'full',
  commentThreadDepth: 5,
  commentOrder: 'oldest',
  sessionIdleHours: 48,
  sessionAbsoluteDays: 14,
});

export type SettingKey = keyof SiteSettings;

type Validator = (value: unknown) => boolean;

const isText = (max: number): Validator => (v) => typeof v === 'string' && v.length <= max;
const isIntIn = (min: number, max: number): Validator => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isOneOf = (...options: readonly string[]): Validator => (v) => typeof v === 'string' && options.includes(v);

const validators: Readonly<Record<SettingKey, { valid: Validator; hint: string }>> = {
  title: { valid: isText(200), hint: 'a text of at most 200 characters' },
  tagline: { valid: isText(500), hint: 'a text of at most 500 characters' },
  timezone: { valid: (v) => typeof v === 'string' && isValidTimeZone(v), hint: 'an IANA time zone such as Europe/Paris' },
  language: { valid: (v) => typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), hint: 'a language tag such as en or pt-BR' },
  postsPerPage: { valid: isIntIn(1, 100), hint: 'a whole number from 1 to 100' },
  listContent: { valid: isOneOf('full', 'excerpt'), hint: '"full" or "excerpt"' },
  commentThreadDepth: { valid: isIntIn(2, 10), hint: 'a whole number from 2 to 10' },
  commentOrder: { valid: isOneOf('oldest', 'newest'), hint: '"oldest" or "newest"' },
  sessionIdleHours: { valid: isIntIn(1, 720), hint: 'a whole number of hours from 1 to 720 (30 days)' },
  sessionAbsoluteDays: { valid: isIntIn(1, 365), hint: 'a whole number of days from 1 to 365' },
};

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(validators, key);
}

/** Checks a whole change at once and reports every bad field. */
export function validateSettingsChange(change: Readonly<Record<string, unknown>>): Partial<SiteSettings> {
  // No prototype: a problem with a key named "__proto__" must be recorded, not swallowed by the setter.
  const problems = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(change)) {
    if (!isSettingKey(key)) problems[key] = 'is not a setting';
    else if (!validators[key].valid(value)) problems[key] = `must be ${validators[key].hint}`;
  }
  if (Object.keys(problems).length > 0) {
    throw invalidInput('SETTINGS_INVALID', 'Some settings are not valid.', { fields: problems });
  }
  return change as Partial<SiteSettings>;
}

/** Builds settings from stored JSON values, falling back to defaults for anything missing or unreadable. */
export function settingsFromStored(stored: ReadonlyMap<string, string>): SiteSettings {
  const result: Record<string, unknown> = { ...defaultSettings };
  for (const [key, raw] of stored) {
    if (!isSettingKey(key)) continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (validators[key].valid(value)) result[key] = value;
    } catch {
      // A corrupt stored value falls back to the default rather than taking the site down.
    }
  }
  return Object.freeze(result) as unknown as SiteSettings;
}
