// The feed writer on its own: every format parses with a strict parser, whatever the text holds.
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { type FeedChannel, type FeedEntry, renderFeed } from './feed-document.js';
import { absolutizeHtml } from './feed-entries.js';

const channel: FeedChannel = {
  title: 'Fish & <Chips>',
  description: 'A "site"',
  link: 'http://blog.test/',
  feedUrls: { rss2: 'http://blog.test/feed/', atom: 'http://blog.test/feed/atom/', json: 'http://blog.test/feed/json/' },
  language: 'en',
  updated: new Date('2026-03-02T10:00:00Z'),
};

const HOSTILE = 'A <b> & "q" 😀 ]]> x ]]> y\u0001\u0008';
const entry: FeedEntry = {
  title: HOSTILE,
  link: 'http://blog.test/2026/03/01/a/',
  guid: 'http://blog.test/?p=7',
  published: new Date('2026-03-01T09:30:00Z'),
  updated: new Date('2026-03-02T10:00:00Z'),
  authorName: 'Ann ]]> <x>',
  authorUrl: 'http://blog.test/author/ann/',
  categories: ['C<1>', 'R&D'],
  summary: 'Less < more ]]> end',
  contentHtml: '<p>a ]]> b ]]> &amp; c</p>',
  comments: { pageUrl: 'http://blog.test/2026/03/01/a/#comments', feedUrl: 'http://blog.test/2026/03/01/a/feed/', count: 3 },
  enclosure: { url: 'http://blog.test/uploads/2026/03/a.jpg', type: 'image/jpeg', length: 1234 },
};
const CLEAN = 'A <b> & "q" 😀 ]]> x ]]> y';

describe('renderFeed', () => {
  it('writes RSS 2.0 whose text survives several ]]> and control characters, with WordPress’s extensions', () => {
    const feed = parseRssFeed(renderFeed('rss2', channel, [entry]));
    const item = feed.items?.[0];
    expect(feed.title).toBe('Fish & <Chips>');
    expect(item?.title).toBe(CLEAN);
    expect(item?.content?.encoded).toBe('<p>a ]]> b ]]> &amp; c</p>');
    expect(item?.description).toBe('Less &lt; more ]]&gt; end');
    expect(item?.dc?.creators).toEqual(['Ann ]]> <x>']);
    expect(item?.guid).toEqual({ value: 'http://blog.test/?p=7', isPermaLink: false });
    expect(item?.pubDate).toBe('Sun, 01 Mar 2026 09:30:00 GMT');
    expect(item?.categories?.map((c) => c.name)).toEqual(['C<1>', 'R&D']);
    expect(item?.enclosures).toEqual([{ url: 'http://blog.test/uploads/2026/03/a.jpg', length: 1234, type: 'image/jpeg' }]);
    expect([item?.wfw?.commentRss, item?.slash?.comments]).toEqual(['http://blog.test/2026/03/01/a/feed/', 3]);
    expect(feed.sy?.updatePeriod).toBe('hourly');
    expect(feed.atom?.links?.[0]).toMatchObject({ href: 'http://blog.test/feed/', rel: 'self' });
  });

  it('writes Atom with escaped HTML titles, RFC 3339 dates and a category attribute that cannot break out', () => {
    const feed = parseAtomFeed(renderFeed('atom', channel, [entry]));
    const item = feed.entries?.[0];
    expect(item?.title).toEqual({ type: 'html', value: 'A &lt;b&gt; &amp; &quot;q&quot; 😀 ]]&gt; x ]]&gt; y' });
    expect(item?.content).toMatchObject({ type: 'html', value: '<p>a ]]> b ]]> &amp; c</p>' });
    expect([item?.published, item?.updated]).toEqual(['2026-03-01T09:30:00.000Z', '2026-03-02T10:00:00.000Z']);
    expect(item?.id).toBe('http://blog.test/?p=7');
    expect(item?.authors?.[0]).toMatchObject({ name: 'Ann ]]> <x>', uri: 'http://blog.test/author/ann/' });
    expect(item?.categories?.map((c) => c.term)).toEqual(['C＜1>', 'R&D']);
  });

  it('writes JSON Feed 1.1 with authors, language and plain-text titles', () => {
    const json = JSON.parse(renderFeed('json', channel, [entry])) as Record<string, unknown>;
    const feed = parseJsonFeed(json);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.language).toBe('en');
    const item = feed.items?.[0];
    expect(item?.title).toBe(CLEAN);
    expect(item?.id).toBe('http://blog.test/?p=7');
    expect(item?.content_html).toBe('<p>a ]]> b ]]> &amp; c</p>');
    expect(item?.authors).toEqual([{ name: 'Ann ]]> <x>', url: 'http://blog.test/author/ann/' }]);
    expect(item?.date_published).toBe('2026-03-01T09:30:00.000Z');
  });

  it('keeps an imported GUID that is no URL in RSS and JSON, and gives Atom the link as id instead', () => {
    const imported = { ...entry, guid: 'legacy-guid-42' };
    expect(parseRssFeed(renderFeed('rss2', channel, [imported])).items?.[0]?.guid?.value).toBe('legacy-guid-42');
    expect(parseAtomFeed(renderFeed('atom', channel, [imported])).entries?.[0]?.id).toBe(entry.link);
  });

  it('writes an empty feed that still parses', () => {
    expect(parseRssFeed(renderFeed('rss2', channel, [])).items ?? []).toEqual([]);
    expect(parseAtomFeed(renderFeed('atom', channel, [])).title).toEqual({ value: 'Fish & <Chips>' });
  });
});

describe('absolutizeHtml', () => {
  it('leaves text that looks like an attribute alone', () => {
    expect(absolutizeHtml('<p>He said src="/x" and href="/y"</p>', 'http://blog.test')).toBe('<p>He said src="/x" and href="/y"</p>');
  });

  it('makes every candidate of a srcset absolute', () => {
    expect(absolutizeHtml('<img srcset="/a.png 1x, https://o.test/b.png 2x, /c.png 3x">', 'http://blog.test')).toBe(
      '<img srcset="http://blog.test/a.png 1x, https://o.test/b.png 2x, http://blog.test/c.png 3x">',
    );
  });

  it('makes root-relative links and images absolute and leaves others alone', () => {
    const out = absolutizeHtml('<a href="/a/">x</a><img src="/uploads/b.png"><a href="//cdn.test/">c</a><a href="https://o.test/">d</a>', 'http://blog.test');
    expect(out).toBe('<a href="http://blog.test/a/">x</a><img src="http://blog.test/uploads/b.png"><a href="//cdn.test/">c</a><a href="https://o.test/">d</a>');
  });
});
