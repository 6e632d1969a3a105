// Media in chromium: an image uploaded from the library page (the script's upload, with its progress bar) and
// inserted into a new post from the editor's Add Media button, then set as its featured image; focus comes back to
// the button, and no page trips the CSP or logs an error.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ServedApp, collectPageProblems, describeInBrowser, launchBrowser, serveTestApp } from '../support/browser.js';
import { STAFF_PASSWORD, createStaff } from '../support/session.js';
import { makeImage } from '../media/images.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}
declare const axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };

/** axe-core's serious and critical violations on the page as it is now (axe is injected past the CSP by the context). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const { violations } = await page.evaluate(() => axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] }));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The text of the element that has the focus. */
/** The text of the focused element. After a dialog closes, focus returns in its 'close' event, a task later: poll. */
function activeText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent.trim());
}

describeInBrowser('media in chromium', () => {
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

  async function signedInPage(options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; problems: readonly string[] }> {
    if (!served || !browser) throw new Error('beforeAll did not finish');
    const author = await createStaff(served.app, 'author');
    const page = await (await browser.newContext(options)).newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${served.baseUrl}/admin/login`);
    await page.fill('input[name="email"]', author.email);
    await page.fill('input[name="password"]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/(?!login)/), page.click('main button[type="submit"]')]);
    return { page, problems };
  }

  it('uploads from the library and inserts the image into a post from Add Media', async () => {
    const { page, problems } = await signedInPage();
    await page.goto(`${served?.baseUrl}/admin/media`);
    await page.setInputFiles('#media-file', { name: 'Harbour View.png', mimeType: 'image/png', buffer: await makeImage(800, 600) });
    await Promise.all([page.waitForURL(/\/admin\/media\/\d+\?uploaded=1$/), page.click('form.media-upload button[type="submit"]')]);
    const id = /\/admin\/media\/(\d+)/.exec(page.url())?.[1] ?? '';
    expect(await page.textContent('.admin-notice')).toBe('File uploaded.');

    await page.fill('#field-alt_text', 'Boats in the harbour');
    await Promise.all([page.waitForURL(/updated=1$/), page.click('form.media-form button[type="submit"]')]);

    await page.goto(`${served?.baseUrl}/admin/posts/new`);
    await page.fill('#content', 'Before. After.');
    await page.evaluate(() => {
      const textarea = (globalThis as unknown as { document: { getElementById(id: string): { setSelectionRange(a: number, b: number): void } } }).document.getElementById('content');
      textarea.setSelectionRange(8, 8);
    });
    await page.click('button.media-picker[data-insert="content"]');
    const item = page.locator('dialog.media-dialog button.media-dialog-item', { hasText: 'harbour view' });
    await item.click();
    expect(await page.inputValue('#content')).toMatch(/^Before. !\[Boats in the harbour\]\(\/uploads\/\d{4}\/\d{2}\/harbour-view\.png\)After\.$/);
    await expect.poll(() => activeText(page)).toBe('Add Media');

    // By keyboard: Enter opens, Escape closes (focus back on the button), Tab reaches the image, Enter chooses it.
    await page.focus('button.media-picker[data-target="featured_media"]');
    await page.keyboard.press('Enter');
    await item.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => activeText(page)).toBe('Set featured image');
    await page.keyboard.press('Enter');
    await item.waitFor();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('harbour view');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#featured_media')).toBe(id);
    expect(await page.locator('dialog.media-dialog').isVisible()).toBe(false);
    await expect.poll(() => activeText(page)).toBe('Set featured image');
    expect(problems).toEqual([]);
  });

  it('uploads in place from the Add Media dialog, focuses the new item, and inserts it with Enter', async () => {
    const { page, problems } = await signedInPage();
    await page.goto(`${served?.baseUrl}/admin/posts/new`);
    await page.click('button.media-picker[data-insert="content"]');
    await page.setInputFiles('#media-dialog-file', { name: 'Fresh Upload.jpg', mimeType: 'image/jpeg', buffer: await makeImage(400, 300, 'jpeg') });
    await expect.poll(() => activeText(page)).toBe('fresh upload');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#content')).toMatch(/^!\[\]\(\/uploads\/\d{4}\/\d{2}\/fresh-upload\.jpg\)$/);
    expect(problems).toEqual([]);
  });

  it('shows the refusal of a file that is not an image, beside the upload form', async () => {
    const { page, problems } = await signedInPage();
    await page.goto(`${served?.baseUrl}/admin/media`);
    await page.setInputFiles('#media-file', { name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<!doctype html><script>alert(1)</script>') });
    await page.click('form.media-upload button[type="submit"]');
    await expect.poll(() => page.textContent('.media-upload-status')).toMatch(/page\.png: This file is not an image: its content is HTML/);
    // Chromium logs the refused upload (415) as a failed load: that refusal was the point.
    expect(problems.filter((p) => !p.includes('status of 415'))).toEqual([]);
  });

  it('finds no serious or critical accessibility problem on the library, an item, its deletion and the open dialog', async () => {
    const { page } = await signedInPage({ bypassCSP: true });
    await page.goto(`${served?.baseUrl}/admin/media`);
    await page.setInputFiles('#media-file', { name: 'Audit.png', mimeType: 'image/png', buffer: await makeImage(500, 400) });
    await Promise.all([page.waitForURL(/\/admin\/media\/\d+\?uploaded=1$/), page.click('form.media-upload button[type="submit"]')]);
    const item = page.url().replace(/\?.*$/, '');
    const problems = [...(await seriousViolations(page))];
    for (const path of [`${item}/delete`, `${served?.baseUrl}/admin/media?s=audit`]) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page)));
    }
    await page.goto(`${served?.baseUrl}/admin/posts/new`);
    await page.click('button.media-picker[data-insert="content"]');
    await page.locator('dialog.media-dialog button.media-dialog-item').first().waitFor();
    problems.push(...(await seriousViolations(page)));
    expect(problems).toEqual([]);
  });
});
