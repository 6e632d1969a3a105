// A new site's first administrator in chromium: the one-time setup link creates the account, they sign in at
// /admin/login, a reader's held comment shows in Comments (and its count in the menu), they approve it, and it shows
// on the post. Every page without a CSP violation or a console error. Stand-in: time (the comment form's stamp).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';

/** The comment form's stamp must be older than the minimum fill time (3 s): the app's clock moves instead of the test waiting. */
const PAST_MIN_FILL_MS = 4000;

describeInBrowser('setting up a site and moderating its first comment in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let clock: MutableClock;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    clock = mutableClock(new Date());
    served = await serveTestApp({ clock });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.close();
  });

  async function newPage(javaScriptEnabled = true): Promise<{ page: Page; problems: readonly string[] }> {
    if (!browser) throw new Error('beforeAll did not finish');
    const context = await browser.newContext({ javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: collectPageProblems(page) };
  }

  it('setup link → sign in → a held comment in Comments with the menu count → approved → on the post', async () => {
    if (!served) throw new Error('beforeAll did not finish');
    const { app, baseUrl } = served;
    const token = await app.services.setup.issueLinkIfNeeded();
    expect(token).toBeDefined();
    const admin = await newPage();
    await admin.page.goto(`${baseUrl}/setup/${token}`);
    await admin.page.fill('#field-displayName', 'Site Owner');
    await admin.page.fill('#field-login', 'owner');
    await admin.page.fill('#field-email', 'owner@example.test');
    await admin.page.fill('#field-password', 'the owner long passphrase');
    await admin.page.click('button[type="submit"]');
    await admin.page.waitForLoadState('load');
    expect((await app.services.users.findByEmail('owner@example.test'))?.role).toBe('administrator');

    await admin.page.goto(`${baseUrl}/admin/login`);
    await admin.page.fill('#field-email', 'owner@example.test');
    await admin.page.fill('#field-password', 'the owner long passphrase');
    await admin.page.click('button[type="submit"]');
    await admin.page.waitForURL(`${baseUrl}/admin/`);
    expect(await admin.page.locator('h1').textContent()).toBe('Hello, Site Owner');

    // A reader comments on a post; a first comment is held for moderation.
    const post = await buildPost(app, { author: await buildAuthor(app), title: 'Our first post' });
    // Without JavaScript the form posts as a plain page load, which lands on the held comment.
    const reader = await newPage(false);
    await reader.page.goto(`${baseUrl}${permalinkOf(post)}`);
    await reader.page.fill('#author', 'First Reader');
    await reader.page.fill('#email', 'first@example.test');
    await reader.page.fill('#comment', 'Lovely start to the blog.');
    clock.advance(PAST_MIN_FILL_MS);
    await reader.page.click('#submit');
    await reader.page.waitForURL(/#comment-\d+$/);
    const id = new URL(reader.page.url()).hash.slice('#comment-'.length);

    await admin.page.goto(`${baseUrl}/admin/comments`);
    expect(await admin.page.locator('.admin-nav a[href="/admin/comments"] .admin-count').textContent()).toBe('1');
    const item = admin.page.locator(`#comment-${id}`);
    expect(await item.locator('.moderation-author').textContent()).toBe('First Reader');
    await item.locator('form[action$="/approve"] button').click();
    await admin.page.waitForURL(/done=approve/);
    expect(await admin.page.locator('.admin-notice').textContent()).toBe('Comment approved.');
    expect(await admin.page.locator('.admin-nav a[href="/admin/comments"] .admin-count').count()).toBe(0);

    const stranger = await newPage();
    await stranger.page.goto(`${baseUrl}${permalinkOf(post)}`);
    expect(await stranger.page.locator(`li#comment-${id} .comment-content`).textContent()).toContain('Lovely start to the blog.');

    for (const { page, problems } of [admin, reader, stranger]) {
      expect(await inertnessReport(page)).toEqual([]);
      expect(problems).toEqual([]);
    }
  });
});
