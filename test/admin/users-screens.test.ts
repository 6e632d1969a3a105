// The Users screens for administrators: the list (role filters with counts, search, post counts), Add New User with a
// typed password or a mailed invitation (read from a real SMTP server), editing an account, changing roles (one and
// in bulk), and deleting with WordPress's choice of what becomes of the content. Bad input changes nothing.
// Stand-ins: time (a clock the test moves, from the account tests' world).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { type AccountWorld, linkIn, mailTo, startAccountWorld } from '../account/account-helpers.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { textsOf } from '../support/pages.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('the Users screens', () => {
  let world: AccountWorld;
  let admin: User;
  let jar: CookieJar;
  const app = () => world.app;

  beforeAll(async () => {
    world = await startAccountWorld();
    admin = await createStaff(world.app, 'administrator', { email: 'boss@example.test', displayName: 'The Boss' });
    jar = await signIn(world.app, 'boss@example.test', STAFF_PASSWORD);
  });
  afterEach(() => world.smtp.clear());
  afterAll(() => world.close());

  async function submit(page: string, fields: Record<string, string | string[]>, action = page) {
    const { csrf } = await openForm(app(), page, jar);
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return app().server.inject({
      method: 'POST', url: action, payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    });
  }

  const userCount = async () => Number((await app().db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('lists users with username, name, e-mail, role and post count, with role filters and their counts', async () => {
    const writer = await createStaff(app(), 'author', { displayName: 'Wren Writer' });
    await buildPost(app(), { author: writer });
    await buildPost(app(), { author: writer });
    const $ = parseHtml((await get(app(), '/admin/users', jar)).body);
    expect($('h1').first().text()).toContain('Users');
    const row = $(`#user-${writer.id}`);
    expect(row.find('.user-login').text()).toBe(writer.login);
    expect(row.find('.user-name').text()).toBe('Wren Writer');
    expect(row.find('.user-email').text()).toBe(writer.email);
    expect(row.find('.user-role').text()).toBe('Author');
    expect(row.find('.user-posts').text()).toBe('2');
    const filters = textsOf($, 'nav[aria-label="Users by role"] a');
    expect(filters).toContain(`All (${await userCount()})`);
    expect(filters).toContain('Author (1)');
    // Your own row cannot be ticked for a bulk role change.
    expect($(`#user-${admin.id} input[type="checkbox"]`).length).toBe(0);
  });

  it('filters by role and finds users by words in their name, login or e-mail', async () => {
    await createStaff(app(), 'editor', { displayName: 'Edna Quillfeather' });
    const editors = parseHtml((await get(app(), '/admin/users?role=editor', jar)).body);
    expect(textsOf(editors, '.user-role').every((r) => r === 'Editor')).toBe(true);
    expect(editors('nav[aria-label="Users by role"] a[aria-current="page"]').text()).toMatch(/^Editor \(\d+\)$/);
    const found = parseHtml((await get(app(), '/admin/users?s=quillfeather', jar)).body);
    expect(textsOf(found, '.user-name')).toEqual(['Edna Quillfeather']);
    expect(parseHtml((await get(app(), '/admin/users?s=100%25_', jar)).body)('.no-results').text()).toBe('No users found.');
    expect((await get(app(), '/admin/users?role=overlord', jar)).statusCode).toBe(404);
  });

  it('adds a user with a typed password, who can then sign in', async () => {
    const response = await submit('/admin/users/new', {
      email: 'Typed@Example.test', login: 'typed', displayName: 'Ty Ped', role: 'editor', setup: 'password', password: 'a fine long passphrase',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/users?done=created');
    const created = await app().services.users.findByEmail('typed@example.test');
    expect(created).toMatchObject({ login: 'typed', displayName: 'Ty Ped', role: 'editor' });
    await signIn(app(), 'typed@example.test', 'a fine long passphrase');
  });

  it('invites a user by mail: the one-time link lets them choose a password, and works only once', async () => {
    const response = await submit('/admin/users/new', { email: 'newbie@example.test', login: 'newbie', displayName: '', role: 'author', setup: 'invite', password: '' });
    expect(response.headers.location).toBe('/admin/users?done=invited');
    const mail = await mailTo(world, 'newbie@example.test', 'Your new account');
    expect(mail.text).toContain('Your username: newbie');
    const link = linkIn(mail, '/account/password/reset/');
    const visitor = new (jar.constructor as new () => CookieJar)();
    const { csrf } = await openForm(app(), link, visitor);
    expect((await postForm(app(), link, { _csrf: csrf, password: 'my own chosen passphrase' }, visitor)).statusCode).toBeLessThan(400);
    await signIn(app(), 'newbie@example.test', 'my own chosen passphrase');
    expect((await get(app(), link, visitor)).statusCode).toBe(404);
  });

  it.each([
    ['a bad e-mail', { email: 'not an address' }, 'email', 400],
    ['a taken e-mail', { email: 'boss@example.test' }, 'email', 409],
    ['a taken username', { login: 'typed' }, 'login', 409],
    ['an unknown role', { role: 'overlord' }, 'role', 400],
    ['an oversized display name', { displayName: 'x'.repeat(101) }, 'displayName', 400],
    ['a short password', { setup: 'password', password: 'short' }, 'password', 400],
    ['neither invitation nor password', { setup: 'carrier-pigeon' }, 'setup', 400],
  ])('refuses %s with the error beside the field, and adds nobody', async (_name, change, field, status) => {
    const before = await userCount();
    const fields = { email: 'fresh@example.test', login: 'fresh', displayName: 'Fresh', role: 'author', setup: 'invite', password: '', ...change };
    const response = await submit('/admin/users/new', fields);
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect($(`#field-${field}-error`).text()).not.toBe('');
    expect($(`#field-${field}`).attr('aria-describedby')).toContain(`field-${field}-error`);
    expect($('.form-errors a').length).toBeGreaterThan(0);
    expect(await userCount()).toBe(before);
  });

  it('names every problem of the form at once', async () => {
    const response = await submit('/admin/users/new', { email: 'nope', login: 'Bad Login!', displayName: '', role: 'overlord', setup: 'password', password: 'short' });
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    for (const field of ['email', 'login', 'role', 'password']) expect($(`#field-${field}-error`).text(), field).not.toBe('');
  });

  it('escapes a hostile display name everywhere it is shown', async () => {
    const hostile = '<img src=x onerror=alert(1)>"\'';
    const response = await submit('/admin/users/new', { email: 'xss@example.test', login: 'xss', displayName: hostile, role: 'subscriber', setup: 'invite', password: '' });
    expect(response.statusCode).toBe(303);
    const list = await get(app(), '/admin/users?s=xss', jar);
    expect(list.body).not.toContain('<img src=x');
    expect(parseHtml(list.body)('.user-name').text()).toBe(hostile);
  });

  it('refuses a POST without the CSRF token (403) and changes nothing', async () => {
    const before = await userCount();
    const response = await postForm(app(), '/admin/users/new', { email: 'csrf@example.test', login: 'csrf', role: 'author', setup: 'invite' }, jar);
    expect(response.statusCode).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it.each(['subscriber', 'author', 'editor'] as const)('refuses the users screens to a %s (403), and their POSTs change nothing', async (role) => {
    const person = await createStaff(app(), role);
    const theirs = await signIn(app(), person.email, STAFF_PASSWORD);
    expect((await get(app(), '/admin/users', theirs)).statusCode).toBe(403);
    const { csrf } = await openForm(app(), '/admin/profile', theirs);
    const before = await userCount();
    const added = await postForm(app(), '/admin/users/new', { _csrf: csrf, email: `by-${role}@example.test`, role: 'administrator', setup: 'invite' }, theirs);
    expect(added.statusCode).toBe(403);
    const promoted = await postForm(app(), '/admin/users/role', { _csrf: csrf, ids: String(person.id), role: 'administrator' }, theirs);
    expect(promoted.statusCode).toBe(403);
    expect((await app().services.users.findById(person.id))?.role).toBe(role);
    expect(await userCount()).toBe(before);
  });

  it('edits an account: display name, e-mail, role, website and biography', async () => {
    const person = await createStaff(app(), 'contributor');
    const response = await submit(`/admin/users/${person.id}`, {
      displayName: 'Renamed', email: 'renamed@example.test', role: 'author', url: 'https://renamed.example/', bio: 'Carves spoons.\nSharpens tools.',
    });
    expect(response.statusCode).toBe(303);
    expect(await app().services.users.findProfile(person.id)).toMatchObject({
      displayName: 'Renamed', email: 'renamed@example.test', role: 'author', url: 'https://renamed.example/', bio: 'Carves spoons.\nSharpens tools.',
    });
  });

  it('refuses a bad edit (taken e-mail, javascript: website) without changing the role or anything else', async () => {
    const person = await createStaff(app(), 'contributor');
    for (const bad of [{ email: 'boss@example.test' }, { url: 'javascript:alert(1)' }]) {
      const response = await submit(`/admin/users/${person.id}`, { displayName: 'Changed', email: person.email, role: 'editor', url: '', bio: '', ...bad });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(await app().services.users.findProfile(person.id)).toMatchObject({ displayName: person.displayName, role: 'contributor', url: '' });
    }
  });

  it('changes the role of the ticked users in bulk, never your own', async () => {
    const a = await createStaff(app(), 'subscriber');
    const b = await createStaff(app(), 'subscriber');
    const response = await submit('/admin/users', { role: 'author', ids: [String(a.id), String(b.id), String(admin.id)] }, '/admin/users/role');
    expect(response.headers.location).toBe('/admin/users?done=role&count=2');
    expect((await app().services.users.findById(a.id))?.role).toBe('author');
    expect((await app().services.users.findById(b.id))?.role).toBe('author');
    expect((await app().services.users.findById(admin.id))?.role).toBe('administrator');
    const $ = parseHtml((await get(app(), response.headers.location as string, jar)).body);
    expect($('.admin-notice').text()).toBe('Changed the role of 2 users.');
  });

  it.each([
    ['no role chosen', { role: '', ids: ['2'] }],
    ['no user ticked', { role: 'author' }],
    ['a hostile id', { role: 'author', ids: ['2 or 1=1'] }],
  ])('refuses a bulk role change with %s: the list again with the reason, nothing changed', async (_name, fields) => {
    const before = await app().db.kysely.selectFrom('users').select(['id', 'role']).orderBy('id').execute();
    const response = await submit('/admin/users', fields, '/admin/users/role');
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('.admin-users [role="alert"]').text()).not.toBe('');
    expect($('.users-table').length).toBe(1);
    expect(await app().db.kysely.selectFrom('users').select(['id', 'role']).orderBy('id').execute()).toEqual(before);
  });

  it('never demotes or deletes the last administrator', async () => {
    await expect(app().services.users.changeRole(admin.id, 'editor')).rejects.toMatchObject({ code: 'USER_LAST_ADMINISTRATOR' });
    const heir = await createStaff(app(), 'editor');
    await expect(app().services.users.remove(admin.id, { reassignTo: heir.id })).rejects.toMatchObject({ code: 'USER_LAST_ADMINISTRATOR' });
    // Two administrators racing to demote each other: one wins, the site keeps an administrator.
    const other = await createStaff(app(), 'administrator');
    const results = await Promise.allSettled([app().services.users.changeRole(admin.id, 'editor'), app().services.users.changeRole(other.id, 'editor')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await app().services.users.countByRole()).administrator).toBe(1);
    const winner = results[0]?.status === 'fulfilled' ? admin : other;
    await app().services.users.changeRole(winner.id, 'administrator');
    expect((await get(app(), `/admin/users/${admin.id}/delete`, jar)).statusCode).toBe(403);
  });

  it('deletes a user, attributing all their content to the chosen user', async () => {
    const leaving = await createStaff(app(), 'author');
    const heir = await createStaff(app(), 'editor');
    const post = await buildPost(app(), { author: leaving });
    const page = parseHtml((await get(app(), `/admin/users/${leaving.id}/delete`, jar)).body);
    expect(page('#field-reassign option').map((_, o) => page(o).val()).get()).not.toContain(String(leaving.id));
    const response = await submit(`/admin/users/${leaving.id}/delete`, { fate: 'reassign', reassign: String(heir.id) });
    expect(response.headers.location).toBe('/admin/users?done=deleted');
    expect(await app().services.users.findById(leaving.id)).toBeUndefined();
    expect((await app().services.posts.findById(post.id))?.authorId).toBe(heir.id);
  });

  it('deletes a user with all their content when asked to', async () => {
    const leaving = await createStaff(app(), 'author');
    const post = await buildPost(app(), { author: leaving });
    await submit(`/admin/users/${leaving.id}/delete`, { fate: 'delete', reassign: '' });
    expect(await app().services.users.findById(leaving.id)).toBeUndefined();
    expect(await app().services.posts.findById(post.id)).toBeUndefined();
  });

  it('refuses a deletion without a valid choice, and keeps the user', async () => {
    const staying = await createStaff(app(), 'author');
    for (const fields of [{ fate: '', reassign: '' }, { fate: 'reassign', reassign: String(staying.id) }, { fate: 'reassign', reassign: '999999' }]) {
      const response = await submit(`/admin/users/${staying.id}/delete`, fields);
      expect(response.statusCode).toBe(400);
      expect(parseHtml(response.body)('.form-errors').text()).not.toBe('');
    }
    expect(await app().services.users.findById(staying.id)).toBeDefined();
  });

  // Last: the clock jumps a week, past every session.
  it('lets an invitation expire after 7 days', async () => {
    await submit('/admin/users/new', { email: 'late@example.test', login: 'late', displayName: '', role: 'author', setup: 'invite', password: '' });
    const link = linkIn(await mailTo(world, 'late@example.test', 'Your new account'), '/account/password/reset/');
    world.clock.advance(7 * 24 * 60 * 60_000 + 60_000);
    expect((await get(app(), link)).statusCode).toBe(404);
  });
});
