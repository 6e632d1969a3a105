// Passkeys in chromium with its WebAuthn virtual authenticator (DevTools protocol), the site on http://localhost
// (a secure context, and a domain for rpID, which 127.0.0.1 is not): add a passkey on /account, log out, sign in
// with it on /account/login and land signed in, the stored counter gone up; remove it. Without WebAuthn, no button
// shows. Every page without a CSP violation, a console error or a request elsewhere.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp } from '../support/browser.js';

const PASSWORD = 'plane shavings curl on the bench';

describeInBrowser('passkeys in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let user: User;
  const contexts: BrowserContext[] = [];
  const pages: { page: Page; problems: readonly string[] }[] = [];

  beforeAll(async () => {
    served = await serveTestApp({ hostname: 'localhost' });
    browser = await launchBrowser();
    const { users, settings } = served.app.services;
    await settings.update({ title: 'The Offcut' });
    user = await users.create({ email: 'mara@example.test', displayName: 'Mara K.', role: 'subscriber', password: PASSWORD });
    await users.setEmailVerified(user.id);
  });

  afterEach(async () => {
    for (const { page, problems } of pages.splice(0)) {
      if (!page.isClosed()) expect(await inertnessReport(page), page.url()).toEqual([]);
      expect(problems).toEqual([]);
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

  async function newPage(init?: () => void): Promise<{ page: Page; context: BrowserContext }> {
    if (!browser) throw new Error('beforeAll did not finish');
    const context = await browser.newContext();
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    pages.push({ page, problems: collectPageProblems(page) });
    return { page, context };
  }

  /** A platform authenticator that holds discoverable credentials and verifies its user without asking. */
  async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    return { cdp, authenticatorId };
  }

  const storedCounter = async () => (await site().app.services.passkeys.listForUser(user.id))[0]?.counter;

  it('adds a passkey on /account, signs in with it after logging out, and removes it', async () => {
    const { baseUrl } = site();
    const { page, context } = await newPage();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(context, page);

    // Signed in with the password first.
    await page.goto(`${baseUrl}/account/login?return_to=%2Faccount`);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/account`), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    await expect(page.locator('.account-passkeys').textContent()).resolves.toContain('No passkeys yet.');

    // Add a passkey: the authenticator now holds a discoverable credential, and the page lists it.
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('.passkey .passkey-name').waitFor();
    expect(await page.locator('.passkey .passkey-name').textContent()).toBe('Passkey on a device');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(credentials[0]?.rpId).toBe('localhost');
    const [stored] = await site().app.services.passkeys.listForUser(user.id);
    expect(stored?.id).toBe(credentials[0]?.credentialId.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    const counterAtRegistration = stored?.counter ?? -1;

    // Log out: the account page sends visitors to sign in.
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole('button', { name: 'Log Out' }).click()]);
    await page.goto(`${baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe('/account/login');

    // Sign in with the passkey, no e-mail typed: back on /account, signed in as Mara.
    await page.goto(`${baseUrl}/account/login?return_to=%2Faccount`);
    const button = page.getByRole('button', { name: 'Sign in with a passkey' });
    await expect(button.isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(`${baseUrl}/account`), button.click()]);
    expect(await page.locator('#field-display_name-hint').textContent()).toContain(`Signed in as ${user.email}.`);
    expect(await page.locator('.passkey .passkey-dates').textContent()).toContain('last used');
    expect(await storedCounter()).toBeGreaterThan(counterAtRegistration);
    const { credentials: after } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(await storedCounter()).toBe(after[0]?.signCount);

    // Remove it (the account still has its password and its address).
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.account-passkeys').getByText('No passkeys yet.').waitFor();
    expect(await site().app.services.passkeys.listForUser(user.id)).toEqual([]);
  });

  it('shows no passkey buttons in a browser without WebAuthn', async () => {
    const { baseUrl } = site();
    // The stand-in for a browser without WebAuthn: the API taken away before any page script runs.
    const { page } = await newPage(() => {
      Reflect.deleteProperty(globalThis, 'PublicKeyCredential');
    });
    await page.goto(`${baseUrl}/account/login?return_to=%2Faccount`);
    expect(await page.locator('section.passkey-sign-in').isVisible()).toBe(false);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/account`), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    await page.waitForLoadState('load');
    expect(await page.locator('.account-passkeys h2').isVisible()).toBe(true); // the list (and Remove) still work
    expect(await page.getByRole('button', { name: 'Add a passkey' }).isVisible()).toBe(false);
  });
});
