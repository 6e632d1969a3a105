// Stored-XSS property: every public XSS payload, at every trust level, comes out inert.
// Corpora: test/fixtures/xss-corpus, a copy of ../shared/corpora/xss (see its README), read by test/support/xss-corpus.ts; the output is parsed with parse5 via cheerio.
import * as cheerio from 'cheerio';
import { describe, it, expect } from 'vitest';
import { loadXssCorpora, readCorpusJson as readJson } from '../../../test/support/xss-corpus.js';
import { type HtmlTrust, renderMarkdown, sanitizeUserHtml } from './render.js';

const trusts: readonly HtmlTrust[] = ['safe', 'unfiltered', 'comment'];

const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'object', 'embed', 'applet', 'base', 'meta', 'form', 'style', 'link', 'frame', 'frameset',
]);
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'srcset', 'cite', 'data',
]);
const CONTROL_AND_SPACE = /[\u0000-\u0020\u007f-\u009f]/g;
const DANGEROUS_SCHEME = /^(javascript|vbscript|data):/i;

function isDangerousUrl(value: string): boolean {
  // The parser has already decoded entities, as a browser would; srcset holds several URLs.
  return [value, ...value.split(',')].some((part) => DANGEROUS_SCHEME.test(part.replace(CONTROL_AND_SPACE, '')));
}

function isAllowedIframe(attribs: Readonly<Record<string, string>>, trust: HtmlTrust): boolean {
  const src = attribs.src;
  return trust === 'unfiltered' && attribs.sandbox !== undefined && (src === undefined || src.startsWith('https://'));
}

/** What makes `output` unsafe to put in a page, as a list of findings (empty when inert). */
function unsafeParts(output: string, trust: HtmlTrust): string[] {
  const $ = cheerio.load(output, null, false);
  const found: string[] = [];
  for (const el of $('*').toArray()) {
    if (!('tagName' in el)) continue;
    const tag = el.tagName.toLowerCase();
    const attribs = el.attribs;
    if (FORBIDDEN_TAGS.has(tag) && !(tag === 'iframe' && isAllowedIframe(attribs, trust))) found.push(`<${tag}>`);
    if (tag === 'svg' && $(el).find('script').length > 0) found.push('<svg> with <script>');
    for (const [name, value] of Object.entries(attribs)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) found.push(`${tag}[${name}]`);
      if (lower === 'style') found.push(`${tag}[style]`);
      if ((URL_ATTRIBUTES.has(lower) || lower.endsWith(':href')) && isDangerousUrl(value)) {
        found.push(`${tag}[${name}="${value}"]`);
      }
    }
  }
  return found;
}

interface Offender {
  readonly via: 'renderMarkdown' | 'sanitizeUserHtml';
  readonly payload: string;
  readonly output: string;
  readonly found: readonly string[];
}

function offendersOf(payloads: readonly string[], trust: HtmlTrust): Offender[] {
  const offenders: Offender[] = [];
  for (const payload of payloads) {
    for (const [via, run] of [['renderMarkdown', renderMarkdown], ['sanitizeUserHtml', sanitizeUserHtml]] as const) {
      const output = run(payload, trust);
      const found = unsafeParts(output, trust);
      if (found.length > 0) offenders.push({ via, payload, output, found });
    }
  }
  return offenders;
}

const corpora = loadXssCorpora();
const cases = corpora.flatMap(([file, payloads]) => trusts.map((trust) => ({ file, trust, payloads })));

describe('the inertness checker itself', () => {
  it('flags scripts, handlers, styles, javascript: URLs hidden by entities and control characters', () => {
    expect(unsafeParts('<p>fine <a href="https://example.com">link</a></p>', 'safe')).toEqual([]);
    expect(unsafeParts('<script>x</script>', 'safe')).toEqual(['<script>']);
    expect(unsafeParts('<img src=x onerror=alert(1)>', 'safe')).toEqual(['img[onerror]']);
    expect(unsafeParts('<b style="x:y">b</b>', 'safe')).toEqual(['b[style]']);
    expect(unsafeParts('<a href="&#x6A;ava&#0009;script&colon;alert(1)">x</a>', 'safe')).toHaveLength(1);
    expect(unsafeParts('<a href=" \u0001data:text/html,x">x</a>', 'safe')).toHaveLength(1);
    expect(unsafeParts('<img srcset="https://a/1.png 1x, javascript:x 2x">', 'safe')).toHaveLength(1);
  });

  it('accepts a sandboxed https iframe only at the unfiltered level', () => {
    const iframe = '<iframe src="https://video.example/e/1" sandbox="allow-scripts"></iframe>';
    expect(unsafeParts(iframe, 'unfiltered')).toEqual([]);
    expect(unsafeParts(iframe, 'safe')).toEqual(['<iframe>']);
    expect(unsafeParts('<iframe src="https://video.example/e/1"></iframe>', 'unfiltered')).toEqual(['<iframe>']);
  });
});

