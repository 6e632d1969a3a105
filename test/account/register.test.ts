// Registering a site account: the confirmation mail (read from a real SMTP server) and its one-button page, one
// answer whether or not the address has an account (its owner is warned instead), the password rules with the
// typed values kept (never the password), CSRF, and no account half-made when its mail cannot be queued.
// Stand-ins: time (a clock the test moves); in the last test, a database trigger that makes queueing fail.
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';
import { expectNoInternals } from '../support/pages.js';
import {
  type AccountWorld, CookieJar, GOOD_PASSWORD, SITE_TITLE, accountSignIn, drain, get, linkIn, mailTo, mailsTo, parseHtml,
  postForm, pressLinkButton, register, startAccountWorld,
} from './account-helpers.js';

describe('registering a site account', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
  });
  afterEach(() => world.smtp.clear());
  afterAll(() => world.close());

  const userRow = (email: string) => world.app.db.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const identitiesOf = (userId: number) => world.app.db.kysely.selectFrom('identities').selectAll().where('userId', '=', userId).execute();

  it('offers the form: e-mail, display name, password, with a CSRF token', async () => {
    const response = await get(world.app, '/account/register?return_to=/2026/12/01/a-post/');
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('h1').text()).toBe('Register');
    const form = $('form[action="/account/register"]');
    expect(form.find('input[name="email"][type="email"]').length).toBe(1);
    expect(form.find('input[name="display_name"]').length).toBe(1);
    expect(form.find('input[name="password"][type="password"][autocomplete="new-password"]').length).toBe(1);
    expect(form.find('input[name="_csrf"]').val()).toBeTruthy();
    expect(form.find('input[name="return_to"]').val()).toBe('/2026/12/01/a-post/');
    expect(String(response.headers['cache-control'])).toContain('no-store');
  });

  it('makes a subscriber whose address is confirmed by the mailed link, and only when its button is pressed', async () => {
    const response = await register(world.app, { email: 'Mara.K+blog@Example.test', display_name: 'Mara K.' });
    expect(response.statusCode).toBe(200);
    expect(parseHtml(response.body)('h1').text()).toBe('Check your inbox');

    const user = await userRow('mara.k+blog@example.test');
    expect(user).toMatchObject({ role: 'subscriber', displayName: 'Mara K.', login: 'mara.k-blog', emailVerifiedAt: null });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [identity] = await identitiesOf(user?.id ?? 0);
    expect(identity).toMatchObject({ provider: 'site', subject: String(user?.id), email: null, displayName: 'Mara K.' });

    const mail = await mailTo(world, 'mara.k+blog@example.test', 'Confirm your e-mail address');
    expect(mail.subject).toBe(`[${SITE_TITLE}] Confirm your e-mail address`);
    const path = linkIn(mail, '/account/verify/');

    // Opening the link (or a mail scanner fetching it) changes nothing.
    const jar = new CookieJar();
    const page = await get(world.app, path, jar);
    expect(page.statusCode).toBe(200);
    expect((await userRow('mara.k+blog@example.test'))?.emailVerifiedAt).toBeNull();

    const { result } = await pressLinkButton(world.app, path, jar);
    expect(result.statusCode).toBe(200);
    expect(parseHtml(result.body)('h1').text()).toBe('Your address is confirmed');
    expect((await userRow('mara.k+blog@example.test'))?.emailVerifiedAt).toBe(world.clock.now().toISOString());
    expect((await identitiesOf(user?.id ?? 0))[0]?.email).toBe('mara.k+blog@example.test');

    // The link works once.
    const again = await get(world.app, path);
    expect(again.statusCode).toBe(404);
    expect(parseHtml(again.body)('h1').text()).toBe('This link is no longer valid');
    expectNoInternals(again.body);
  });

  it('makes logins unique from the local part of the address', async () => {
    await register(world.app, { email: 'sam@one.test' });
    await register(world.app, { email: 'Sam@two.test' });
    await register(world.app, { email: '--@three.test' });
    expect((await userRow('sam@one.test'))?.login).toBe('sam');
    expect((await userRow('sam@two.test'))?.login).toBe('sam-2');
    expect((await userRow('--@three.test'))?.login).toBe('reader');
  });

  it('refuses to sign in before the address is confirmed, and mails a new link (at most one an hour)', async () => {
    await register(world.app, { email: 'early@example.test' });
    await mailTo(world, 'early@example.test', 'Confirm');
    world.smtp.clear();

    const { response, jar } = await accountSignIn(world.app, 'early@example.test', GOOD_PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(parseHtml(response.body)('main').text()).toContain('Confirm your e-mail address first');
    expect(jar.get('quire_session')).toBeUndefined();
    expect(await mailsTo(world, 'early@example.test')).toEqual([]); // one an hour: the registration's was this hour's

    world.clock.advance(60 * 60_000);
    await accountSignIn(world.app, 'early@example.test', GOOD_PASSWORD);
    const mail = await mailTo(world, 'early@example.test', 'Confirm your e-mail address');
    await pressLinkButton(world.app, linkIn(mail, '/account/verify/'));
    expect((await accountSignIn(world.app, 'early@example.test', GOOD_PASSWORD)).response.statusCode).toBe(303);
  });

  it('answers the same for an address that has an account, and warns its owner by mail instead', async () => {
    await register(world.app, { email: 'owner@example.test', display_name: 'Owner' });
    await mailTo(world, 'owner@example.test', 'Confirm');
    world.smtp.clear();

    const fresh = await register(world.app, { email: 'fresh@example.test', display_name: 'Someone' });
    const taken = await register(world.app, { email: 'owner@example.test', display_name: 'Someone' });
    expect(taken.statusCode).toBe(fresh.statusCode);
    const mainOf = (body: string, email: string) => (parseHtml(body)('main').html() ?? '').split(email).join('ADDRESS');
    expect(mainOf(taken.body, 'owner@example.test')).toBe(mainOf(fresh.body, 'fresh@example.test'));
    expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(fresh.headers).sort());

    const warning = await mailTo(world, 'owner@example.test', 'Someone tried to register with your address');
    expect(warning.text).toContain('already has an account');
    expect(warning.links).toEqual(['http://blog.test/account/login', 'http://blog.test/account/password/forgot']);
    const ownerMails = await mailsTo(world, 'owner@example.test');
    expect(ownerMails.map((m) => m.subject)).toEqual([`[${SITE_TITLE}] Someone tried to register with your address`]);
    expect((await userRow('owner@example.test'))?.displayName).toBe('Owner'); // nothing of the second try was kept
    expect((await mailsTo(world, 'fresh@example.test')).map((m) => m.subject)).toEqual([`[${SITE_TITLE}] Confirm your e-mail address`]);
  });

  const longPassword = 'a long and unremarkable sentence '.repeat(8).slice(0, 257);
  it.each([
    ['too short', 'seven!!', 'Use at least 8 characters.'],
    ['too long', longPassword, 'Use at most 256 characters.'],
    ['common', 'password123', 'one of the most common passwords'],
    ['common, whatever its case', 'Qwerty123', 'one of the most common passwords'],
    ['the e-mail address', 'Weak.Choice@example.test', 'must not be your e-mail address'],
    ['the local part of the address', 'weak.choice', 'must not be your e-mail address'],
  ])('refuses a password that is %s, says why, and keeps what was typed (never the password)', async (_what, password, reason) => {
    const response = await register(world.app, { email: 'weak.choice@example.test', display_name: 'Weak Choice', password });
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('#field-password-error').text()).toContain(reason);
    expect($('input[name="email"]').val()).toBe('weak.choice@example.test');
    expect($('input[name="display_name"]').val()).toBe('Weak Choice');
    expect($('input[name="password"]').val()).toBe('');
    // The address typed is shown again (it may contain the password refused for being part of it); nothing else does.
    expect(response.body.split('weak.choice@example.test').join('')).not.toContain(password);
    expect(await userRow('weak.choice@example.test')).toBeUndefined();
    expect(await mailsTo(world, 'weak.choice@example.test')).toEqual([]);
  });

  it('refuses a bad address and display name together, naming each', async () => {
    const response = await register(world.app, { email: 'not an address', display_name: 'x'.repeat(101) });
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('#field-email-error').text()).toContain('valid e-mail address');
    expect($('#field-display_name-error').text()).toContain('1–100 characters');
    expect($('.form-errors li')).toHaveLength(2);
  });

  it('refuses the forms without their CSRF token (403), and changes nothing', async () => {
    const jar = new CookieJar();
    await get(world.app, '/account/register', jar);
    const response = await postForm(world.app, '/account/register', { email: 'forged@example.test', display_name: 'F', password: GOOD_PASSWORD }, jar);
    expect(response.statusCode).toBe(403);
    expect(await userRow('forged@example.test')).toBeUndefined();

    await register(world.app, { email: 'button@example.test' });
    const path = linkIn(await mailTo(world, 'button@example.test', 'Confirm'), '/account/verify/');
    expect((await postForm(world.app, path, {}, jar)).statusCode).toBe(403);
    expect((await userRow('button@example.test'))?.emailVerifiedAt).toBeNull();
  });

  it('leads to the page that says a made-up confirmation link is not valid', async () => {
    const response = await get(world.app, '/account/verify/made-up-token-made-up-token');
    expect(response.statusCode).toBe(404);
    expect(parseHtml(response.body)('main [role="alert"] h1').text()).toBe('This link is no longer valid');
  });
});

