// The site's own settings (changed in the admin, stored in the database): types, defaults, validation.
import { invalidInput } from '../../kernel/errors.js';
import type { AuthProviderId } from '../../config/schema.js';
import { isLoopbackHttp } from '../../kernel/loopback.js';
import { PHP_DATE_LETTERS } from '../../kernel/php-date.js';
import { isValidTimeZone } from '../../kernel/time.js';

/** A sign-in provider set up in Settings → Sign-in (one the server environment configures takes precedence). */
export interface StoredAuthProvider {
  readonly enabled: boolean;
  readonly clientId: string;
  /** Never shown back nor logged: the screen offers "leave empty to keep". */
  readonly clientSecret: string;
  /** The generic OpenID Connect provider's issuer URL. */
  readonly issuer?: string;
  /** The generic OpenID Connect provider's name on its button. */
  readonly name?: string;
}

export type StoredAuthProviders = Readonly<Partial<Record<AuthProviderId, StoredAuthProvider>>>;

export const AUTH_PROVIDER_IDS = ['google', 'facebook', 'x', 'wordpress', 'github', 'oidc'] as const satisfies readonly AuthProviderId[];

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
  // Discussion, as WordPress's Settings → Discussion screen, with its defaults.
  /** "Comment author must fill out name and email". */
  readonly commentRequireNameEmail: boolean;
  /** "Users must be registered and logged in to comment": the guest fields are not offered. */
  readonly commentRequireRegistration: boolean;
  /** "Comment must be manually approved". */
  readonly commentManualApproval: boolean;
  /** "Comment author must have a previously approved comment". */
  readonly commentPreviouslyApproved: boolean;
  /** A signed-in commenter with a verified e-mail (provider or site account) counts as previously approved. */
  readonly commentTrustVerifiedIdentities: boolean;
  /** Hold a comment with this many links or more; 0: never hold for links. */
  readonly commentMaxLinks: number;
  /** One word or phrase a line: a comment that contains one (in text, name, URL, e-mail, IP or user agent) waits for moderation. */
  readonly commentModerationKeys: string;
  /** One word or phrase a line, matched as above: the comment goes straight to the trash. */
  readonly commentDisallowedKeys: string;
  /** Close comments on posts older than this many days; 0: never. */
  readonly commentCloseAfterDays: number;
  /** Top-level comments a page of the thread; 0: the whole thread on the post's page. */
  readonly commentsPerPage: number;
  /** Which page of a paginated thread the post shows first. */
  readonly commentDefaultPage: 'newest' | 'oldest';
  /** Seconds between two comments from one address or one e-mail; 0: no flood check. */
  readonly commentFloodSeconds: number;
  /** Seconds a form must have been open before it is sent (bots fill forms at once); 0: no check. */
  readonly commentMinFillSeconds: number;
  /** Comments one IP address may send in an hour. */
  readonly commentIpLimitPerHour: number;
  /** Comments the whole site accepts in a minute, from everyone. */
  readonly commentSiteLimitPerMinute: number;
  /** A comment whose local spam score reaches this is spam. */
  readonly commentSpamThreshold: number;
  /** "Email me whenever anyone posts a comment" (owner and the post's author). */
  readonly commentNotifyAuthor: boolean;
  /** "Email me whenever a comment is held for moderation". */
  readonly commentNotifyModeration: boolean;
  /** 'local': avatars drawn from initials here (no third-party request); 'gravatar': Gravatar images by e-mail hash. */
  readonly avatarSource: 'local' | 'gravatar';
  /** Settings → General: how dates and times are written on the site (WordPress's PHP date() format letters). */
  readonly dateFormat: string;
  readonly timeFormat: string;
  /** Settings → Reading: "For each post in a feed, include" full text or the excerpt. */
  readonly feedContent: 'full' | 'excerpt';
  /** Items in each feed. */
  readonly feedItems: number;
  /** "Your homepage displays": the latest posts, or a static page (pageOnFront), posts then at pageForPosts. */
  readonly showOnFront: 'posts' | 'page';
  /** The page shown at / when showOnFront is 'page'; 0: none chosen. */
  readonly pageOnFront: number;
  /** The page that lists the posts when showOnFront is 'page'; 0: none. */
  readonly pageForPosts: number;
  /** "Discourage search engines from indexing this site" (robots.txt and a noindex meta). */
  readonly discourageSearchEngines: boolean;
  /** Settings → Permalinks: the post address structure, in WordPress's tags. */
  readonly permalinkStructure: '/%year%/%monthnum%/%day%/%postname%/' | '/%year%/%monthnum%/%postname%/' | '/archives/%post_id%' | '/%postname%/';
  /** Settings → Media: the largest upload, in megabytes. */
  readonly uploadMaxMegabytes: number;
  /** WordPress's "Uncategorized": the category a post left without one gets; 0: made on first need. */
  readonly defaultCategory: number;
  /** Sign-in providers set up in the admin (Settings → Sign-in), by provider id. */
  readonly authProviders: StoredAuthProviders;
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
  commentRequireNameEmail: true,
  commentRequireRegistration: false,
  commentManualApproval: false,
  commentPreviouslyApproved: true,
  commentTrustVerifiedIdentities: true,
  commentMaxLinks: 2,
  commentModerationKeys: '',
  commentDisallowedKeys: '',
  commentCloseAfterDays: 0,
  commentsPerPage: 0,
  commentDefaultPage: 'newest',
  commentFloodSeconds: 15,
  commentMinFillSeconds: 3,
  commentIpLimitPerHour: 30,
  commentSiteLimitPerMinute: 120,
  commentSpamThreshold: 5,
  commentNotifyAuthor: true,
  commentNotifyModeration: true,
  avatarSource: 'local',
  sessionIdleHours: 48,
  sessionAbsoluteDays: 14,
  dateFormat: 'F j, Y',
  timeFormat: 'g:i a',
  feedContent: 'full',
  feedItems: 10,
  showOnFront: 'posts',
  pageOnFront: 0,
  pageForPosts: 0,
  discourageSearchEngines: false,
  permalinkStructure: '/%year%/%monthnum%/%day%/%postname%/',
  uploadMaxMegabytes: 10,
  defaultCategory: 0,
  authProviders: {},
});

