// /wp/v2/users/(me|ID)/application-passwords: a person manages their own application passwords over the API (the new
// password shown once, in groups of four, and working at once); administrators manage anyone's; nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type ApiUser, apiUser, basicAuth, rest } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let author: ApiUser;
let admin: ApiUser;
let other: ApiUser;

beforeAll(async () => {
  app = await createTestApp();
  author = await apiUser(app, 'author');
  admin = await apiUser(app, 'administrator');
  other = await apiUser(app, 'editor');
});
afterAll(async () => app.close());

describe('application passwords over the API', () => {
  it('creates one for the caller (201, the password once), lists it without the password, and it works at once', async () => {
    const created = await rest(app, 'POST', '/wp-json/wp/v2/users/me/application-passwords', { auth: author.auth, payload: { name: 'Phone app' } });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<Item>();
    expect(body).toMatchObject({ name: 'Phone app', app_id: '', last_used: null, last_ip: null, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(String(body.password)).toMatch(/^[A-Za-z0-9]{4}( [A-Za-z0-9]{4}){5}$/);

    const listed = await rest(app, 'GET', `/wp-json/wp/v2/users/${author.user.id}/application-passwords`, { auth: author.auth });
    expect(listed.json<Item[]>().map((item) => item.name)).toEqual(['Tests', 'Phone app']);
    expect(listed.body).not.toContain(String(body.password));
    expect(listed.body).not.toContain(String(body.password).replace(/ /g, ''));

    const me = await rest(app, 'GET', '/wp-json/wp/v2/users/me', { auth: basicAuth(author.user.login, String(body.password)) });
    expect(me.json<Item>().id).toBe(author.user.id);
    const one = await rest(app, 'GET', `/wp-json/wp/v2/users/me/application-passwords/${String(body.uuid)}`, { auth: author.auth });
    expect(one.json<Item>().last_used).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('refuses a missing, empty or duplicate name in WordPress’s words', async () => {
    const url = '/wp-json/wp/v2/users/me/application-passwords';
    expect((await rest(app, 'POST', url, { auth: author.auth, payload: {} })).json<Item>().code).toBe('rest_missing_callback_param');
    expect((await rest(app, 'POST', url, { auth: author.auth, payload: { name: ' ' } })).json<Item>().code).toBe('application_password_empty_name');
    const duplicate = await rest(app, 'POST', url, { auth: author.auth, payload: { name: 'Tests' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<Item>().code).toBe('application_password_duplicate_name');
  });

  it('lets nobody but the person and administrators see or change them', async () => {
    const url = `/wp-json/wp/v2/users/${author.user.id}/application-passwords`;
    expect((await rest(app, 'GET', url)).json<Item>()).toMatchObject({ code: 'rest_cannot_list_application_passwords', data: { status: 401 } });
    expect((await rest(app, 'GET', url, { auth: other.auth })).statusCode).toBe(403);
    expect((await rest(app, 'POST', url, { auth: other.auth, payload: { name: 'Backdoor' } })).json<Item>().code).toBe('rest_cannot_create_application_passwords');
    expect((await rest(app, 'DELETE', url, { auth: other.auth })).statusCode).toBe(403);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me/application-passwords')).json<Item>().code).toBe('rest_not_logged_in');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/999999/application-passwords', { auth: admin.auth })).json<Item>().code).toBe('rest_user_invalid_id');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/abc/application-passwords', { auth: admin.auth })).json<Item>().code).toBe('rest_no_route');
    expect((await rest(app, 'GET', url, { auth: admin.auth })).statusCode).toBe(200);
    expect((await app.services.appPasswords.listForUser(author.user.id)).map((p) => p.name)).not.toContain('Backdoor');
  });

  it('revokes one (then 404), and all at once', async () => {
    const made = (await rest(app, 'POST', '/wp-json/wp/v2/users/me/application-passwords', { auth: other.auth, payload: { name: 'Short-lived' } })).json<Item>();
    const url = `/wp-json/wp/v2/users/me/application-passwords/${String(made.uuid)}`;
    expect((await rest(app, 'DELETE', url, { auth: other.auth })).json()).toMatchObject({ deleted: true, previous: { name: 'Short-lived' } });
    expect((await rest(app, 'DELETE', url, { auth: other.auth })).json<Item>().code).toBe('rest_application_password_not_found');
    const all = await rest(app, 'DELETE', `/wp-json/wp/v2/users/${other.user.id}/application-passwords`, { auth: admin.auth });
    expect(all.json()).toEqual({ deleted: true, count: 1 });
    expect((await rest(app, 'GET', '/wp-json/wp/v2/users/me', { auth: other.auth })).json<Item>().code).toBe('incorrect_password');
  });
});
