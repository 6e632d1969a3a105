// The pure rules of "Leave a Reply": what a valid comment is, and which status the moderation settings give it.
import { AppError } from '../../kernel/errors.js';
import type { SiteSettings } from '../settings/index.js';
import type { CommentStatus } from './comments.js';

/** WordPress's column sizes (wp_comments): longer input is refused with 413, never cut. */
export const COMMENT_LIMITS = { authorName: 245, authorEmail: 100, authorUrl: 200, source: 65_525 } as const;

export type SubscribeChoice = 'none' | 'comments' | 'replies';

/** A submission as the form (or the script) sends it, before any check. */
export interface RawCommentFields {
  readonly authorName?: unknown;
  readonly authorEmail?: unknown;
  readonly authorUrl?: unknown;
  readonly source?: unknown;
  readonly subscribe?: unknown;
  readonly subscribePosts?: unknown;
}

export interface ValidCommentFields {
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly source: string;
  readonly subscribe: SubscribeChoice;
  readonly subscribePosts: boolean;
}

/** Who is writing when the commenter is signed in: their account fills the name and e-mail. */
export interface SignedInAuthor {
  readonly displayName: string;
  readonly email: string;
  readonly url: string;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

const text = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '');

/** Characters as people (and PostgreSQL) count them: an emoji is one, not the two UTF-16 units of `.length`. */
function characterCount(value: string): number {
  return value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** http(s) URL or nothing; a bare host gets http:// as in WordPress. Undefined when it cannot be a web address. */
export function normalizeAuthorUrl(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  // "example.com:8080/…" is a bare host with a port, not a URL of scheme "example.com".
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.') || url.username || url.password) {
      return undefined;
    }
    return url.href;
  } catch {
    return undefined;
  }
}

function tooLong(fields: Record<string, string>): AppError {
  return new AppError({
    code: 'COMMENT_TOO_LONG',
    kind: 'too_large',
    message: 'Your comment is too long to be saved. Shorten what is marked and send it again.',
    details: { fields },
  });
}

function invalidFields(fields: Record<string, string>): AppError {
  return new AppError({
    code: 'COMMENT_FIELDS_INVALID',
    kind: 'invalid',
    message: 'Some fields of your comment need attention before it can be posted.',
    details: { fields },
  });
}

/**
 * Checks and normalizes the fields. Throws COMMENT_TOO_LONG (413) when any field is over its limit,
 * otherwise COMMENT_FIELDS_INVALID (400) naming every missing or malformed field.
 */
export function validateCommentFields(
  raw: RawCommentFields,
  options: { readonly requireNameEmail: boolean; readonly author?: SignedInAuthor },
): ValidCommentFields {
  const author = options.author;
  const name = author ? author.displayName : text(raw.authorName).trim();
  const email = author ? author.email : text(raw.authorEmail).trim().toLowerCase();
  const url = author ? author.url : text(raw.authorUrl).trim();
  const source = text(raw.source).trim();
  // The URL is measured as it will be stored (with the http:// a bare host gets, and percent-encoding).
  const normalizedUrl = normalizeAuthorUrl(url);
  const long: Record<string, string> = {};
  if (characterCount(name) > COMMENT_LIMITS.authorName) long.authorName = `Use at most ${COMMENT_LIMITS.authorName} characters for your name.`;
  // E-mail by UTF-16 length, as the subscriptions feature measures it: an address passed here must pass there too.
  if (email.length > COMMENT_LIMITS.authorEmail) long.authorEmail = `Use at most ${COMMENT_LIMITS.authorEmail} characters for your e-mail address.`;
  if (characterCount(normalizedUrl ?? url) > COMMENT_LIMITS.authorUrl) long.authorUrl = `Use at most ${COMMENT_LIMITS.authorUrl} characters for your website.`;
  const sourceLength = characterCount(source);
  if (sourceLength > COMMENT_LIMITS.source) {
    long.source = `Your comment has ${sourceLength.toLocaleString('en')} characters; the most is ${COMMENT_LIMITS.source.toLocaleString('en')}.`;
  }
  if (Object.keys(long).length > 0) throw tooLong(long);

  const problems: Record<string, string> = {};
  if (source === '') problems.source = 'Please type your comment text.';
  // PostgreSQL cannot store NUL in text; the message goes to the field that holds it.
  const unsavable = 'This contains characters that cannot be saved.';
  if (name.includes('\u0000')) problems.authorName = unsavable;
  if (email.includes('\u0000')) problems.authorEmail = unsavable;
  if (url.includes('\u0000')) problems.authorUrl = unsavable;
  if (source.includes('\u0000')) problems.source = unsavable;
  if (!author) {
    if (options.requireNameEmail && name === '') problems.authorName = 'Please fill in your name.';
    if (options.requireNameEmail && email === '') problems.authorEmail = 'Please fill in your e-mail address.';
    else if (email !== '' && !EMAIL.test(email)) problems.authorEmail ??= 'Please enter a valid e-mail address, such as ann@example.com.';
  }
  if (normalizedUrl === undefined) problems.authorUrl ??= 'Please enter a web address starting with http:// or https://, or leave it empty.';
  const subscribe = raw.subscribe === 'comments' || raw.subscribe === 'replies' ? raw.subscribe : 'none';
  const subscribePosts = raw.subscribePosts === true || raw.subscribePosts === 'on' || raw.subscribePosts === '1';
  if ((subscribe !== 'none' || subscribePosts) && email === '') problems.authorEmail ??= 'Give your e-mail address to receive notifications.';
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
  return { authorName: name || 'Anonymous', authorEmail: email, authorUrl: normalizedUrl ?? '', source, subscribe, subscribePosts };
}