export type SettingKey = keyof SiteSettings;

type Validator = (value: unknown) => boolean;

const isText = (max: number): Validator => (v) => typeof v === 'string' && v.length <= max;
const isIntIn = (min: number, max: number): Validator => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isBoolean: Validator = (v) => typeof v === 'boolean';
const isOneOf = (...options: readonly string[]): Validator => (v) => typeof v === 'string' && options.includes(v);
/** An https URL (plain http only on this machine, for local providers), without user, password or fragment. */
function isProviderUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 500 || !URL.canParse(v)) return false;
  const url = new URL(v);
  return (url.protocol === 'https:' || isLoopbackHttp(url)) && !url.username && !url.password && !url.hash;
}

function isStoredProvider(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = v as Record<string, unknown>;
  const extra = Object.keys(p).filter((k) => !['enabled', 'clientId', 'clientSecret', 'issuer', 'name'].includes(k));
  return extra.length === 0 && typeof p.enabled === 'boolean' && isText(500)(p.clientId) && isText(2000)(p.clientSecret)
    && (p.issuer === undefined || isProviderUrl(p.issuer)) && (p.name === undefined || (isText(40)(p.name) && !/\p{Cc}/u.test(p.name as string)))
    // An enabled provider can be used: it has its credentials.
    && (!p.enabled || ((p.clientId as string).trim() !== '' && p.clientSecret !== ''));
}

const isStoredProviders: Validator = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
  && Object.entries(v).every(([id, p]) => (AUTH_PROVIDER_IDS as readonly string[]).includes(id) && isStoredProvider(p))
  && (!(v as StoredAuthProviders).oidc?.enabled || (v as StoredAuthProviders).oidc?.issuer !== undefined);

/** A PHP date() format that prints something of the date: at least one letter not escaped by a backslash. */
const isDateFormat: Validator = (v) =>
  isText(50)(v) && [...(v as string).replace(/\\./gs, '')].some((c) => PHP_DATE_LETTERS.includes(c));

