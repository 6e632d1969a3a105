// /wp/v2/users through real HTTP: anyone sees the public fields of authors of published posts; users/me is the caller
// (401 anonymous); list_users holders see everyone and the edit context; only administrators create, change roles
// and delete (with reassign and force=true).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildPost } from '../support/factories.js';
import { type ApiUser, apiUser, rest } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let admin: ApiUser;
let editor: ApiUser;
let writer: User;
let quiet: User;

beforeAll(async () => {
  app = await createTestApp();
  admin = await apiUser(app, 'administrator');
  editor = await apiUser(app, 'editor');
  writer = await buildAuthor(app, { displayName: 'Wendy Writer', bio: 'Writes things.' });
  quiet = await buildAuthor(app, { displayName: 'Quentin Quiet' });
  await buildPost(app, { author: writer });
  await buildPost(app, { author: quiet, status: 'draft' });
  await app.services.users.updateProfile(writer.id, { url: 'https://wendy.example/' });
});
afterAll(async () => app.close());

const ids = (response: { json: <T>() => T }) => response.json<Item[]>().map((u) => u.id);

describe('reading people', () => {
  it('shows anonymous callers only the authors of published posts, with public fields only', async () => {
    const response = await rest(app, 'GET', '/wp-json/wp/v2/users');
    expect(ids(response)).toEqual([writer.id]);
    const [shown] = response.json<Item[]>();
    expect(shown).toEqual({
      id: writer.id, name: 'Wendy Writer', url: 'https://wendy.example/', description: 'Writes things.',
      link: `http://blog.test/author/${writer.login}/`, slug: writer.login, meta: [],
      _links: {
        self: [{ href: `http://blog.test/wp-json/wp/v2/users/${writer.id}` }], collection: [{ href: 'http://blog.test/wp-json/wp/v2/users' }],
        curies: [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }],
      },
    });
    expect(response.headers['x-wp-total']).toBe('1');
    expect((await rest(app, 'GET', `/wp-json/wp/v2/users/${quiet.id}`)).json()).toEqual({ code: 'rest_user_cannot_view', message: 'Sorry, you are not allowed to list users.', data: { status: 401 } });
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/999999')).json()).toEqual({ code: 'rest_user_invalid_id', message: 'Invalid user ID.', data: { status: 404 } });
  });

  it('does not let anonymous callers search addresses, filter by role or see the edit context', async () => {
    expect(ids(await rest(app, 'GET', `/wp-json/wp/v2/users?search=${encodeURIComponent(writer.email)}`))).toEqual([]);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users?roles=author')).json<Item>().code).toBe('rest_user_cannot_view');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users?context=edit')).json<Item>().code).toBe('rest_forbidden_context');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users?orderby=email', { auth: editor.auth })).json<Item>().code).toBe('rest_forbidden_orderby');
  });

  it('answers users/me with the caller, and 401 rest_not_logged_in to anonymous callers', async () => {
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me')).json()).toEqual({ code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 401 } });
    const me = await rest(app, 'GET', '/wp-json/wp/v2/users/me?context=edit', { auth: editor.auth });
    expect(me.json()).toMatchObject({ id: editor.user.id, username: editor.user.login, email: editor.user.email, roles: ['editor'] });
    expect((me.json<{ capabilities: Record<string, boolean> }>()).capabilities).toMatchObject({ moderate_comments: true, editor: true });
    expect((me.json<{ capabilities: Record<string, boolean> }>()).capabilities).not.toHaveProperty('list_users');
  });

  it('lists everyone to administrators, with e-mail addresses and roles in the edit context', async () => {
    const response = await rest(app, 'GET', '/wp-json/wp/v2/users?context=edit&roles=author&orderby=id', { auth: admin.auth });
    expect(ids(response)).toEqual([writer.id, quiet.id]);
    expect(response.json<Item[]>()[1]).toMatchObject({ email: quiet.email, roles: ['author'], registered_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/) });
    expect(ids(await rest(app, 'GET', `/wp-json/wp/v2/users?search=${encodeURIComponent(quiet.email)}`, { auth: admin.auth }))).toEqual([quiet.id]);
    expect((await rest(app, 'GET', `/wp-json/wp/v2/users/${quiet.id}`, { auth: admin.auth })).statusCode).toBe(200);
  });
});