/** The lines of a word list, trimmed, blanks dropped, lowercased: WordPress's moderation_keys / disallowed_keys. */
export function wordListOf(setting: string): string[] {
  return setting
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '');
}

/** True when any word of the list occurs (case-insensitively, as a substring, like WordPress) in any of the texts. */
export function matchesWordList(words: readonly string[], texts: readonly string[]): boolean {
  if (words.length === 0) return false;
  const haystacks = texts.map((t) => t.toLowerCase());
  return words.some((word) => haystacks.some((h) => h.includes(word)));
}

/**
 * Links in a comment's source: Markdown links, <a> tags and bare URLs, counted as WordPress counts <a href.
 * No pattern here may scan past the next "<", "[" or "(" from where it starts: a 64 KB comment of "<a <a <a…"
 * must not cost seconds (it runs on every submission, twice with the spam score).
 */
export function countLinks(source: string): number {
  const anchors = (source.match(/<a\s[^<>]*>/gi) ?? []).filter((tag) => /\shref\b/i.test(tag)).length;
  const markdown = source.match(/\]\(\s*<?https?:\/\//gi)?.length ?? 0;
  // Whole anchors and Markdown links go before the bare count, so a link whose text is its URL counts once.
  const rest = source.replace(/<a\s[^<>]*>[^<]*<\/a>|<a\s[^<>]*>|\[[^[\]\n]*\]\([^()\n]*\)|\]\([^()\n]*\)/gi, ' ');
  const bare = rest.match(/\bhttps?:\/\/\S+|\bwww\.[^\s.]+\.\S+/gi)?.length ?? 0;
  return anchors + markdown + bare;
}

/** The facts the decision rests on, gathered by the service from the database and the request. */
export interface ModerationFacts {
  readonly fields: ValidCommentFields;
  readonly ip: string;
  readonly userAgent: string;
  /** The author may moderate comments (staff), or wrote the post: their comments are approved. */
  readonly isModerator: boolean;
  /** This e-mail (or account) has an approved comment already. */
  readonly hasApprovedComment: boolean;
  readonly spamScore: number;
}

export interface ModerationDecision {
  readonly status: CommentStatus;
  /** Why, for the log and the moderation e-mail: 'approved', 'manual', 'first-comment', 'links', 'moderation-words', 'disallowed-words', 'spam-score'. */
  readonly reason: string;
}

type DiscussionSettings = Pick<
  SiteSettings,
  | 'commentManualApproval' | 'commentPreviouslyApproved' | 'commentMaxLinks' | 'commentModerationKeys' | 'commentDisallowedKeys'
  | 'commentSpamThreshold'
>;

/** WordPress's order (wp_allow_comment + check_comment), with the local spam score between the two word lists. */
export function decideCommentStatus(facts: ModerationFacts, settings: DiscussionSettings): ModerationDecision {
  const { fields } = facts;
  const texts = [fields.source, fields.authorName, fields.authorUrl, fields.authorEmail, facts.ip, facts.userAgent];
  if (matchesWordList(wordListOf(settings.commentDisallowedKeys), texts)) return { status: 'trash', reason: 'disallowed-words' };
  if (facts.isModerator) return { status: 'approved', reason: 'approved' };
  if (facts.spamScore >= settings.commentSpamThreshold) return { status: 'spam', reason: 'spam-score' };
  if (settings.commentManualApproval) return { status: 'pending', reason: 'manual' };
  if (settings.commentMaxLinks > 0 && countLinks(fields.source) >= settings.commentMaxLinks) return { status: 'pending', reason: 'links' };
  if (matchesWordList(wordListOf(settings.commentModerationKeys), texts)) return { status: 'pending', reason: 'moderation-words' };
  if (settings.commentPreviouslyApproved && !facts.hasApprovedComment) return { status: 'pending', reason: 'first-comment' };
  return { status: 'approved', reason: 'approved' };
}