const validators: Readonly<Record<SettingKey, { valid: Validator; hint: string }>> = {
  title: { valid: isText(200), hint: 'a text of at most 200 characters' },
  tagline: { valid: isText(500), hint: 'a text of at most 500 characters' },
  timezone: { valid: (v) => typeof v === 'string' && isValidTimeZone(v), hint: 'an IANA time zone such as Europe/Paris' },
  language: { valid: (v) => typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), hint: 'a language tag such as en or pt-BR' },
  postsPerPage: { valid: isIntIn(1, 100), hint: 'a whole number from 1 to 100' },
  listContent: { valid: isOneOf('full', 'excerpt'), hint: '"full" or "excerpt"' },
  commentThreadDepth: { valid: isIntIn(2, 10), hint: 'a whole number from 2 to 10' },
  commentOrder: { valid: isOneOf('oldest', 'newest'), hint: '"oldest" or "newest"' },
  commentRequireNameEmail: { valid: isBoolean, hint: 'true or false' },
  commentRequireRegistration: { valid: isBoolean, hint: 'true or false' },
  commentManualApproval: { valid: isBoolean, hint: 'true or false' },
  commentPreviouslyApproved: { valid: isBoolean, hint: 'true or false' },
  commentTrustVerifiedIdentities: { valid: isBoolean, hint: 'true or false' },
  commentMaxLinks: { valid: isIntIn(0, 100), hint: 'a whole number from 0 (never hold for links) to 100' },
  commentModerationKeys: { valid: isText(20_000), hint: 'words or phrases, one a line, at most 20,000 characters in all' },
  commentDisallowedKeys: { valid: isText(20_000), hint: 'words or phrases, one a line, at most 20,000 characters in all' },
  commentCloseAfterDays: { valid: isIntIn(0, 36_500), hint: 'a whole number of days, 0 to keep comments open' },
  commentsPerPage: { valid: isIntIn(0, 1000), hint: 'a whole number from 0 (no pages) to 1000' },
  commentDefaultPage: { valid: isOneOf('newest', 'oldest'), hint: '"newest" or "oldest"' },
  commentFloodSeconds: { valid: isIntIn(0, 3600), hint: 'a whole number of seconds from 0 (off) to 3600' },
  commentMinFillSeconds: { valid: isIntIn(0, 600), hint: 'a whole number of seconds from 0 (off) to 600' },
  commentIpLimitPerHour: { valid: isIntIn(1, 1_000_000), hint: 'a whole number from 1 to 1,000,000' },
  commentSiteLimitPerMinute: { valid: isIntIn(1, 1_000_000), hint: 'a whole number from 1 to 1,000,000' },
  commentSpamThreshold: { valid: isIntIn(1, 100), hint: 'a whole number from 1 to 100' },
  commentNotifyAuthor: { valid: isBoolean, hint: 'true or false' },
  commentNotifyModeration: { valid: isBoolean, hint: 'true or false' },
  avatarSource: { valid: isOneOf('local', 'gravatar'), hint: '"local" or "gravatar"' },
  dateFormat: { valid: isDateFormat, hint: 'a date format of 1–50 characters with at least one format letter, such as F j, Y' },
  timeFormat: { valid: isDateFormat, hint: 'a time format of 1–50 characters with at least one format letter, such as g:i a' },
  feedContent: { valid: isOneOf('full', 'excerpt'), hint: '"full" or "excerpt"' },
  feedItems: { valid: isIntIn(1, 100), hint: 'a whole number from 1 to 100' },
  showOnFront: { valid: isOneOf('posts', 'page'), hint: '"posts" or "page"' },
  pageOnFront: { valid: isIntIn(0, Number.MAX_SAFE_INTEGER), hint: 'a page id, or 0 for none' },
  pageForPosts: { valid: isIntIn(0, Number.MAX_SAFE_INTEGER), hint: 'a page id, or 0 for none' },
  discourageSearchEngines: { valid: isBoolean, hint: 'true or false' },
  permalinkStructure: {
    valid: isOneOf('/%year%/%monthnum%/%day%/%postname%/', '/%year%/%monthnum%/%postname%/', '/archives/%post_id%', '/%postname%/'),
    hint: 'one of the structures offered (day and name, month and name, numeric, post name)',
  },
  uploadMaxMegabytes: { valid: isIntIn(1, 1024), hint: 'a whole number of megabytes from 1 to 1024' },
  defaultCategory: { valid: isIntIn(0, Number.MAX_SAFE_INTEGER), hint: 'a category id, or 0 for none yet' },
  authProviders: {
    valid: isStoredProviders,
    hint: 'sign-in providers by id, each with enabled, a client id and secret (both needed when enabled), and for OpenID Connect an https issuer URL',
  },
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
