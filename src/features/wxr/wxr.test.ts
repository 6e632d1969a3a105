// The pure WXR rules: names by namespace, statuses, dates, slugs, media types, old paths, paragraphs, CDATA.
import { describe, expect, it } from 'vitest';
import { sanitizeUserHtml } from '../content/index.js';
import { parentsFirst } from './wxr-export.service.js';
import { cdata, escapeXml, rssDate } from './wxr-writer.js';
import {
  fileNameOf, htmlOfWordPressText, instantOf, isWxrVersion, legacyPathOf, mimeTypeOf, paragraphsOf, postStatusOf, qualifiedName, slugBaseOf, wpDateOf, wpLocalDate,
} from './wxr.js';

describe('qualifiedName', () => {
  it('binds WordPress elements by namespace URI, http and https, versions 1.0 to 1.2', () => {
    expect(qualifiedName('http://wordpress.org/export/1.2/', 'post_id')).toBe('wp:post_id');
    expect(qualifiedName('https://wordpress.org/export/1.2/', 'post_id')).toBe('wp:post_id');
    expect(qualifiedName('http://wordpress.org/export/1.0/', 'post_id')).toBe('wp:post_id');
    expect(qualifiedName('https://wordpress.org/export/1.1/excerpt/', 'encoded')).toBe('excerpt:encoded');
    expect(qualifiedName('http://purl.org/rss/1.0/modules/content/', 'encoded')).toBe('content:encoded');
    expect(qualifiedName('', 'title')).toBe('title');
  });

  it('does not take another URI bound to the wp prefix for WordPress', () => {
    expect(qualifiedName('http://malicious.example.com/hijack/', 'post_id')).toBe('{http://malicious.example.com/hijack/}post_id');
  });
});

describe('postStatusOf', () => {
  it('maps WordPress statuses and refuses the ones Quire has not', () => {
    expect(postStatusOf({ status: 'publish', password: '' })).toBe('published');
    expect(postStatusOf({ status: 'future', password: '' })).toBe('scheduled');
    expect(postStatusOf({ status: 'draft', password: '' })).toBe('draft');
    expect(postStatusOf({ status: 'trash', password: '' })).toBe('trash');
    expect(postStatusOf({ status: 'auto-draft', password: '' })).toBeUndefined();
    expect(postStatusOf({ status: 'inherit', password: '' })).toBeUndefined();
  });

  it('imports a password-protected public post as private', () => {
    expect(postStatusOf({ status: 'publish', password: 'enter' })).toBe('private');
    expect(postStatusOf({ status: 'draft', password: 'enter' })).toBe('draft');
  });
});