describe('every XSS corpus payload comes out inert', () => {
  it('finds all the corpus files with payloads in them', () => {
    expect(corpora.length).toBeGreaterThanOrEqual(21);
    for (const [file, payloads] of corpora) expect(payloads.length, file).toBeGreaterThan(0);
  });

  it.each(cases)('$file at trust $trust (renderMarkdown and sanitizeUserHtml)', ({ payloads, trust }) => {
    expect(offendersOf(payloads, trust)).toEqual([]);
  });
});

describe('benign markup survives sanitizing', () => {
  interface DomPurifyCase {
    readonly title?: string;
    readonly payload: string;
    readonly expected: string | readonly string[];
  }
  const textOf = (fragment: string): string => cheerio.load(fragment, null, false).root().text().trim();
  // The cases DOMPurify must not strip, with the visible text its own output keeps.
  const keepers = (readJson('dompurify/expect.json') as readonly DomPurifyCase[])
    .filter((c) => c.title?.startsWith("Don't remove"))
    .map((c) => ({ title: c.title ?? '', payload: c.payload, text: textOf([c.expected].flat()[0] ?? '') }))
    .filter((c) => c.text !== '');

  it('uses at least one DOMPurify "Don\'t remove …" case that has visible text', () => {
    expect(keepers.length).toBeGreaterThan(0);
  });

  it.each(trusts)('keeps the visible text of DOMPurify\'s "Don\'t remove …" cases at trust "%s"', (trust) => {
    for (const c of keepers) {
      const text = cheerio.load(sanitizeUserHtml(c.payload, trust), null, false).root().text();
      expect(text, c.title).toContain(c.text);
    }
  });

  it.each(trusts)('keeps bold, emphasis and https links at trust "%s"', (trust) => {
    const $ = cheerio.load(renderMarkdown('Some **bold**, _em_ and [a link](https://example.com/x).', trust), null, false);
    expect($('strong').text()).toBe('bold');
    expect($('em').text()).toBe('em');
    expect($('a').attr('href')).toBe('https://example.com/x');
    const raw = cheerio.load(sanitizeUserHtml('<b>b</b> <a href="https://example.com/">x</a>', trust), null, false);
    expect(raw('b').text()).toBe('b');
    expect(raw('a').attr('href')).toBe('https://example.com/');
  });
});

describe('pathological Markdown (markdown-it/pathological.json) renders in bounded time', () => {
  interface Pathological {
    readonly name: string;
    readonly parts?: readonly (readonly [string, number])[];
  }
  // The two inputs the corpus describes in words rather than parts.
  const generators: Readonly<Record<string, () => string>> = {
    'deeply nested lists': () => Array.from({ length: 1000 }, (_, x) => `${'  '.repeat(x)}* a\n`).join(''),
    backticks: () => Array.from({ length: 3000 }, (_, x) => `e${'`'.repeat(x)}`).join(''),
  };
  const sourceOf = (test: Pathological): string =>
    test.parts ? test.parts.map(([text, times]) => text.repeat(times)).join('') : (generators[test.name]?.() ?? '');
  const inputs = (readJson('markdown-it/pathological.json') as { tests: readonly Pathological[] }).tests.map((test) => ({
    name: test.name,
    source: sourceOf(test),
  }));
  // markdown-it allows 5 s per input; twice that here so a busy CI machine does not flake.
  // Catastrophic backtracking takes minutes, not seconds.
  const LIMIT_MS = 10_000;

  it('builds every input', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(29);
    for (const input of inputs) expect(input.source.length, input.name).toBeGreaterThan(1000);
  });

  it.each(inputs)('$name finishes for comments and posts', ({ source }) => {
    for (const trust of ['comment', 'safe'] as const) {
      const started = performance.now();
      const output = renderMarkdown(source, trust);
      const elapsed = performance.now() - started;
      expect(typeof output).toBe('string');
      expect(elapsed, `${trust}: ${Math.round(elapsed)} ms`).toBeLessThan(LIMIT_MS);
    }
  }, 60_000);
});
