// Signing in to comment, in chromium, against a real OpenID Provider (npm oidc-provider on 127.0.0.1): the popup
// flow (Connecting…, the provider's own login and consent pages in the popup, the form naming the identity without
// losing the typed text, posting, Log Out, Change, Cancel), and the full-page flow when popups are blocked (the
// draft kept on the server and put back at #respond, with the reply it answered).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { collectPageProblems, describeInBrowser, inertnessReport, launchBrowser } from '../support/browser.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { type PictureServer, type TestOidcProvider, startOidcProvider, startPictureServer } from '../support/oidc-provider.js';

const CLIENT = { client_id: 'quire-browser', client_secret: 'browser-client-secret' };
const PROVIDER_NAME = 'Test ID';

interface World {
  readonly app: TestApp;
  readonly op: TestOidcProvider;
  readonly pictures: PictureServer;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The app on a real port with the provider pointing back at it. The provider must know the app's exact redirect
 * URI before the app (which needs the provider's issuer) is built, so a plain server takes the port first and hands
 * requests to Fastify once the app exists (as serveTestApp does).
 */
async function startWorld(): Promise<World> {
  let handle: http.RequestListener | undefined;
  const server = http.createServer((request, response) => (handle ? handle(request, response) : response.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  const pictures = await startPictureServer();
  const op = await startOidcProvider([{ ...CLIENT, redirect_uris: [`${baseUrl}/auth/oidc/callback`] }]);
  op.accounts.set('alice', { email: 'alice@example.test', email_verified: true, name: 'Alice Liddell', picture: pictures.url('alice.png') });
  op.accounts.set('carol', { email: 'carol@example.test', email_verified: true, name: 'Carol Redirect' });
  const app = await createTestApp({
    config: {
      publicUrl: baseUrl,
      authProviders: { oidc: { clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, issuer: op.issuer, name: PROVIDER_NAME } },
    },
  });
  await app.server.ready();
  handle = (request, response) => app.server.routing(request, response);
  // One address, comments at machine speed: only the sign-in is under test here.
  await app.services.settings.update({ commentMinFillSeconds: 0, commentFloodSeconds: 0, commentIpLimitPerHour: 10_000 });
  return {
    app, op, pictures, baseUrl,
    async close() {
      await closeServer();
      await app.close();
      await op.close();
      await pictures.close();
    },
  };
}

const normalize = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describeInBrowser('signing in to comment in chromium', () => {
  let world: World | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: { page: Page; problems: readonly string[] }[] = [];

  beforeAll(async () => {
    world = await startWorld();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const { page, problems } of pages.splice(0)) {
      if (!page.isClosed()) expect(await inertnessReport(page), page.url()).toEqual([]);
      // The provider's own pages (another origin, by design: its login form, its web font) are not ours to judge.
      // A popup is watched from its first page on, the provider's: the checker then takes that for the site, and
      // our own callback page's requests for another site's; requests to this site are never a leak.
      const issuer = world?.op.issuer ?? '';
      const toUs = (p: string) => p.startsWith('request to another site') && p.includes(`: ${world?.baseUrl ?? ''}/`);
      expect(problems.filter((p) => !p.includes(issuer) && !p.includes('fonts.googleapis.com') && !toUs(p))).toEqual([]);
    }
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  function site(): World {
    if (!world || !browser) throw new Error('beforeAll did not finish');
    return world;
  }

  async function newContext(options: { blockPopups?: boolean } = {}): Promise<BrowserContext> {
    if (!browser) throw new Error('beforeAll did not finish');
    const context = await browser.newContext();
    // A popup blocker, as the driver injects it (not the page: the site's CSP has no say over it).
    if (options.blockPopups) await context.addInitScript('window.open = () => null;');
    contexts.push(context);
    return context;
  }

  async function openPost(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    pages.push({ page, problems: collectPageProblems(page) });
    await page.goto(`${site().baseUrl}${path}`);
    return page;
  }

  /** The provider's development login and consent pages, as a person fills them in. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.waitForSelector('input[name="login"]');
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'any password');
    await page.click('button[type="submit"]');
    await page.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
    await page.click('button[type="submit"]');
  }

  async function sessionOf(context: BrowserContext) {
    const cookie = (await context.cookies(site().baseUrl)).find((c) => c.name === SESSION_COOKIE);
    return cookie ? site().app.services.sessions.resolve(cookie.value) : undefined;
  }

  it('signs in in a popup while the typed comment waits, posts as that identity, then Change and Log Out work in place', async () => {
    const { app } = site();
    const post = await buildPost(app);
    const context = await newContext();
    const page = await openPost(context, permalinkOf(post));
    let loads = 0;
    page.on('load', () => loads++);
    await page.fill('#comment', 'Typed before signing in, and still here after.');

    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('a.sign-in-oidc')]);
    // The popup ends on our own page (the one that reports back and closes): it must run clean too.
    pages.push({ page: popup, problems: collectPageProblems(popup) });
    await expect.poll(() => page.locator('.comment-sign-in-status').textContent()).toBe(`Connecting to ${PROVIDER_NAME}… Cancel`);
    expect(await page.isVisible('.comment-sign-in-status a.comment-sign-in-cancel')).toBe(true);
    expect(await page.isVisible('.sign-in-icons')).toBe(false);
    await signInAtProvider(popup, 'alice');
    await popup.waitForEvent('close');

    const sentence = page.locator('.comment-signed-in-as');
    await sentence.waitFor();
    expect(normalize(await sentence.textContent())).toBe(`You are commenting using your ${PROVIDER_NAME} account. (Log Out / Change)`);
    expect(await page.inputValue('#comment')).toBe('Typed before signing in, and still here after.');
    expect(await page.locator('#author').count()).toBe(0);
    expect(await page.locator('.comment-signed-in img.avatar-image').getAttribute('src')).toMatch(/^\/avatars\//);
    expect(loads).toBe(0);

    await page.click('#submit');
    const mine = page.locator('li[id^=comment-]').filter({ hasText: 'Typed before signing in' });
    await mine.waitFor();
    expect(normalize(await mine.locator('.fn').first().textContent())).toBe('Alice Liddell');
    expect(await mine.locator('img.avatar-image').first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const id = Number((await mine.getAttribute('id'))?.slice('comment-'.length));
    const session = await sessionOf(context);
    expect(await app.services.comments.find(id)).toMatchObject({ status: 'approved', userId: session?.userId, identityId: session?.identityId });

    // Change: the icons and guest fields again, in place; "Keep using it" brings the identity back. The text stays.
    await page.fill('#comment', 'A second thought.');
    await page.click('a.comment-change-identity');
    await page.locator('#author').waitFor();
    expect(normalize(await page.locator('.comment-changing').textContent())).toContain(`You are signed in with your ${PROVIDER_NAME} account as Alice Liddell.`);
    expect(await page.isVisible('a.sign-in-oidc')).toBe(true);
    expect(await page.isVisible('#remember')).toBe(true);
    await page.click('a.comment-keep-identity');
    await sentence.waitFor();
    expect(await page.inputValue('#comment')).toBe('A second thought.');

    // Log Out: the session ends on the server, the icons come back, the text stays, no page load.
    await page.click('button.comment-log-out');
    await page.locator('a.sign-in-oidc').waitFor();
    expect(await page.locator('.comment-signed-in').count()).toBe(0);
    expect(await page.inputValue('#comment')).toBe('A second thought.');
    expect(await sessionOf(context)).toBeUndefined();
    expect(loads).toBe(0);
  });

  it('Cancel closes the sign-in window and gives the icons back', async () => {
    const post = await buildPost(site().app);
    const context = await newContext();
    const page = await openPost(context, permalinkOf(post));
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('a.sign-in-oidc')]);
    await page.locator('.comment-sign-in-status a.comment-sign-in-cancel').waitFor();
    await Promise.all([popup.waitForEvent('close'), page.click('.comment-sign-in-cancel')]);
    expect(await page.isVisible('.sign-in-icons')).toBe(true);
    expect(await page.isVisible('.comment-sign-in-status')).toBe(false);
    expect(await sessionOf(context)).toBeUndefined();
  });

  it('with popups blocked, goes to the provider in the page and comes back to #respond with the draft and its reply restored', async () => {
    const { app } = site();
    const post = await buildPost(app);
    const parent = await buildComment(app, post, { authorName: 'Grace Hopper' });
    const context = await newContext({ blockPopups: true });
    const page = await openPost(context, permalinkOf(post));
    await page.click(`#comment-${parent} a.comment-reply-link`);
    await page.fill('#comment', 'Kept on the server while I signed in.\nSecond line.');

    await page.click('a.sign-in-oidc');
    await page.waitForURL((url) => url.href.startsWith(site().op.issuer));
    await signInAtProvider(page, 'carol');
    await page.waitForURL(`${site().baseUrl}${permalinkOf(post)}#respond`);

    expect(await page.inputValue('#comment')).toBe('Kept on the server while I signed in.\nSecond line.');
    expect(await page.inputValue('#comment_parent')).toBe(String(parent));
    expect(normalize(await page.locator('#reply-title').textContent())).toBe('Leave a Reply to Grace Hopper Cancel reply');
    expect(normalize(await page.locator('.comment-signed-in-as').textContent())).toBe(`You are commenting using your ${PROVIDER_NAME} account. (Log Out / Change)`);
    expect((await context.cookies(site().baseUrl)).some((c) => c.name === 'quire_draft')).toBe(false);

    await page.click('#submit');
    const reply = page.locator(`#comment-${parent} > ol.children > li[id^=comment-]`);
    await reply.waitFor();
    expect(normalize(await reply.locator('.fn').first().textContent())).toBe('Carol Redirect');
    expect(await reply.locator('.comment-content').textContent()).toContain('Second line.');
  });
});
