// /admin/profile for every signed-in person: name, e-mail (a new address is mailed a confirmation link, read from a
// real SMTP server), website and biography; a new password (the current one asked, other sessions end); and the
// Application Passwords section: made and shown once in groups of four, listed without it, revoked, also by an
// administrator from the account's edit page. Stand-ins: time (a clock the test moves).
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { type AccountWorld, linkIn, mailTo, startAccountWorld } from '../account/account-helpers.js';
import { parseHtml } from '../support/html.js';
import { textsOf } from '../support/pages.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('the Profile screen', () => {
  let world: AccountWorld;
  const app = () => world.app;

  beforeAll(async () => {
    world = await startAccountWorld();
  });
  afterEach(() => world.smtp.clear());
  afterAll(() => world.close());

  async function person(role: 'subscriber' | 'author' | 'administrator' = 'author'): Promise<{ user: User; jar: CookieJar }> {
    const user = await createStaff(app(), role);
    return { user, jar: await signIn(app(), user.email, STAFF_PASSWORD) };
  }

  async function submit(jar: CookieJar, action: string, fields: Record<string, string>, page = '/admin/profile') {
    const { csrf } = await openForm(app(), page, jar);
    return postForm(app(), action, { _csrf: csrf, ...fields }, jar);
  }

  it('shows a subscriber their profile form with every field labelled', async () => {
    const { user, jar } = await person('subscriber');
    const response = await get(app(), '/admin/profile', jar);
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('#field-displayName').val()).toBe(user.displayName);
    expect($('#field-email').val()).toBe(user.email);
    for (const id of ['displayName', 'email', 'url', 'bio', 'currentPassword', 'newPassword', 'appPasswordName']) {
      expect($(`label[for="field-${id}"]`).length, id).toBe(1);
    }
    expect($('#field-role').length).toBe(0);
  });

  it('updates name, website and biography', async () => {
    const { user, jar } = await person();
    const response = await submit(jar, '/admin/profile', { displayName: 'Joiner Jo', email: user.email, url: 'https://jo.example/', bio: 'Hand tools only.' });
    expect(response.headers.location).toBe('/admin/profile?done=updated');
    expect(await app().services.users.findProfile(user.id)).toMatchObject({ displayName: 'Joiner Jo', url: 'https://jo.example/', bio: 'Hand tools only.' });
  });

  it('mails a confirmation link to a new e-mail address, which confirms it', async () => {
    const { user, jar } = await person();
    const response = await submit(jar, '/admin/profile', { displayName: user.displayName, email: 'moved@example.test', url: '', bio: '' });
    expect(response.headers.location).toBe('/admin/profile?done=email-sent');
    expect(await app().services.users.findProfile(user.id)).toMatchObject({ email: 'moved@example.test', emailVerifiedAt: null });
    const mail = await mailTo(world, 'moved@example.test', 'Confirm your e-mail address');
    const link = linkIn(mail, '/account/verify/');
    const { csrf } = await openForm(app(), link, jar);
    await postForm(app(), link.replace(/\?.*$/, ''), { _csrf: csrf }, jar);
    expect((await app().services.users.findById(user.id))?.emailVerifiedAt).not.toBeNull();
  });

  it.each([
    ['an empty display name', { displayName: '' }, 'displayName', 400],
    ['a bad e-mail', { email: 'nope' }, 'email', 400],
    ['a taken e-mail', { email: 'taken@example.test' }, 'email', 409],
    ['a javascript: website', { url: 'javascript:alert(1)' }, 'url', 400],
    ['an oversized biography', { bio: 'x'.repeat(2001) }, 'bio', 400],
  ])('refuses %s with the error beside the field, and changes nothing', async (_name, change, field, status) => {
    await app().services.users.findByEmail('taken@example.test') ?? await createStaff(app(), 'subscriber', { email: 'taken@example.test' });
    const { user, jar } = await person();
    const response = await submit(jar, '/admin/profile', { displayName: 'Changed', email: user.email, url: '', bio: '', ...change });
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect($(`#field-${field}-error`).text()).not.toBe('');
    expect($(`#field-${field}`).attr('aria-invalid')).toBe('true');
    expect((await app().services.users.findById(user.id))?.displayName).toBe(user.displayName);
  });

  it('escapes a hostile display name in the menu bar and the form', async () => {
    const { user, jar } = await person();
    const hostile = '<script>alert(1)</script>';
    await submit(jar, '/admin/profile', { displayName: hostile, email: user.email, url: '', bio: '' });
    const response = await get(app(), '/admin/profile', jar);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(parseHtml(response.body)('.admin-user').text()).toBe(hostile);
  });

  it('refuses a profile POST without the CSRF token (403) and changes nothing', async () => {
    const { user, jar } = await person();
    const response = await postForm(app(), '/admin/profile', { displayName: 'No Token', email: user.email }, jar);
    expect(response.statusCode).toBe(403);
    expect((await app().services.users.findById(user.id))?.displayName).toBe(user.displayName);
  });

  it('changes the password only with the current one, and ends the other sessions but not this one', async () => {
    const { user, jar } = await person();
    const other = await signIn(app(), user.email, STAFF_PASSWORD);
    const wrong = await submit(jar, '/admin/profile/password', { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(parseHtml(wrong.body)('#field-currentPassword-error').text()).toBe('This is not your current password.');
    expect(wrong.body).not.toContain('a brand new passphrase');
    const weak = await submit(jar, '/admin/profile/password', { currentPassword: STAFF_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(parseHtml(weak.body)('#field-newPassword-error').text()).not.toBe('');
    const done = await submit(jar, '/admin/profile/password', { currentPassword: STAFF_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(done.headers.location).toBe('/admin/profile?done=password');
    expect((await get(app(), '/admin/profile', jar)).statusCode).toBe(200);
    expect((await get(app(), '/admin/profile', other)).statusCode).toBe(303);
    await signIn(app(), user.email, 'a brand new passphrase');
  });

  it('rate-limits guesses of the current password as sign-ins are (429), and changes nothing', async () => {
    const { user, jar } = await person();
    const guess = () => submit(jar, '/admin/profile/password', { currentPassword: 'a wrong guess', newPassword: 'a brand new passphrase' });
    for (let i = 0; i < 5; i++) expect((await guess()).statusCode).toBe(400);
    const limited = await guess();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    await signIn(app(), user.email, STAFF_PASSWORD, { remoteAddress: '192.0.2.99' });
  });

  it('makes an application password, shows it once in groups of four, lists it without it, and revokes it', async () => {
    const { user, jar } = await person();
    const made = await submit(jar, '/admin/profile/app-passwords', { appPasswordName: 'Phone app' });
    expect(made.statusCode).toBe(200);
    const shown = parseHtml(made.body)('.app-password-value').text();
    expect(shown).toMatch(/^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$/);
    const check = await app().services.appPasswords.verify(user.login, shown);
    expect(check.ok).toBe(true);
    const $ = parseHtml((await get(app(), '/admin/profile', jar)).body);
    expect(textsOf($, '.app-passwords-table tbody th')).toEqual(['Phone app']);
    expect($.html()).not.toContain(shown);
    // Used once (the check above): its last use is shown, as a date.
    expect($('.app-passwords-table td').eq(1).text()).toMatch(/2026/);
    const revoke = $('.app-passwords-table form').attr('action') ?? '';
    const revoked = await submit(jar, revoke, {});
    expect(revoked.headers.location).toBe('/admin/profile?done=revoked#application-passwords');
    expect(await app().services.appPasswords.listForUser(user.id)).toEqual([]);
    expect((await app().services.appPasswords.verify(user.login, shown)).ok).toBe(false);
  });

  it('refuses an empty or taken application password name beside the field, and revokes all at once', async () => {
    const { user, jar } = await person();
    const empty = await submit(jar, '/admin/profile/app-passwords', { appPasswordName: '' });
    expect(empty.statusCode).toBe(400);
    expect(parseHtml(empty.body)('#field-appPasswordName-error').text()).not.toBe('');
    const huge = await submit(jar, '/admin/profile/app-passwords', { appPasswordName: 'x'.repeat(101) });
    expect(huge.statusCode).toBe(400);
    const hostile = await submit(jar, '/admin/profile/app-passwords', { appPasswordName: '<b onmouseover=alert(1)>Laptop</b>' });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<b onmouseover');
    await submit(jar, '/admin/profile/app-passwords/revoke-all', {});
    await submit(jar, '/admin/profile/app-passwords', { appPasswordName: 'Laptop' });
    const twice = await submit(jar, '/admin/profile/app-passwords', { appPasswordName: 'Laptop' });
    expect(twice.statusCode).toBe(409);
    await submit(jar, '/admin/profile/app-passwords', { appPasswordName: 'Tablet' });
    expect(await app().services.appPasswords.listForUser(user.id)).toHaveLength(2);
    expect((await submit(jar, '/admin/profile/app-passwords/revoke-all', {})).statusCode).toBe(303);
    expect(await app().services.appPasswords.listForUser(user.id)).toEqual([]);
  });

  it('lets an administrator manage another account’s application passwords from its edit page, and no one else', async () => {
    const { jar: admin } = await person('administrator');
    const { user: owner, jar: ownerJar } = await person('author');
    const page = `/admin/users/${owner.id}`;
    const made = await submit(admin, `${page}/app-passwords`, { appPasswordName: 'Made by the admin' }, page);
    expect(made.statusCode).toBe(200);
    expect(textsOf(parseHtml(made.body), '.app-passwords-table tbody th')).toEqual(['Made by the admin']);
    const { csrf } = await openForm(app(), '/admin/profile', ownerJar);
    const byOwner = await postForm(app(), `${page}/app-passwords/revoke-all`, { _csrf: csrf }, ownerJar);
    expect(byOwner.statusCode).toBe(403);
    expect(await app().services.appPasswords.listForUser(owner.id)).toHaveLength(1);
    expect((await submit(admin, `${page}/app-passwords/revoke-all`, {}, page)).headers.location).toBe(`${page}?done=revoked-all#application-passwords`);
    expect(await app().services.appPasswords.listForUser(owner.id)).toEqual([]);
  });

  it('sets the profile picture to one of your own images, never someone else’s, and back to none', async () => {
    const { user, jar } = await person('author');
    const { user: stranger } = await person('author');
    const png = await sharp({ create: { width: 120, height: 120, channels: 3, background: '#884422' } }).png().toBuffer();
    const mine = await app().services.media.upload({ content: png, originalName: 'me.png' }, user);
    const theirs = await app().services.media.upload({ content: png, originalName: 'them.png' }, stranger);
    const options = parseHtml((await get(app(), '/admin/profile', jar)).body)('#field-avatar option').map((_, o) => String(o.attribs.value)).get();
    expect(options).toEqual(['', String(mine.id)]);
    const refused = await submit(jar, '/admin/profile/avatar', { avatar: String(theirs.id) });
    expect(refused.statusCode).toBe(400);
    expect(parseHtml(refused.body)('#field-avatar-error').text()).not.toBe('');
    expect((await app().services.users.findProfile(user.id))?.avatarMediaId).toBeNull();
    expect((await submit(jar, '/admin/profile/avatar', { avatar: String(mine.id) })).headers.location).toBe('/admin/profile?done=avatar');
    expect((await app().services.users.findProfile(user.id))?.avatarMediaId).toBe(mine.id);
    expect(parseHtml((await get(app(), '/admin/profile', jar)).body)('img.profile-avatar').attr('src')).toMatch(/^\/uploads\//);
    await submit(jar, '/admin/profile/avatar', { avatar: '' });
    expect((await app().services.users.findProfile(user.id))?.avatarMediaId).toBeNull();
  });
});
