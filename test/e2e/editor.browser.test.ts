// Writing in chromium: an editor schedules a post with two categories (one made in the editor) and the job runner
// publishes it when the clock gets there; a contributor submits for review with the live preview, an editor
// publishes it from the Pending list; leaving unsaved changes warns; no page trips the CSP or logs an error.
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Role, User } from '../../src/features/users/index.js';
import { localDateTimeOf } from '../../src/kernel/time.js';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildCategory, permalinkOf } from '../support/factories.js';
import { runJobsUntilIdle } from '../support/jobs.js';
import { STAFF_PASSWORD, createStaff } from '../support/session.js';

describeInBrowser('the editor in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let clock: MutableClock;
  const contexts: BrowserContext[] = [];
  const pages: { page: Page; problems: readonly string[] }[] = [];

  beforeAll(async () => {
    // Real time (the browser drops session cookies that expire in its past), on a whole minute: "a minute ahead"
    // is then exactly what the date field can say.
    clock = mutableClock(new Date(Math.floor(Date.now() / 60_000) * 60_000));
    served = await serveTestApp({ clock });
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const { page, problems } of pages.splice(0)) {
      if (!page.isClosed()) expect(await inertnessReport(page), page.url()).toEqual([]);
      // The one dialog a test asks for on purpose: the warning before leaving unsaved changes.
      expect(problems.filter((p) => !p.startsWith('beforeunload dialog'))).toEqual([]);
    }
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  function site(): ServedApp {
    if (!served) throw new Error('beforeAll did not finish');
    return served;
  }

  async function signedIn(role: Role): Promise<Page> {
    return (await signedInAs(role)).page;
  }

  async function signedInAs(role: Role): Promise<{ page: Page; person: User }> {
    if (!browser) throw new Error('beforeAll did not finish');
    const person = await createStaff(site().app, role);
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    pages.push({ page, problems: collectPageProblems(page) });
    await page.goto(`${site().baseUrl}/admin/login`);
    await page.fill('input[name="email"]', person.email);
    await page.fill('input[name="password"]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/(?!login)/), page.click('main button[type="submit"]')]);
    return { page, person };
  }

  async function press(page: Page, label: string): Promise<void> {
    await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(`button[name="action"]:text-is("${label}")`)]);
  }

  async function postTitled(title: string) {
    const { items } = await site().app.services.posts.list({ type: 'post', statuses: ['draft', 'pending', 'scheduled', 'published'], search: title, limit: 1, offset: 0 });
    return items[0];
  }

  it('schedules a post with two categories, one added in the editor, and the job runner publishes it at its time', async () => {
    await buildCategory(site().app, { name: 'Journeys' });
    const page = await signedIn('editor');
    await page.goto(`${site().baseUrl}/admin/posts/new`);
    await page.fill('#title', 'Sleeper to Vienna');
    expect(await page.inputValue('#slug')).toBe('sleeper-to-vienna');
    await page.fill('#content', 'We left at **dusk**.');
    await page.check('label:has-text("Journeys") input');
    await page.click('details.add-category summary');
    await page.fill('#new_category_name', 'Night trains');
    await page.click('button[value="add-category"]');
    await page.waitForSelector('label:has-text("Night trains") input:checked');
    expect(await page.textContent('[data-save-state]')).toBe('Category “Night trains” added.');
    const aMinuteAhead = new Date(clock.now().getTime() + 60_000);
    await page.fill('#published_at', localDateTimeOf(aMinuteAhead, 'UTC').slice(0, 16));
    expect(await page.textContent('button[data-publish-button]')).toBe('Schedule');
    await press(page, 'Schedule');
    expect(await page.textContent('.admin-notice')).toBe('Post scheduled.');

    const post = await postTitled('Sleeper');
    expect(post).toMatchObject({ status: 'scheduled', publishedAt: aMinuteAhead.toISOString() });
    const terms = (await site().app.services.taxonomy.termsOfPosts([post!.id])).get(post!.id)?.map((t) => t.name).sort();
    expect(terms).toEqual(['Journeys', 'Night trains']);
    // Asked outside the browser: chromium logs a 404 page as a console error.
    expect((await site().app.server.inject({ url: permalinkOf(post!) })).statusCode).toBe(404);

    clock.advance(90_000);
    await runJobsUntilIdle(site().app);
    const live = await page.goto(`${site().baseUrl}${permalinkOf(post!)}`);
    expect(live?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe('Sleeper to Vienna');
    expect(await page.innerHTML('.entry-content')).toContain('<strong>dusk</strong>');
  });

  it('a contributor previews and submits for review; an editor publishes it from the Pending list', async () => {
    const writer = await signedIn('contributor');
    await writer.goto(`${site().baseUrl}/admin/posts/new`);
    expect(await writer.locator('button[name="action"]').allTextContents()).toEqual(['Preview', 'Save Draft', 'Submit for Review']);
    await writer.fill('#title', 'Review me please');
    await writer.fill('#content', 'A *first* line <script>alert(1)</script>');
    await writer.click('[data-preview-button]');
    await writer.waitForSelector('[data-preview-pane] em');
    expect(await writer.textContent('[data-preview-pane] em')).toBe('first');
    expect(await writer.locator('[data-preview-pane] script').count()).toBe(0);
    await writer.fill('#content', 'A *first* line\n\n## Then a heading');
    await writer.waitForSelector('[data-preview-pane] h2');
    await press(writer, 'Submit for Review');
    expect(await writer.textContent('.admin-notice')).toBe('Post submitted.');
    const { page: editor, person: editorPerson } = await signedInAs('editor');
    const submitted = await postTitled('Review me');
    expect(await site().app.services.revisions.lockHolder(submitted!.id, editorPerson)).toBeDefined();
    // Leaving the editor gives the lock up (a beacon on pagehide), so the editor opens it without a takeover.
    await writer.close();
    await expect.poll(() => site().app.services.revisions.lockHolder(submitted!.id, editorPerson)).toBeUndefined();

    await editor.goto(`${site().baseUrl}/admin/posts`);
    await Promise.all([editor.waitForNavigation(), editor.click('.subsubsub a:has-text("Pending")')]);
    await Promise.all([editor.waitForNavigation(), editor.click('th.column-title a:text-is("Review me please")')]);
    expect(await editor.textContent('.editor-status')).toBe('Status: Pending Review');
    await press(editor, 'Publish');
    expect(await editor.textContent('.admin-notice')).toBe('Post published.');
    expect(await postTitled('Review me')).toMatchObject({ status: 'published' });
  });

  it('autosaves the last words when the editor is left (a beacon with the CSRF token) and gives up the lock', async () => {
    const { page, person } = await signedInAs('author');
    const draft = await site().app.services.posts.create({ title: 'Beacon', source: 'first words', status: 'draft' }, person, person);
    await page.goto(`${site().baseUrl}/admin/posts/${draft.id}/edit`);
    await page.fill('#content', 'first words and the last ones');
    const other = await createStaff(site().app, 'editor');
    expect(await site().app.services.revisions.lockHolder(draft.id, other)).toBeDefined();
    await page.close({ runBeforeUnload: false });
    await expect.poll(async () => (await site().app.services.revisions.newerAutosave(draft, person))?.source).toBe('first words and the last ones');
    await expect.poll(() => site().app.services.revisions.lockHolder(draft.id, other)).toBeUndefined();
  });

  it('warns before leaving unsaved changes, and not after saving', async () => {
    const page = await signedIn('author');
    await page.goto(`${site().baseUrl}/admin/posts/new`);
    await page.fill('#title', 'Unsaved words');
    const dialogs: Dialog[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog));
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs.map((d) => d.type())).toEqual(['beforeunload']);

    const saved = await signedIn('author');
    await saved.goto(`${site().baseUrl}/admin/posts/new`);
    await saved.fill('#title', 'Saved words');
    await press(saved, 'Save Draft');
    expect(await saved.textContent('.admin-notice')).toBe('Post draft updated.');
    await saved.goto(`${site().baseUrl}/admin/posts`);
    expect(await saved.textContent('h1')).toContain('Posts');
  });
});
