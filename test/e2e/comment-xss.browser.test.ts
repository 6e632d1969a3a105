// Stored XSS in a real browser: every public corpus payload (../shared/corpora/xss), stored as a comment's name, URL
// and text, must render inert in chromium with JavaScript on: no script runs, nothing trips the CSP, no handler,
// script URL or embed reaches the DOM. The unit-level twin is src/features/content/xss-corpus.test.ts.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp,
} from '../support/browser.js';
import { buildPost, permalinkOf } from '../support/factories.js';
import { allXssPayloads } from '../support/xss-corpus.js';

// Enough per page to keep the number of page loads small, few enough that one page stays quick to render and read.
const COMMENTS_PER_PAGE = 200;
// PostgreSQL text cannot hold U+0000 (storing one fails there, and the comment form refuses it), so the one payload
// with a NUL carries U+FFFD, which is what the HTML tokenizer makes of most NULs anyway. NUL tricks against the
// sanitizer itself are covered by the unit test, through a spec-compliant parser.
const payloads = allXssPayloads().map((payload) => payload.replaceAll('\u0000', '\uFFFD'));
const batches = Array.from({ length: Math.ceil(payloads.length / COMMENTS_PER_PAGE) }, (_, i) =>
  payloads.slice(i * COMMENTS_PER_PAGE, (i + 1) * COMMENTS_PER_PAGE),
);

/**
 * Puts one batch of payloads on the site as the comments of a new post and returns the post's path. Comments are
 * stored as given (insertTrusted, approved), as imports would store them; this is the one place to change when
 * they go through the public comment form instead.
 */
async function publishAsComments(app: App, batch: readonly string[]): Promise<string> {
  const post = await buildPost(app);
  for (const payload of batch) {
    await app.services.comments.insertTrusted({
      postId: post.id,
      parentId: null,
      status: 'approved',
      authorName: payload.slice(0, 245),
      authorEmail: 'x@example.com',
      authorUrl: payload.slice(0, 200),
      source: payload,
      createdAt: post.publishedAt ?? new Date().toISOString(),
    });
  }
  return permalinkOf(post);
}

describeInBrowser('every XSS corpus payload stored as a comment is inert in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const paths: string[] = [];

  beforeAll(async () => {
    // One after the other, so that afterAll closes whichever started when the other fails.
    served = await serveTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: true });
    for (const batch of batches) paths.push(await publishAsComments(served.app, batch));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('the checkers themselves see script that runs, CSP violations and active markup', async () => {
    if (!context || !served) throw new Error('beforeAll did not finish');
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    // A page of our origin with a CSP like ours: the inline script and the handler are blocked and reported.
    await page.route(`${served.baseUrl}/checker-probe`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': "script-src 'self'" },
        body: '<main><script>alert(1)</script><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="alert(2)">'
          + '<a href="java&#9;script:alert(3)">x</a><iframe src="https://example.invalid/"></iframe></main>',
      }),
    );
    await page.goto(`${served.baseUrl}/checker-probe`);
    expect(problems.filter((p) => p.startsWith('CSP violation')).length).toBeGreaterThanOrEqual(2);
    expect(await inertnessReport(page)).toEqual([
      'script not from this site <script>',
      'event handler <img onerror="alert(2)">',
      'script URL <a href="java\tscript:alert(3)">',
      'embedding or redirecting <iframe>',
    ]);
    await page.close();
    // Without a CSP (a blank page) the script runs: the dialog and the uncaught exception are recorded.
    const blank = await context.newPage();
    const blankProblems = collectPageProblems(blank);
    await blank.setContent('<script>alert("ran"); throw new Error("boom")</script>');
    expect(blankProblems).toEqual(['alert dialog on about:blank: ran', 'uncaught exception on about:blank: boom']);
    await blank.close();
  });

  it.each(batches.map((batch, index) => ({ index, number: index + 1, size: batch.length })))(
    'corpus page $number ($size payloads as comments, on one post)',
    async ({ index, size }) => {
      if (!context || !served) throw new Error('beforeAll did not finish');
      const page = await context.newPage();
      try {
        const problems = collectPageProblems(page);
        await page.goto(`${served.baseUrl}${paths[index]}`);
        // Guards against a vacuous pass: every payload is on the page.
        expect(await page.locator('ol.comment-list li[id^=comment-]').count()).toBe(size);
        expect(await inertnessReport(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );
});