describe('no account is half-made when its mail cannot be sent', () => {
  it('stores neither the account nor its identity when its confirmation mail cannot be queued', async () => {
    const world = await startAccountWorld();
    try {
      const { db } = world.app;
      if (testDialect === 'postgres') {
        await sql`CREATE FUNCTION refuse_account_mail() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.kind = 'accounts.verify-mail' THEN RAISE EXCEPTION 'mail queue unavailable'; END IF; RETURN NEW; END $$`.execute(db.kysely);
        await sql`CREATE TRIGGER refuse_account_mail BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION refuse_account_mail()`.execute(db.kysely);
      } else {
        await sql`CREATE TRIGGER refuse_account_mail BEFORE INSERT ON jobs WHEN NEW.kind = 'accounts.verify-mail'
          BEGIN SELECT RAISE(ABORT, 'mail queue unavailable'); END`.execute(db.kysely);
      }
      const failed = await register(world.app, { email: 'atomic@example.test' });
      expect(failed.statusCode).toBe(500);
      expectNoInternals(failed.body);
      const count = async (table: 'users' | 'identities' | 'oneTimeTokens' | 'jobs') =>
        Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
      expect([await count('users'), await count('identities'), await count('oneTimeTokens'), await count('jobs')]).toEqual([0, 0, 0, 0]);

      await sql`DROP TRIGGER refuse_account_mail${sql.raw(testDialect === 'postgres' ? ' ON jobs' : '')}`.execute(db.kysely);
      // Nothing was left behind: the address is still free, and registering it now works from start to end.
      expect((await register(world.app, { email: 'atomic@example.test' })).statusCode).toBe(200);
      await mailTo(world, 'atomic@example.test', 'Confirm your e-mail address');
    } finally {
      await world.close();
    }
  });

  it('keeps the whole account, and its mail queued for a retry, while the mail server is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const app = await createTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${port}` } });
    try {
      expect((await register(app, { email: 'patient@example.test' })).statusCode).toBe(200);
      await drain(app);
      const user = await app.db.kysely.selectFrom('users').selectAll().where('email', '=', 'patient@example.test').executeTakeFirstOrThrow();
      const identities = await app.db.kysely.selectFrom('identities').selectAll().where('userId', '=', user.id).execute();
      expect(identities.map((i) => i.provider)).toEqual(['site']);
      const job = await app.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'accounts.verify-mail').executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'queued', attempts: 1 });
      expect(job.lastError).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});
