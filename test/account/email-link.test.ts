// Signing in by e-mail link: the same answer for every address (mail only to accounts, read from a real SMTP
// server), the link's page that signs in only when its button is pressed, once, within 15 minutes; the way back
// (same-origin paths only); an unconfirmed account's unproven password; CSRF.
// Stand-in: time (a clock the test moves).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccountWorld, CookieJar, GOOD_PASSWORD, accountSignIn, get, linkIn, mailTo, mailsTo, parseHtml, postForm, pressLinkButton,
  register, registerConfirmed, signedInEmail, startAccountWorld, submitForm,
} from './account-helpers.js';

describe('signing in by e-mail link', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
    await registerConfirmed(world, 'ann@example.test');
  });
  afterEach(() => world.smtp.clear());
  afterAll(() => world.close());

  const ask = (email: string, returnTo?: string, jar = new CookieJar()) =>
    submitForm(world.app, '/account/email-link', { email, ...(returnTo === undefined ? {} : { return_to: returnTo }) }, jar);

  async function linkFor(email: string, returnTo?: string): Promise<string> {
    world.clock.advance(60 * 60_000); // a new hour: the five-mails-an-hour limit of an address holds nothing back
    expect((await ask(email, returnTo)).statusCode).toBe(200);
    return linkIn(await mailTo(world, email, 'Your sign-in link'), '/account/email-link/');
  }

  it('answers the same for every address, and mails a link only to an account', async () => {
    const known = await ask('ann@example.test');
    const unknown = await ask('nobody@example.test');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const mainOf = (body: string, email: string) => (parseHtml(body)('main').html() ?? '').split(email).join('ADDRESS');
    expect(mainOf(known.body, 'ann@example.test')).toBe(mainOf(unknown.body, 'nobody@example.test'));
    const mail = await mailTo(world, 'ann@example.test', 'Your sign-in link');
    expect(mail.text).toContain('within 15 minutes');
    expect(await mailsTo(world, 'nobody@example.test')).toEqual([]);
  });

  it('signs in only when the button is pressed, back where the reader was, and only once', async () => {
    const path = await linkFor('ann@example.test', '/2026/12/01/a-post/');
    expect(path).toContain('?return_to=%2F2026%2F12%2F01%2Fa-post%2F');
    const jar = new CookieJar();
    const { page, result } = await pressLinkButton(world.app, path, jar);
    expect(parseHtml(page.body)('main button').text()).toBe('Sign in');
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/2026/12/01/a-post/');
    expect(await signedInEmail(world.app, jar)).toBe('ann@example.test');
    const user = await world.app.services.users.findByEmail('ann@example.test');
    const site = (await world.app.services.accounts.listIdentities(user?.id ?? 0)).find((i) => i.provider === 'site');
    expect((await world.app.services.sessions.resolve(jar.get('quire_session') ?? ''))?.identityId).toBe(site?.id);

    // Used: neither its page nor its button works again, and a second browser gets no session.
    const other = new CookieJar();
    expect((await get(world.app, path, other)).statusCode).toBe(404);
    const csrf = String(parseHtml(page.body)('input[name="_csrf"]').val());
    const again = await postForm(world.app, path.replace(/\?.*$/, ''), { _csrf: csrf }, jar.clone());
    expect(again.statusCode).toBe(404);
    expect(again.headers['set-cookie'] ?? '').not.toContain('quire_session=');
  });

  it('opening the link changes nothing: no session until the button is pressed', async () => {
    const path = await linkFor('ann@example.test');
    const jar = new CookieJar();
    expect((await get(world.app, path, jar)).statusCode).toBe(200);
    expect(jar.get('quire_session')).toBeUndefined();
    expect((await get(world.app, path, jar)).statusCode).toBe(200); // still live
  });

  it('expires 15 minutes after it was sent', async () => {
    const path = await linkFor('ann@example.test');
    world.clock.advance(15 * 60_000 - 1_000);
    expect((await get(world.app, path)).statusCode).toBe(200);
    world.clock.advance(1_000);
    const expired = await get(world.app, path);
    expect(expired.statusCode).toBe(404);
    expect(parseHtml(expired.body)('main a').attr('href')).toBe('/account/email-link');
  });

  it('ignores a return_to on another site (no open redirect)', async () => {
    const path = await linkFor('ann@example.test', 'https://evil.example/');
    expect(path).not.toContain('evil');
    const { result } = await pressLinkButton(world.app, path);
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/');
  });

  it('confirms an unconfirmed account, and drops the password chosen before its address was proven', async () => {
    await register(world.app, { email: 'unproven@example.test', password: GOOD_PASSWORD });
    const path = await linkFor('unproven@example.test');
    const { result } = await pressLinkButton(world.app, path);
    expect(result.statusCode).toBe(200);
    expect(parseHtml(result.body)('main').text()).toContain('no longer works');
    const user = await world.app.services.users.findByEmail('unproven@example.test');
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect((await accountSignIn(world.app, 'unproven@example.test', GOOD_PASSWORD, { ip: '192.0.2.90' })).response.statusCode).toBe(400);
  });

  it('sends nothing for an account made by another provider\'s sign-in (never merged by e-mail)', async () => {
    const user = await world.app.services.users.create({ email: 'gina@example.test', login: 'gina', role: 'subscriber' });
    await world.app.db.kysely.insertInto('identities').values({
      userId: user.id, provider: 'github', subject: '4242', email: 'gina@example.test', displayName: 'Gina', avatarUrl: null,
      createdAt: world.clock.now().toISOString(),
    }).execute();
    expect((await ask('gina@example.test')).statusCode).toBe(200);
    expect(await mailsTo(world, 'gina@example.test')).toEqual([]);
  });

  it('refuses its forms without their CSRF token (403), and signs nobody in', async () => {
    const jar = new CookieJar();
    await get(world.app, '/account/email-link', jar);
    expect((await postForm(world.app, '/account/email-link', { email: 'ann@example.test' }, jar)).statusCode).toBe(403);
    expect(await mailsTo(world, 'ann@example.test')).toEqual([]);

    const path = await linkFor('ann@example.test');
    const forged = await postForm(world.app, path.replace(/\?.*$/, ''), {}, jar);
    expect(forged.statusCode).toBe(403);
    expect(jar.get('quire_session')).toBeUndefined();
    expect((await pressLinkButton(world.app, path)).result.statusCode).toBe(303); // the link was not used up
  });
});
