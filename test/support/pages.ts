// Reading rendered pages in HTTP tests: the parts every themed page shares, and quick checks on them.
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { type Page, parseHtml } from './html.js';

export interface Fetched {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
  readonly $: Page;
}

/** GETs `url` and parses the answer. */
export async function fetchPage(app: App, url: string): Promise<Fetched> {
  const response = await app.server.inject({ method: 'GET', url });
  return { status: response.statusCode, headers: response.headers, body: response.body, $: parseHtml(response.body) };
}

/** Texts of the elements `selector` matches, trimmed and with whitespace folded. */
export function textsOf($: Page, selector: string): string[] {
  return $(selector)
    .map((_, element) => $(element).text().replace(/\s+/g, ' ').trim())
    .get();
}

/** The `attribute` of every element `selector` matches. */
export function attrsOf($: Page, selector: string, attribute: string): string[] {
  return $(selector)
    .map((_, element) => $(element).attr(attribute) ?? '')
    .get();
}

/** Titles of the post cards of a list page, in order. */
export function cardTitles($: Page): string[] {
  return textsOf($, 'main article.post h2.entry-title');
}

/** Asserts that a page is the theme's error page: the site frame, one h1, the status, no internals. */
export function expectThemedErrorPage(page: Fetched, siteTitle: string): void {
  expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
  const { $ } = page;
  expect($('html').attr('lang')).toBeTruthy();
  expect($('.site-title').text().trim()).toBe(siteTitle);
  expect($('h1').length).toBe(1);
  expect($('main .error-page h1').text().trim()).not.toBe('');
  expect($('main .error-status').text()).toContain(String(page.status));
  expectNoInternals(page.body);
}

/** No stack frames, exception names or source paths in what a reader sees. */
export function expectNoInternals(body: string): void {
  const text = parseHtml(body).root().text();
  expect(text).not.toMatch(/^\s*at \S+/m);
  expect(text).not.toMatch(/\b(Type|Reference|Syntax|Range|URI)?Error:/);
  expect(text).not.toMatch(/node_modules|\.ts:\d+|\.js:\d+/);
  expect(text).not.toMatch(/SQLITE_|sqlite|postgres|kysely|fastify/i);
}
