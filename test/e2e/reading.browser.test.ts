// Reading the demo site in chromium, with JavaScript off and on: home → a post and its comments, by keyboard and
// mouse, with nothing blocked by our own strict CSP. The first browser flow; it also proves test/support/browser.ts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp,
} from '../support/browser.js';

describeInBrowser('reading the demo site in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // One after the other, so that afterAll closes whichever started when the other fails.
    served = await serveTestApp({ seed: 'demo' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  // Pages must work without JavaScript (readers who turn it off, text browsers) and must not trip the CSP with it.
  it.each([{ javaScriptEnabled: false }, { javaScriptEnabled: true }])(
    'with JavaScript enabled=$javaScriptEnabled: home → post with its comments, skip link first, no problems',
    async ({ javaScriptEnabled }) => {
      if (!browser || !served) throw new Error('beforeAll did not finish');
      const context = await browser.newContext({ javaScriptEnabled });
      try {
        const page = await context.newPage();
        const problems = collectPageProblems(page);
        await page.goto(`${served.baseUrl}/`);
        // The first Tab stop of every page is the skip link (WCAG 2.4.1, bypass blocks).
        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').textContent()).toBe('Skip to content');
        expect(await inertnessReport(page)).toEqual([]);

        // The newest posts of the demo have no comments yet: follow the first one that has some.
        const link = page.locator('main article.post').filter({ hasNotText: 'No comments yet' }).first().locator('h2.entry-title a');
        const title = (await link.textContent())?.trim();
        const href = new URL((await link.getAttribute('href')) ?? '', served.baseUrl).href;
        await link.click();
        await page.waitForURL(href);
        expect(title).toBeTruthy();
        expect((await page.locator('h1').allTextContents()).map((t) => t.trim())).toEqual([title]);
        expect(await page.locator('ol.comment-list li[id^=comment-]').count()).toBeGreaterThan(0);

        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').textContent()).toBe('Skip to content');
        // Following it moves the keyboard to the content (main has tabindex=-1 for this).
        await page.keyboard.press('Enter');
        expect(await page.locator(':focus').getAttribute('id')).toBe('content');
        expect(await inertnessReport(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    30_000,
  );

  it('serves /favicon.ico (browsers and feed readers ask for it unprompted)', async () => {
    if (!served) throw new Error('beforeAll did not finish');
    const response = await fetch(`${served.baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
  });
});
