// A post whose title tries to end the JSON-LD script, in chromium: nothing runs, the CSP reports nothing, and the
// browser reads the JSON-LD back with the title intact.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';
import { buildPost, permalinkOf } from '../support/factories.js';

const TITLE = 'Break </script><script>alert(1)</script><!-- out & "in"';

describeInBrowser('discovery metadata in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('keeps a hostile title inside the JSON-LD, with no script run and no CSP violation', async () => {
    if (!browser || !served) throw new Error('beforeAll did not finish');
    const post = await buildPost(served.app, { title: TITLE, source: 'Text.' });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await page.goto(`${served.baseUrl}${permalinkOf(post)}`);
      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
      expect((JSON.parse(jsonLd ?? '{}') as { headline?: string }).headline).toBe(TITLE);
      expect(await page.locator('h1').textContent()).toContain('</script>');
      expect(await page.locator('script').count()).toBe(1 + (await page.locator('script[src]').count()));
      expect(await inertnessReport(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