describe('managing people', () => {
  it('creates a person as an administrator (201), refusing everyone else and bad or taken details', async () => {
    const payload = { username: 'newbie', email: 'newbie@example.com', password: 'a long enough password', name: 'New Bie', roles: ['contributor'] };
    expect((await rest(app, 'POST', '/wp-json/wp/v2/users', { payload })).json<Item>().code).toBe('rest_cannot_create_user');
    expect((await rest(app, 'POST', '/wp-json/wp/v2/users', { auth: editor.auth, payload })).statusCode).toBe(403);
    const created = await rest(app, 'POST', '/wp-json/wp/v2/users', { auth: admin.auth, payload });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'newbie', name: 'New Bie', email: 'newbie@example.com', roles: ['contributor'] });
    expect(created.json()).not.toHaveProperty('password');
    const again = await rest(app, 'POST', '/wp-json/wp/v2/users', { auth: admin.auth, payload: { ...payload, email: 'other@example.com' } });
    expect(again.json<Item>().code).toBe('existing_user_login');
    const cases: Array<[Item, string]> = [
      [{ email: 'x@example.com', password: 'long enough password' }, 'rest_missing_callback_param'],
      [{ username: 'bad email', email: 'nope', password: 'long enough password' }, 'rest_invalid_param'],
      [{ username: 'shorty', email: 'shorty@example.com', password: 'short' }, 'rest_invalid_param'],
      [{ username: 'king', email: 'king@example.com', password: 'long enough password', roles: ['emperor'] }, 'rest_invalid_param'],
      [{ username: '<script>', email: 'xss@example.com', password: 'long enough password' }, 'rest_invalid_param'],
    ];
    for (const [body, code] of cases) {
      const response = await rest(app, 'POST', '/wp-json/wp/v2/users', { auth: admin.auth, payload: body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<Item>().code, JSON.stringify(body)).toBe(code);
    }
  });

  it('lets people change their own profile but not their role; administrators change roles', async () => {
    const own = await rest(app, 'POST', '/wp-json/wp/v2/users/me', { auth: editor.auth, payload: { name: 'Edie Tor', description: 'Edits.' } });
    expect(own.json()).toMatchObject({ name: 'Edie Tor', description: 'Edits.' });
    const promote = await rest(app, 'POST', '/wp-json/wp/v2/users/me', { auth: editor.auth, payload: { roles: ['administrator'] } });
    expect(promote.json<Item>().code).toBe('rest_cannot_edit_roles');
    expect((await rest(app, 'POST', `/wp-json/wp/v2/users/${quiet.id}`, { auth: editor.auth, payload: { name: 'Hacked' } })).json<Item>().code).toBe('rest_cannot_edit');
    const changed = await rest(app, 'PUT', `/wp-json/wp/v2/users/${quiet.id}`, { auth: admin.auth, payload: { roles: ['editor'], url: 'javascript:alert(1)' } });
    expect(changed.statusCode).toBe(400);
    expect((await app.services.users.findById(quiet.id))?.role).toBe('author');
    const promoted = await rest(app, 'PUT', `/wp-json/wp/v2/users/${quiet.id}`, { auth: admin.auth, payload: { roles: ['editor'] } });
    expect(promoted.json()).toMatchObject({ roles: ['editor'] });
  });

  it('deletes only with force=true and a reassign target, moving the person’s posts to them', async () => {
    const leaving = await buildAuthor(app);
    const theirs = await buildPost(app, { author: leaving });
    const url = `/wp-json/wp/v2/users/${leaving.id}`;
    expect((await rest(app, 'DELETE', `${url}?force=true&reassign=${writer.id}`, { auth: editor.auth })).statusCode).toBe(403);
    expect((await rest(app, 'DELETE', `${url}?reassign=${writer.id}`, { auth: admin.auth })).statusCode).toBe(501);
    expect((await rest(app, 'DELETE', `${url}?force=true`, { auth: admin.auth })).json<Item>().code).toBe('rest_missing_callback_param');
    expect((await rest(app, 'DELETE', `${url}?force=true&reassign=999999`, { auth: admin.auth })).json<Item>().code).toBe('rest_user_invalid_reassign');
    const deleted = await rest(app, 'DELETE', `${url}?force=true&reassign=${writer.id}`, { auth: admin.auth });
    expect(deleted.json()).toMatchObject({ deleted: true, previous: { id: leaving.id } });
    expect(await app.services.users.findById(leaving.id)).toBeUndefined();
    expect((await app.services.posts.findById(theirs.id))?.authorId).toBe(writer.id);
  });
});