describe('dates', () => {
  it('reads the GMT date, and the local one in the site time zone when GMT is unset', () => {
    expect(instantOf('2024-01-01 09:28:23', '2024-01-01 10:28:23', 'Europe/Paris')?.toISOString()).toBe('2024-01-01T09:28:23.000Z');
    expect(instantOf('0000-00-00 00:00:00', '2024-07-01 12:00:00', 'Europe/Paris')?.toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(instantOf('0000-00-00 00:00:00', '0000-00-00 00:00:00', 'UTC')).toBeUndefined();
    expect(instantOf('', 'yesterday', 'UTC')).toBeUndefined();
  });

  it('turns WordPress dates into local date-times and back', () => {
    expect(wpLocalDate('2023-06-01 09:00:00')).toBe('2023-06-01T09:00:00');
    expect(wpLocalDate('0000-00-00 00:00:00')).toBeUndefined();
    expect(wpDateOf('2023-06-01T09:00:00.000Z')).toBe('2023-06-01 09:00:00');
    expect(wpDateOf(null)).toBe('0000-00-00 00:00:00');
    expect(rssDate(new Date('2024-01-01T09:28:23Z'))).toBe('Mon, 01 Jan 2024 09:28:23 +0000');
  });
});

describe('slugs, files and old paths', () => {
  it('takes post_name (percent-decoded), else the title, else a fallback', () => {
    expect(slugBaseOf('hello-world', 'Ignored', 'post-1')).toBe('hello-world');
    expect(slugBaseOf('%e6%97%a5%e6%9c%ac', '', 'post-1')).toBe('日本');
    expect(slugBaseOf('', 'A Draft Title', 'post-1')).toBe('a-draft-title');
    expect(slugBaseOf('', '', 'post-7')).toBe('post-7');
  });

  it('guesses a media type from the file extension', () => {
    expect(mimeTypeOf('https://x.example/2008/06/canola2.JPG')).toBe('image/jpeg');
    expect(mimeTypeOf('https://x.example/a/file.pdf?ver=2')).toBe('application/pdf');
    expect(mimeTypeOf('https://x.example/a/noextension')).toBe('application/octet-stream');
    expect(fileNameOf('https://x.example/2008/06/my%20photo.png')).toBe('my photo.png');
  });

  it('keeps the path of an old permalink, decoded, and nothing for the home page or ?p= links', () => {
    expect(legacyPathOf('http://old.example/2019/04/hello-world/')).toBe('/2019/04/hello-world/');
    expect(legacyPathOf('http://old.example/archives/%E6%97%A5')).toBe('/archives/日');
    expect(legacyPathOf('http://old.example/?p=12')).toBeUndefined();
    expect(legacyPathOf('')).toBeUndefined();
  });

  it('accepts WXR versions 1.x only', () => {
    expect(isWxrVersion('1.2')).toBe(true);
    expect(isWxrVersion(' 1.0 ')).toBe(true);
    expect(isWxrVersion('abc')).toBe(false);
    expect(isWxrVersion('2')).toBe(false);
  });
});

describe('paragraphsOf', () => {
  it('makes paragraphs of classic-editor text and line breaks of single newlines', () => {
    expect(paragraphsOf('First line\nsecond line\n\nNext paragraph')).toBe('<p>First line<br />\nsecond line</p>\n\n<p>Next paragraph</p>');
  });

  it('leaves block HTML and block-editor comments as they are', () => {
    const html = '<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->\n\n<ul><li>a</li></ul>';
    expect(paragraphsOf(html)).toBe(html);
  });
});

describe('htmlOfWordPressText', () => {
  it('gives plain text exactly what the sanitizer would, without running it', () => {
    const texts = ['hello world', 'line one\nline two\n\npara two', '  spaced  \n\n\n  x  ', 'Greek Ελληνικά ✓ 🎉', 'tab\there', 'a\r\nb', '\u00a0nbsp'];
    for (const text of texts) expect(htmlOfWordPressText(text, 'comment')).toBe(sanitizeUserHtml(paragraphsOf(text), 'comment'));
  });

  it('sanitizes text with markup for the trust given', () => {
    expect(htmlOfWordPressText('<b>bold</b> & <script>x()</script>', 'comment')).toBe('<p><b>bold</b> &amp; </p>');
    expect(htmlOfWordPressText('<h2>Title</h2>', 'safe')).toBe('<h2>Title</h2>');
  });
});

describe('writing WXR', () => {
  it('splits "]]>" across two CDATA sections, as WordPress does', () => {
    expect(cdata('a ]]> b')).toBe('<![CDATA[a ]]]]><![CDATA[> b]]>');
  });

  it('drops characters XML 1.0 cannot carry and escapes markup', () => {
    expect(cdata('bell\u0007 ok')).toBe('<![CDATA[bell ok]]>');
    expect(escapeXml('<a href="x">&\'')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;');
  });

  it('orders categories with every parent before its children', () => {
    const terms = [
      { id: 3, parentId: 2 },
      { id: 2, parentId: 1 },
      { id: 1, parentId: null },
      { id: 4, parentId: 99 },
    ];
    expect(parentsFirst(terms).map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });
});
