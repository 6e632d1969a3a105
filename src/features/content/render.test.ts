// Markdown → sanitized HTML per trust level, plus the plain text and excerpts derived from it.
import * as cheerio from 'cheerio';
import { describe, it, expect } from 'vitest';
import { excerptOf, htmlToText, renderMarkdown, sanitizeUserHtml } from './render.js';

const parse = (fragment: string): cheerio.CheerioAPI => cheerio.load(fragment, null, false);
const tagsIn = (fragment: string): string[] =>
  [...new Set(parse(fragment)('*').toArray().flatMap((el) => ('tagName' in el ? [el.tagName] : [])))].sort();

describe('renderMarkdown: CommonMark and GFM', () => {
  it('renders paragraphs, emphasis, quotes, lists, code, rules and hard breaks', () => {
    const out = renderMarkdown('Hi *a* **b** `c`\n\n> q\n\n- x\n- y\n\n1. one\n\n---\n\nl1  \nl2', 'safe');
    const $ = parse(out);
    expect($('p em').text()).toBe('a');
    expect($('p strong').text()).toBe('b');
    expect($('p code').text()).toBe('c');
    expect($('blockquote p').text()).toBe('q');
    expect($('ul li').map((_, li) => $(li).text()).get()).toEqual(['x', 'y']);
    expect($('ol li').text()).toBe('one');
    expect($('hr')).toHaveLength(1);
    expect($('br')).toHaveLength(1);
  });

  it('renders links with their title', () => {
    const $ = parse(renderMarkdown('[site](https://example.com/a?b=1&c=2 "Title")', 'safe'));
    expect($('a').attr('href')).toBe('https://example.com/a?b=1&c=2');
    expect($('a').attr('title')).toBe('Title');
  });

  it('renders h2–h6 for authors, and h1 only for the unfiltered level', () => {
    const source = '# One\n\n## Two\n\n### Three\n\nSetext\n------';
    expect(tagsIn(renderMarkdown(source, 'safe'))).toEqual(['h2', 'h3']);
    expect(parse(renderMarkdown(source, 'safe')).root().text()).toContain('One');
    expect(tagsIn(renderMarkdown(source, 'unfiltered'))).toEqual(['h1', 'h2', 'h3']);
  });

  it('renders GFM tables, dropping the alignment style markdown-it puts on cells', () => {
    const $ = parse(renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |', 'safe'));
    expect($('table thead th').map((_, th) => $(th).text()).get()).toEqual(['a', 'b']);
    expect($('table tbody td').map((_, td) => $(td).text()).get()).toEqual(['1', '2']);
    expect($('th').last().attr('style')).toBeUndefined();
  });

  it('keeps class="language-js" on fenced code for the safe level, and escapes the code', () => {
    const out = renderMarkdown('```js\nif (a < b) alert("<x>");\n```', 'safe');
    const $ = parse(out);
    expect($('pre > code').attr('class')).toBe('language-js');
    expect($('pre > code').text()).toBe('if (a < b) alert("<x>");\n');
    expect($('script')).toHaveLength(0);
  });

  it('keeps only language-* classes on code', () => {
    expect(sanitizeUserHtml('<code class="language-ts evil">x</code>', 'safe')).toBe('<code class="language-ts">x</code>');
    expect(sanitizeUserHtml('<code class="evil">x</code>', 'safe')).toBe('<code>x</code>');
  });

  it('links bare URLs and e-mail addresses (linkify)', () => {
    const $ = parse(renderMarkdown('See https://example.com/x. Or write to me@example.com', 'safe'));
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual(['https://example.com/x', 'mailto:me@example.com']);
  });

  it('links <autolinks>', () => {
    expect(parse(renderMarkdown('<https://example.com>', 'comment'))('a').attr('href')).toBe('https://example.com');
  });
});

describe("trust level 'safe' (authors and contributors)", () => {
  const out = sanitizeUserHtml(
    '<iframe src="https://x.example"></iframe><script>s()</script><style>p{}</style><form action="/x"><input></form>' +
      '<p onclick="c()" style="color:red">text</p><img src="https://e.example/a.png" alt="A" onerror="e()">',
    'safe',
  );

  it('drops iframe, script, style and form elements', () => {
    expect(tagsIn(out)).toEqual(['img', 'p']);
    expect(out).not.toContain('s()');
    expect(out).not.toContain('p{}');
  });

  it('drops on* handlers and style attributes', () => {
    expect(out).toBe('<p>text</p><img src="https://e.example/a.png" alt="A" />');
  });

  it('drops img src with javascript: or data: URLs', () => {
    expect(sanitizeUserHtml('<img src="javascript:alert(1)"><img src="data:image/png;base64,AA==">', 'safe')).toBe(
      '<img /><img />',
    );
  });
});

describe("trust level 'unfiltered' (editors and administrators)", () => {
  it('keeps an https iframe and sandboxes it', () => {
    const $ = parse(sanitizeUserHtml('<iframe src="https://www.youtube.com/embed/x" width="560"></iframe>', 'unfiltered'));
    expect($('iframe').attr('src')).toBe('https://www.youtube.com/embed/x');
    expect($('iframe').attr('width')).toBe('560');
    expect($('iframe').attr('sandbox')).toBe('allow-scripts allow-popups allow-presentation');
  });

  it('replaces a sandbox the writer chose, so allow-same-origin cannot be added', () => {
    const $ = parse(sanitizeUserHtml('<iframe src="https://a.example" sandbox="allow-same-origin allow-scripts"></iframe>', 'unfiltered'));
    expect($('iframe').attr('sandbox')).toBe('allow-scripts allow-popups allow-presentation');
  });

  it('drops iframe src that is javascript:, http: or relative', () => {
    for (const src of ['javascript:alert(1)', 'http://a.example/', '/wp-admin/', '%22javascript:x%22']) {
      const $ = parse(sanitizeUserHtml(`<iframe src="${src}"></iframe>`, 'unfiltered'));
      expect($('iframe').attr('src'), src).toBeUndefined();
      expect($('iframe').attr('sandbox'), src).toBeDefined();
    }
  });

  it('drops javascript: in media URLs and srcset candidates', () => {
    const out = sanitizeUserHtml(
      '<video src="https://e.example/v.mp4" poster="javascript:x" controls></video><img srcset="https://e.example/a.png 1x, javascript:x 2x">',
      'unfiltered',
    );
    expect(out).toBe('<video src="https://e.example/v.mp4" controls></video><img srcset="https://e.example/a.png 1x" />');
  });

  it('still drops script and event handlers', () => {
    expect(sanitizeUserHtml('<div onclick="x()">a<script>b()</script></div>', 'unfiltered')).toBe('<div>a</div>');
  });
});

describe("trust level 'comment' (readers)", () => {
  const allowed = ['a', 'abbr', 'acronym', 'b', 'blockquote', 'cite', 'code', 'del', 'em', 'i', 'q', 's', 'strike', 'strong'];

  it("keeps WordPress's comment tags plus paragraphs, breaks, lists and pre", () => {
    const source = allowed.map((t) => `<${t}>${t}</${t}>`).join('') + '<p>p<br></p><ul><li>u</li></ul><ol><li>o</li></ol><pre>pre</pre>';
    expect(tagsIn(sanitizeUserHtml(source, 'comment'))).toEqual([...allowed, 'br', 'li', 'ol', 'p', 'pre', 'ul'].sort());
  });

  it('drops headings, images, tables, spans and divs but keeps their text', () => {
    const out = sanitizeUserHtml('<h2>head</h2><img src="https://e.example/a.png"><span>sp</span><div>dv</div>', 'comment');
    expect(tagsIn(out)).toEqual([]);
    expect(htmlToText(out)).toBe('headspdv');
  });

  it('does not turn Markdown headings, images or tables into markup', () => {
    const out = renderMarkdown('# Big\n\n![alt](https://e.example/a.png)\n\n| a |\n|---|\n| 1 |', 'comment');
    expect(tagsIn(out).filter((t) => t !== 'p' && t !== 'a')).toEqual([]);
    expect(out).not.toContain('<img');
  });

  it('adds rel="nofollow ugc" to every link, replacing any rel given', () => {
    const out = renderMarkdown('[a](https://a.example) https://b.example <a href="https://c.example" rel="me">c</a>', 'comment');
    const $ = parse(out);
    expect($('a').map((_, a) => $(a).attr('rel')).get()).toEqual(['nofollow ugc', 'nofollow ugc', 'nofollow ugc']);
  });

  it('drops javascript: links but keeps the text', () => {
    expect(sanitizeUserHtml('<a href="javascript:alert(1)">x</a>', 'comment')).toBe('<a rel="nofollow ugc">x</a>');
  });
});

describe('htmlToText', () => {
  it('decodes entities', () => {
    expect(htmlToText('<p>Fish &amp; chips &lt;3 &#8212; caf&eacute;&nbsp;au&#x20;lait</p>')).toBe('Fish & chips <3 — café au lait');
  });

  it('separates blocks with a space but joins inline elements', () => {
    expect(htmlToText('<h2>Title</h2><p>a<b>b</b>c</p><ul><li>x</li><li>y</li></ul>one<br>two')).toBe('Title abc x y one two');
    expect(htmlToText('<table><tr><td>1</td><td>2</td></tr></table>')).toBe('1 2');
  });

  it('folds whitespace and trims', () => {
    expect(htmlToText('  <p>\n a \t\n b </p>  ')).toBe('a b');
    expect(htmlToText('')).toBe('');
  });
});

describe('excerptOf', () => {
  const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');

  it('returns short texts whole, with whitespace folded', () => {
    expect(excerptOf(words(55))).toBe(words(55));
    expect(excerptOf('  a \n b  ')).toBe('a b');
    expect(excerptOf('')).toBe('');
  });

  it('cuts after 55 words and adds " […]"', () => {
    expect(excerptOf(words(56))).toBe(`${words(55)} […]`);
  });

  it('takes another word count', () => {
    expect(excerptOf('a b c d', 2)).toBe('a b […]');
  });
});
