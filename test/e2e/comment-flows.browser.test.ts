// "Leave a Reply" in chromium: the plain form without JavaScript (303 to the comment, held comments seen by their
// author only, refusals keeping the text), the scripted form (replies in place, posting without a page load) and live
// comments arriving on open pages; every page without a CSP violation or a console error.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';

/** The stamp must be older than the minimum fill time (3 s): the app's clock moves instead of the test waiting. */
const PAST_MIN_FILL_MS = 4000;

describeInBrowser('commenting in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let clock: MutableClock;
  const contexts: BrowserContext[] = [];
  const pages: { page: Page; problems: readonly string[]; refusals: Set<number> }[] = [];

  beforeAll(async () => {
    clock = mutableClock(new Date());
    // One after the other, so that afterAll closes whichever started when the other fails.
    served = await serveTestApp({ clock });
    browser = await launchBrowser();
    // Every comment comes from 127.0.0.1 here: flood control and the per-address limit would stop the second one.
    await served.app.services.settings.update({ commentFloodSeconds: 0, commentIpLimitPerHour: 10_000 });
  });

  afterEach(async () => {
    // (d) Whatever a test did, none of its pages tripped the CSP, logged an error or ran foreign script.
    for (const { page, problems, refusals } of pages.splice(0)) {
      if (!page.isClosed()) expect(await inertnessReport(page), page.url()).toEqual([]);
      // Chromium logs every 4xx answer as a failed load: the refusals a test provoked on purpose are no problem.
      const refused = (p: string) => [...refusals].some((status) => p.includes(`the server responded with a status of ${status} `) && p.endsWith('/comments)'));
      expect(problems.filter((p) => !refused(p))).toEqual([]);
    }
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  function site(): ServedApp {
    if (!served || !browser) throw new Error('beforeAll did not finish');
    return served;
  }

  async function openPage(post: Pick<Post, 'slug' | 'publishedLocal'>, javaScriptEnabled: boolean): Promise<Page> {
    if (!browser) throw new Error('beforeAll did not finish');
    const context = await browser.newContext({ javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    pages.push({ page, problems: collectPageProblems(page), refusals: new Set() });
    await page.goto(`${site().baseUrl}${permalinkOf(post)}`);
    return page;
  }

  /** The test provokes this refusal of POST /comments on `page`. */
  function expectRefusal(page: Page, status: number): void {
    pages.find((p) => p.page === page)?.refusals.add(status);
  }

  async function fillGuest(page: Page, fields: { author: string; email: string; comment: string }): Promise<void> {
    await page.fill('#author', fields.author);
    await page.fill('#email', fields.email);
    await page.fill('#comment', fields.comment);
  }

  /** Submits the form without JavaScript and waits for the page that answers; returns its status. */
  async function submitPlain(page: Page): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/comments'),
      page.click('#submit'),
    ]);
    await page.waitForLoadState('load');
    return response.status();
  }

  it('(a) without JavaScript: a comment is held, its author lands on it and sees it awaiting moderation, nobody else sees it', async () => {
    const post = await buildPost(site().app);
    const page = await openPage(post, false);
    await fillGuest(page, { author: 'Ada Lovelace', email: 'ada@example.test', comment: 'Held until a moderator looks.' });
    clock.advance(PAST_MIN_FILL_MS);
    await page.click('#submit');
    await page.waitForURL(/#comment-\d+$/);
    const url = new URL(page.url());
    expect(url.pathname).toBe(permalinkOf(post));
    const id = url.hash.slice('#comment-'.length);
    const mine = page.locator(`li#comment-${id}`);
    await expect(mine.locator('.comment-awaiting-moderation').textContent()).resolves.toBe('Your comment is awaiting moderation.');
    await expect(mine.locator('.comment-content').textContent()).resolves.toContain('Held until a moderator looks.');

    const stranger = await openPage(post, false);
    expect(await stranger.locator('li[id^=comment-]').count()).toBe(0);
    expect(await stranger.locator('.comment-awaiting-moderation').count()).toBe(0);
  });

  it('(a) without JavaScript: a form sent sooner than 3 s after it was served is refused, text kept; 4 s later it goes through', async () => {
    const post = await buildPost(site().app);
    const page = await openPage(post, false);
    await fillGuest(page, { author: 'Quick Draw', email: 'quick@example.test', comment: 'Typed at lightning speed.' });
    expectRefusal(page, 429);
    expect(await submitPlain(page)).toBe(429);
    await expect(page.locator('#comment-form-errors[role=alert]').textContent()).resolves.toMatch(/\S/);
    expect(await page.inputValue('#comment')).toBe('Typed at lightning speed.');
    expect(await page.inputValue('#author')).toBe('Quick Draw');
    expect(await page.inputValue('#email')).toBe('quick@example.test');

    // The refusal's page carries a new stamp (served now): once the clock has moved past 3 s, the same text is taken.
    clock.advance(PAST_MIN_FILL_MS);
    await page.click('#submit');
    await page.waitForURL(/#comment-\d+$/);
    expect(await page.locator('li[id^=comment-] .comment-content').textContent()).toContain('Typed at lightning speed.');
  });

  it('(a) without JavaScript: a missing e-mail re-renders the form with the message beside the field and everything typed kept', async () => {
    const post = await buildPost(site().app);
    const page = await openPage(post, false);
    await fillGuest(page, { author: 'No Mail', email: '', comment: 'I forgot my address.' });
    expectRefusal(page, 400);
    clock.advance(PAST_MIN_FILL_MS);
    expect(await submitPlain(page)).toBe(400);
    await expect(page.locator('#comment-form-errors[role=alert]').isVisible()).resolves.toBe(true);
    expect(await page.locator('#email-error').textContent()).toMatch(/\S/);
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#comment')).toBe('I forgot my address.');
    expect(await page.inputValue('#author')).toBe('No Mail');
    expect(await site().app.services.comments.listForModeration({ status: 'pending', page: 1 }).then((p) => p.comments.filter((c) => c.postId === post.id))).toEqual([]);
  });

  it('(b) with JavaScript: "Reply" moves the form under the comment, and the reply is posted and shown nested without a page load', async () => {
    const { app } = site();
    const post = await buildPost(app);
    const parent = await buildComment(app, post, { authorName: 'Grace Hopper', authorEmail: 'grace@example.test' });
    const page = await openPage(post, true);
    let loads = 0;
    page.on('load', () => loads++);
    const before = page.url();

    await page.click(`#comment-${parent} a.comment-reply-link`);
    expect(await page.evaluate(`document.getElementById('div-comment-${parent}').nextElementSibling.id`)).toBe('respond');
    expect(normalize(await page.locator('#reply-title').textContent())).toBe('Leave a Reply to Grace Hopper Cancel reply');
    expect(await page.isVisible('#cancel-comment-reply-link')).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('comment');
    expect(await page.inputValue('#comment_parent')).toBe(String(parent));

    // Grace has an approved comment already: her reply is approved at once.
    await fillGuest(page, { author: 'Grace Hopper', email: 'grace@example.test', comment: 'Replying in place.' });
    clock.advance(PAST_MIN_FILL_MS);
    await page.click('#submit');
    const reply = page.locator(`#comment-${parent} > ol.children > li[id^=comment-]`);
    await reply.waitFor();
    expect(await reply.locator('.comment-content').textContent()).toContain('Replying in place.');
    await expect.poll(() => page.locator('[aria-live=polite]').textContent()).toBe('Your comment was posted.');
    expect(await page.evaluate('document.activeElement.id')).toBe(await reply.getAttribute('id'));
    expect(page.url()).toBe(before);
    expect(loads).toBe(0);
    // The form is back under the thread, empty, answering nobody.
    expect(await page.evaluate(`document.getElementById('respond').previousElementSibling.id`)).toBe('wp-temp-form-div');
    expect(normalize(await page.locator('#reply-title').textContent())).toBe('Leave a Reply Cancel reply');
    expect(await page.isVisible('#cancel-comment-reply-link')).toBe(false);
    expect(await page.inputValue('#comment')).toBe('');
    expect(await page.inputValue('#comment_parent')).toBe('0');
  });

  it('(b) with JavaScript: a refusal shows above the form and beside the field, the text kept; "Cancel reply" moves the form back', async () => {
    const { app } = site();
    const post = await buildPost(app);
    const parent = await buildComment(app, post, { authorName: 'Linus' });
    const page = await openPage(post, true);
    const before = page.url();
    await page.click(`#comment-${parent} a.comment-reply-link`);
    await fillGuest(page, { author: 'Forgetful', email: '', comment: 'No address this time.' });
    expectRefusal(page, 400);
    clock.advance(PAST_MIN_FILL_MS);
    await page.click('#submit');
    const alert = page.locator('#commentform #comment-form-errors[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\S/);
    expect(await page.locator('#email-error').textContent()).toMatch(/\S/);
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#comment')).toBe('No address this time.');
    expect(page.url()).toBe(before);
    // Still answering Linus, under his comment.
    expect(await page.inputValue('#comment_parent')).toBe(String(parent));

    // Corrected and sent again: the errors go (the comment is held, as a first comment is).
    await page.fill('#email', 'forgetful@example.test');
    await page.click('#submit');
    const reply = page.locator(`#comment-${parent} > ol.children > li[id^=comment-]`);
    await reply.waitFor();
    expect(await reply.locator('.comment-awaiting-moderation').textContent()).toBe('Your comment is awaiting moderation.');
    await expect.poll(() => page.locator('[aria-live=polite]').textContent()).toBe('Your comment is awaiting moderation.');
    expect(await page.locator('#comment-form-errors').count()).toBe(0);
    expect(await page.locator('#email-error').count()).toBe(0);

    await page.click(`#comment-${parent} > article a.comment-reply-link`);
    expect(await page.evaluate(`document.getElementById('div-comment-${parent}').nextElementSibling.id`)).toBe('respond');
    await page.click('#cancel-comment-reply-link');
    expect(await page.evaluate(`document.getElementById('respond').previousElementSibling.id`)).toBe('wp-temp-form-div');
    expect(await page.inputValue('#comment_parent')).toBe('0');
    expect(normalize(await page.locator('#reply-title').textContent())).toBe('Leave a Reply Cancel reply');
  });

  it('(b) with JavaScript: the avatar preview follows the name as it is typed', async () => {
    const post = await buildPost(site().app);
    const page = await openPage(post, true);
    const preview = page.locator('[data-avatar-preview]');
    expect(await preview.textContent()).toBe('');
    await page.fill('#author', 'Margaret Hamilton');
    expect(await preview.textContent()).toBe('MH');
    expect(await preview.getAttribute('class')).toMatch(/^avatar avatar-hue-\d+$/);
    await page.fill('#author', '');
    expect(await preview.getAttribute('class')).toBe('avatar avatar-neutral');
  });

  it('(c) live: a comment a moderator approves appears on every open page of the post, without reload, and is announced', async () => {
    const { app } = site();
    const post = await buildPost(app);
    const first = await buildComment(app, post, { authorName: 'Early Bird' });
    const [reader, other] = [await openPage(post, true), await openPage(post, true)];
    const held = await buildComment(app, post, { status: 'pending', authorName: 'Katherine Johnson', parentId: first, source: 'Approved while you read.' });
    const topLevel = await buildComment(app, post, { status: 'pending', authorName: 'Dorothy Vaughan', source: 'A new thread.' });
    let loads = 0;
    reader.on('load', () => loads++);

    await app.services.comments.setStatus(held, 'approved');
    await app.services.comments.setStatus(topLevel, 'approved');
    for (const page of [reader, other]) {
      const reply = page.locator(`#comment-${first} > ol.children > li#comment-${held}`);
      await reply.waitFor();
      expect(await reply.getAttribute('class')).toContain('comment-live');
      expect(await reply.locator('.comment-content').textContent()).toContain('Approved while you read.');
      await page.locator(`ol.comment-list > li#comment-${topLevel}`).waitFor();
      // Oldest first: the new thread is the last one.
      expect(await page.evaluate(`document.querySelector('ol.comment-list').lastElementChild.id`)).toBe(`comment-${topLevel}`);
      await expect.poll(() => page.locator('[aria-live=polite]').textContent()).toBe('New comment by Dorothy Vaughan');
    }
    expect(loads).toBe(0);
    // Once on the page, never twice: another announcement of the same change adds nothing.
    app.events.publish({ type: 'comment', postId: post.id });
    await reader.waitForTimeout(200);
    expect(await reader.locator(`li#comment-${held}`).count()).toBe(1);
  });

  it('(b, c) newest first: a new thread, posted or arriving live, goes to the top of the list', async () => {
    const { app } = site();
    await app.services.settings.update({ commentOrder: 'newest' });
    try {
      const post = await buildPost(app);
      const older = await buildComment(app, post, { authorName: 'Old Timer', authorEmail: 'old@example.test' });
      const newer = await buildComment(app, post, { authorName: 'Newcomer' });
      const held = await buildComment(app, post, { status: 'pending', authorName: 'Late Arrival', source: 'Live at the top.' });
      const page = await openPage(post, true);
      expect(await page.evaluate(`document.querySelector('ol.comment-list').firstElementChild.id`)).toBe(`comment-${newer}`);

      await app.services.comments.setStatus(held, 'approved');
      await page.locator(`li#comment-${held}`).waitFor();
      expect(await page.evaluate(`document.querySelector('ol.comment-list').firstElementChild.id`)).toBe(`comment-${held}`);

      await fillGuest(page, { author: 'Old Timer', email: 'old@example.test', comment: 'Posted at the top.' });
      clock.advance(PAST_MIN_FILL_MS);
      await page.click('#submit');
      await expect.poll(() => page.evaluate(`document.querySelector('ol.comment-list').firstElementChild.textContent`)).toContain('Posted at the top.');
      expect(await page.evaluate(`document.querySelector('ol.comment-list').lastElementChild.id`)).toBe(`comment-${older}`);
    } finally {
      await app.services.settings.update({ commentOrder: 'oldest' });
    }
  });
});

function normalize(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
