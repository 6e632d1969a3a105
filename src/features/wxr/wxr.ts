// WordPress eXtended RSS (WXR): the records a file holds, and the pure rules that map them onto Quire's rows.
import type { CommentStatus, PostStatus } from '../../db/tables.js';
import { slugify } from '../../kernel/slug.js';
import { instantOfLocalDateTime } from '../../kernel/time.js';
import { type HtmlTrust, sanitizeUserHtml } from '../content/index.js';

export interface WxrAuthor {
  readonly id: number | null;
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
}

export interface WxrTerm {
  readonly id: number | null;
  /** WordPress's taxonomy: category, post_tag, or a custom one (skipped). */
  readonly taxonomy: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** The parent's slug ('' for none): parents are named, not numbered, in WXR. */
  readonly parentSlug: string;
}

export interface WxrComment {
  readonly id: number;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly authorIp: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly content: string;
  readonly approved: string;
  readonly type: string;
  readonly parentId: number;
  readonly userId: number;
}

export interface WxrItem {
  readonly id: number;
  readonly title: string;
  readonly link: string;
  readonly creator: string;
  readonly guid: string;
  readonly content: string;
  readonly excerpt: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly modifiedGmt: string;
  readonly commentStatus: string;
  readonly slug: string;
  readonly status: string;
  readonly parentId: number;
  readonly menuOrder: number;
  readonly type: string;
  readonly password: string;
  readonly attachmentUrl: string;
  /** Category and tag slugs the item is filed under, with their WXR domain. */
  readonly terms: readonly { readonly domain: string; readonly slug: string; readonly name: string }[];
  readonly meta: ReadonlyMap<string, string>;
  readonly comments: readonly WxrComment[];
}

/** One kind of imported thing, and what became of each. */
export type ImportKind = 'users' | 'terms' | 'posts' | 'media' | 'comments';
export const importKinds: readonly ImportKind[] = ['users', 'terms', 'posts', 'media', 'comments'];

export interface KindCounts {
  imported: number;
  existing: number;
  skipped: number;
}

export interface ImportReport {
  readonly counts: Readonly<Record<ImportKind, KindCounts>>;
  /** Why things were skipped or changed, one line each ("comment 12: …"); the first few hundred. */
  readonly notes: readonly string[];
  /** Notes beyond those kept. */
  readonly moreNotes: number;
  readonly dryRun: boolean;
}

// WordPress writes both the http:// URIs and (WordPress.com, the theme unit test) https:// ones.
const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const NAMESPACES: Readonly<Record<string, string>> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
};

/**
 * The name an element is known by here: 'wp:post_id', 'content:encoded', 'title'. Bound by namespace URI, never by
 * prefix, so a file that rebinds `wp:` to another URI does not pass its elements off as WordPress's.
 */
