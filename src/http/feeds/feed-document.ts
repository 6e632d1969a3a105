// One feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1, through the `feed` package, with the repairs its output needs
// to stay well-formed whatever a title holds (several `]]>`, control characters, `<` in an attribute).
import { Feed, type Extension, type Item } from 'feed';
import { escapeHtml } from '../../kernel/html.js';

export type FeedFormat = 'rss2' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss2', 'atom', 'json'];

export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss2: 'application/rss+xml; charset=UTF-8',
  atom: 'application/atom+xml; charset=UTF-8',
  json: 'application/feed+json; charset=UTF-8',
};

export interface FeedChannel {
  readonly title: string;
  readonly description: string;
  /** Absolute: the page the feed follows (the home page, an archive, a post). */
  readonly link: string;
  /** Absolute addresses of this feed in each format (the self link is the one rendered). */
  readonly feedUrls: Readonly<Record<FeedFormat, string>>;
  readonly language: string;
  /** The newest item's change (lastBuildDate, <updated>). */
  readonly updated: Date;
}

export interface FeedEntry {
  /** Plain text. */
  readonly title: string;
  readonly link: string;
  /** Never changes for the item (see feedGuid). */
  readonly guid: string;
  readonly published: Date;
  readonly updated: Date;
  readonly authorName: string;
  readonly authorUrl?: string;
  readonly categories: readonly string[];
  /** Plain text. */
  readonly summary: string;
  /** Sanitized HTML; absent when the site's feeds carry excerpts only. */
  readonly contentHtml?: string;
  /** A post's own comment page and comments feed, and its approved comments (wfw, slash). */
  readonly comments?: { readonly pageUrl: string; readonly feedUrl: string; readonly count: number };
  readonly enclosure?: { readonly url: string; readonly type: string; readonly length: number };
}

// Characters XML 1.0 cannot carry at all: one in a title would make the whole feed unreadable.
const NOT_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// The xml-js writer splits only the first `]]>` of a CDATA section; the rest are marked with U+FFFF (a
// character no text can hold after the line above) and split once the document is written.
const CDATA_END_MARK = '\uFFFF';
const CDATA_SPLIT = ']]]]><![CDATA[>';

export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHARS, '');
}

function cdata(text: string): string {
  return xmlText(text).replaceAll(']]>', CDATA_END_MARK);
}

/** The feed in `format`; entries newest first as given. */
export function renderFeed(format: FeedFormat, channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    id: channel.link,
    title: xmlText(channel.title),
    description: xmlText(channel.description),
    link: channel.link,
    language: channel.language,
    updated: channel.updated,
    generator: 'Quire',
    feed: channel.feedUrls[format],
    feedLinks: { json: channel.feedUrls.json },
  });
  if (format === 'json') {
    for (const entry of entries) feed.addItem(jsonItem(entry));
    return toJsonFeed11(feed.json1(), channel.language);
  }
  if (format === 'atom') {
    for (const entry of entries) feed.addItem(atomItem(entry));
    return feed.atom1().replaceAll(CDATA_END_MARK, CDATA_SPLIT);
  }
  for (const extension of SYNDICATION_EXTENSIONS) feed.addExtension(extension);
  for (const entry of entries) feed.addItem(rssItem(entry));
  return withRssNamespaces(feed.rss2().replaceAll(CDATA_END_MARK, CDATA_SPLIT));
}

// As WordPress: readers may poll hourly.
const SYNDICATION_EXTENSIONS: readonly Extension[] = [
  { name: 'sy:updatePeriod', objects: { _text: 'hourly' } },
  { name: 'sy:updateFrequency', objects: { _text: '1' } },
];

function rssItem(entry: FeedEntry): Item {
  const extensions: Extension[] = [{ name: 'dc:creator', objects: { _cdata: cdata(entry.authorName) } }];
  if (entry.comments) {
    extensions.push(
      { name: 'comments', objects: { _text: entry.comments.pageUrl } },
      { name: 'wfw:commentRss', objects: { _text: entry.comments.feedUrl } },
      { name: 'slash:comments', objects: { _text: String(entry.comments.count) } },
    );
  }
  return {
    title: cdata(entry.title),
    link: entry.link,
    guid: xmlText(entry.guid),
    date: entry.updated,
    published: entry.published,
    // RSS readers take the description as HTML: the plain excerpt is escaped into it.
    description: cdata(escapeHtml(entry.summary)),
    content: entry.contentHtml === undefined ? undefined : cdata(entry.contentHtml),
    category: entry.categories.map((name) => ({ name: xmlText(name) })),
    enclosure: entry.enclosure,
    extensions,
  };
}

function atomItem(entry: FeedEntry): Item {
  return {
    // Atom's title and summary are type="html": text goes in escaped.
    title: cdata(escapeHtml(entry.title)),
    id: atomId(entry.guid, entry.link),
    link: entry.link,
    date: entry.updated,
    published: entry.published,
    description: cdata(escapeHtml(entry.summary)),
    content: entry.contentHtml === undefined ? undefined : cdata(entry.contentHtml),
    author: [{ name: xmlText(entry.authorName), link: entry.authorUrl }],
    // The package writes these attributes escaping only & and ": a `<` would break the document.
    category: entry.categories.map((name) => ({ term: attributeSafe(name), name: attributeSafe(name) })),
    enclosure: entry.enclosure,
  };
}

function jsonItem(entry: FeedEntry): Item {
  return {
    // The same text as the XML formats carry, control characters left out.
    title: xmlText(entry.title),
    id: entry.guid,
    link: entry.link,
    date: entry.updated,
    published: entry.published,
    description: entry.summary,
    content: entry.contentHtml ?? escapeHtml(entry.summary),
    author: [{ name: entry.authorName, link: entry.authorUrl }],
    category: entry.categories.map((name) => ({ name })),
    image: entry.enclosure?.url,
  };
}

function attributeSafe(text: string): string {
  return xmlText(text).replaceAll('<', '\uFF1C');
}

/** Atom ids are IRIs: an imported GUID that is not one falls back to the entry's link. */
function atomId(guid: string, link: string): string {
  try {
    return new URL(guid).toString() === guid ? guid : link;
  } catch {
    return link;
  }
}

const RSS_NAMESPACES: Readonly<Record<string, string>> = {
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:wfw': 'http://wellformedweb.org/CommentAPI/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:sy': 'http://purl.org/rss/1.0/modules/syndication/',
  'xmlns:slash': 'http://purl.org/rss/1.0/modules/slash/',
};

/** The package declares dc, content and atom only when it used them itself; the extensions need theirs too. */
function withRssNamespaces(xml: string): string {
  return xml.replace(/<rss\b[^>]*>/, (start) => {
    const missing = Object.entries(RSS_NAMESPACES).filter(([name]) => !start.includes(`${name}=`));
    return `${start.slice(0, -1)}${missing.map(([name, uri]) => ` ${name}="${uri}"`).join('')}>`;
  });
}

interface JsonFeedItem {
  author?: Readonly<Record<string, string>>;
  authors?: readonly Readonly<Record<string, string>>[];
}

/** The package writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
function toJsonFeed11(json: string, language: string): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { items: JsonFeedItem[] };
  const items = feed.items.map(({ author, ...item }) => (author ? { ...item, authors: [author] } : item));
  return JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language, items }, null, 2);
}