export function qualifiedName(uri: string, local: string): string {
  if (uri === '') return local;
  if (WP_NAMESPACE.test(uri)) return `wp:${local}`;
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${local}`;
  const prefix = NAMESPACES[uri];
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

export function isWxrVersion(text: string): boolean {
  return /^1\.\d+$/.test(text.trim());
}

export const POST_STATUSES: Readonly<Record<string, PostStatus>> = {
  publish: 'published', future: 'scheduled', draft: 'draft', pending: 'pending', private: 'private', trash: 'trash',
};

export const COMMENT_STATUSES: Readonly<Record<string, CommentStatus>> = {
  '1': 'approved', '0': 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash',
};

/** What an item's status becomes; a password-protected item is imported private (Quire has no post passwords). */
export function postStatusOf(item: Pick<WxrItem, 'status' | 'password'>): PostStatus | undefined {
  const status = POST_STATUSES[item.status];
  if (status === undefined) return undefined;
  return item.password !== '' && (status === 'published' || status === 'scheduled') ? 'private' : status;
}

const ZERO_DATE = /^0000-00-00/;
const WP_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

/** 'YYYY-MM-DDTHH:MM:SS' from WordPress's 'YYYY-MM-DD HH:MM:SS'; undefined when unset (zeros) or not a date. */
export function wpLocalDate(text: string): string | undefined {
  const match = WP_DATE.exec(text.trim());
  if (!match || ZERO_DATE.test(text.trim())) return undefined;
  return `${match[1]}T${match[2]}`;
}

/** The instant of a WordPress date pair: the GMT one, else the local one read in the site's time zone. */
export function instantOf(gmt: string, local: string, timeZone: string): Date | undefined {
  const utc = wpLocalDate(gmt);
  // Date.parse reads an offset-less date-time as local time: the Z makes it UTC (and is far cheaper than Intl).
  const instant = utc === undefined ? Number.NaN : Date.parse(`${utc}Z`);
  if (!Number.isNaN(instant) && new Date(instant).toISOString().startsWith(utc ?? '')) return new Date(instant);
  const wall = wpLocalDate(local);
  return wall === undefined ? undefined : instantOfLocalDateTime(wall, timeZone);
}

/** WordPress's 'YYYY-MM-DD HH:MM:SS' of an instant in UTC (post_date_gmt). */
export function wpDateOf(instant: string | null): string {
  return instant ? instant.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

/** Percent-decoded text (WordPress stores non-ASCII slugs encoded); the text itself when it is not valid encoding. */
export function safeDecode(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** The slug to try first: post_name (WordPress percent-encodes non-ASCII ones), else made from the title. */
export function slugBaseOf(slug: string, title: string, fallback: string): string {
  return slugify(safeDecode(slug)) || slugify(title) || fallback;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  avif: 'image/avif', svg: 'image/svg+xml', bmp: 'image/bmp', ico: 'image/x-icon', tif: 'image/tiff', tiff: 'image/tiff',
  heic: 'image/heic', pdf: 'application/pdf', zip: 'application/zip', mp3: 'audio/mpeg', m4a: 'audio/mp4',
  ogg: 'audio/ogg', wav: 'audio/wav', mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  txt: 'text/plain', csv: 'text/csv', doc: 'application/msword', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The file name at the end of a URL ('' when none). */
export function fileNameOf(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return safeDecode(path.slice(path.lastIndexOf('/') + 1));
}

/** A media type from the file name's extension (WordPress stores none in WXR). */
export function mimeTypeOf(url: string): string {
  const name = fileNameOf(url).toLowerCase();
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? MIME_TYPES[name.slice(dot + 1)] : undefined) ?? 'application/octet-stream';
}

/** The path of an old permalink worth remembering; undefined for the home page and query links (/?p=12). */
export function legacyPathOf(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link, 'http://x.invalid');
  } catch {
    return undefined;
  }
  if (url.pathname === '/' || url.pathname.length > 1000) return undefined;
  return oldPathKey(url.pathname);
}

/** How old paths are stored and looked up: percent-decoded, so %e3%83 and %E3%83 (and the raw letters) meet. */
export function oldPathKey(path: string): string {
  return safeDecode(path);
}

const BLOCK_START = /^<(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|pre|table|thead|tbody|tr|figure|hr|section|aside|iframe|video|audio|details|!--)[\s>/]/i;

/**
 * WordPress's wpautop, simplified: classic-editor text keeps its paragraphs as blank lines, which become <p>;
 * a chunk that already starts with a block (block-editor HTML, Markdown output) stays as it is.
 */
export function paragraphsOf(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br />\n')}</p>`))
    .join('\n\n');
}

const MARKUP = /[<>&"']/;

/**
 * What a WordPress text shows as: its paragraphs, sanitized for `trust`. A text without one markup character comes
 * out of the sanitizer unchanged (a unit test holds the two equal), so it skips it: most comments are plain text.
 */
export function htmlOfWordPressText(text: string, trust: HtmlTrust): string {
  const html = paragraphsOf(text);
  return MARKUP.test(text) ? sanitizeUserHtml(html, trust) : html;
}
