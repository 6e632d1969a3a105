// The first-run setup link: a CSRF-protected form that creates the first administrator, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Page, parseHtml } from '../support/html.js';
import { expectThemedErrorPage } from '../support/pages.js';

interface FormVisit {
  /** The `name=value` pairs to send back as the Cookie header. */
  readonly cookie: string;
  readonly csrf: string;
  readonly $: Page;
}

const VALID = { displayName: 'Ada Admin', login: 'ada', email: 'ada@example.test', password: 'a long passphrase' };

describe('the setup link', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp();
    token = (await app.services.setup.issueLinkIfNeeded()) ?? '';
  });
  afterAll(async () => app.close());

  async function openForm(): Promise<FormVisit> {
    const response = await app.server.inject(`/setup/${token}`);
    expect(response.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const $ = parseHtml(response.body);
    return { cookie, csrf: $('input[name="_csrf"]').val() as string, $ };
  }

  function post(fields: Record<string, string>, cookie?: string) {
    return app.server.inject({
      method: 'POST',
      url: `/setup/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  it('is issued while the site has no administrator', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('shows a labelled form with a hidden _csrf field, and sets the CSRF cookie', async () => {
    const response = await app.server.inject(`/setup/${token}`);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['cache-control'])).toContain('no-store');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^quire_csrf=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const $ = parseHtml(response.body);
    expect($('h1').text()).toBe('Welcome to Quire');
    const form = $(`form[method="post"][action="/setup/${token}"]`);
    expect(form.length).toBe(1);
    expect(form.find('input[type="hidden"][name="_csrf"]').val()).toBeTruthy();
    for (const name of ['displayName', 'login', 'email', 'password']) {
      const input = form.find(`input[name="${name}"]`);
      expect(input.length, name).toBe(1);
      const id = input.attr('id') ?? '';
      expect(form.find(`label[for="${id}"]`).text().trim(), name).not.toBe('');
    }
    expect(form.find('input[name="password"]').attr('type')).toBe('password');
    expect(form.find('input[name="email"]').attr('type')).toBe('email');
  });

  it('refuses a post without the CSRF cookie or field with 403, creating nobody', async () => {
    const { cookie, csrf } = await openForm();
    const cases = [
      { what: 'no cookie, no field', response: await post(VALID) },
      { what: 'field without cookie', response: await post({ ...VALID, _csrf: csrf }) },
      { what: 'cookie without field', response: await post(VALID, cookie) },
      { what: 'cookie with a wrong field', response: await post({ ...VALID, _csrf: `${csrf.slice(0, -2)}xx` }, cookie) },
    ];
    for (const { what, response } of cases) {
      expect(response.statusCode, what).toBe(403);
      const $ = parseHtml(response.body);
      expect($('main h1').text(), what).toBe('Not allowed');
      expect($('main .error-page').text(), what).toContain('Reload the page and try again.');
    }
    expect(await app.services.users.hasAdministrator()).toBe(false);
    expect(await app.services.users.isEmpty()).toBe(true);
  });

  it('re-renders the form with 400 and a message by each missing field, keeping typed values but not the password', async () => {
    const { cookie, csrf } = await openForm();
    const response = await post({ _csrf: csrf, displayName: 'Ada Admin', login: '', email: 'ada@example.test', password: 'secret-typed' }, cookie);
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('form input[name="displayName"]').val()).toBe('Ada Admin');
    expect($('form input[name="email"]').val()).toBe('ada@example.test');
    expect($('form input[name="password"]').val()).toBe('');
    expect(response.body).not.toContain('secret-typed');
    const login = $('#field-login');
    expect(login.attr('aria-invalid')).toBe('true');
    expect(login.closest('.field').find('.error').text()).toBe('This field is required.');
    expect(login.attr('aria-describedby')).toContain('field-login-error');
    expect($('#field-displayName').attr('aria-invalid')).toBeUndefined();
    expect($('.form-errors[role="alert"] a').attr('href')).toBe('#field-login');
    expect(await app.services.users.isEmpty()).toBe(true);
  });

  it('answers an invalid e-mail address with 400 and the message by the field', async () => {
    const { cookie, csrf } = await openForm();
    const response = await post({ ...VALID, email: 'not-an-address', _csrf: csrf }, cookie);
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('#field-email').closest('.field').find('.error').text()).toContain('Enter a valid e-mail address');
    expect($('#field-email').val()).toBe('not-an-address');
    expect(await app.services.users.isEmpty()).toBe(true);
  });

  it('answers a too-short password and control characters with 400, never 500', async () => {
    const { cookie, csrf } = await openForm();
    const short = await post({ ...VALID, password: 'short', _csrf: csrf }, cookie);
    expect(short.statusCode).toBe(400);
    expect(parseHtml(short.body)('#field-password').closest('.field').find('.error').text()).toContain('8 to 256 characters');
    const nul = await post({ ...VALID, displayName: 'Ada\u0000Admin', email: 'a\u0000b@example.test', _csrf: csrf }, cookie);
    expect(nul.statusCode).toBe(400);
    expect(parseHtml(nul.body)('#field-displayName').attr('aria-invalid')).toBe('true');
    expect(parseHtml(nul.body)('#field-email').attr('aria-invalid')).toBe('true');
    expect(await app.services.users.isEmpty()).toBe(true);
  });

  it('refuses a body over 1 MB with a 413 page', async () => {
    const { cookie, csrf } = await openForm();
    const response = await post({ ...VALID, displayName: 'x'.repeat(1024 * 1024 + 1), _csrf: csrf }, cookie);
    expect(response.statusCode).toBe(413);
    expect(parseHtml(response.body)('main h1').text()).toBe('That is too large');
    expect(await app.services.users.isEmpty()).toBe(true);
  });

  it('answers a made-up token with the 404 page', async () => {
    for (const made of ['made-up-token', 'A'.repeat(43)]) {
      const response = await app.server.inject(`/setup/${made}`);
      expect(response.statusCode).toBe(404);
      expectThemedErrorPage({ status: 404, headers: response.headers, body: response.body, $: parseHtml(response.body) }, 'Quire');
    }
  });

  it('creates the administrator, then the link stops working and no new one is issued', async () => {
    const { cookie, csrf } = await openForm();
    const response = await post({ ...VALID, _csrf: csrf }, cookie);
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('main h1').text()).toBe('Your site is ready');
    expect(await app.services.users.hasAdministrator()).toBe(true);
    const admin = await app.services.users.findByLogin('ada');
    expect(admin).toMatchObject({ role: 'administrator', email: 'ada@example.test', displayName: 'Ada Admin' });

    const again = await app.server.inject(`/setup/${token}`);
    expect(again.statusCode).toBe(404);
    const page = parseHtml(again.body);
    expect(page('main .error-page').text()).toContain('This setup link has expired or was already used.');
    expect(page('main .error-page').text()).toContain('npx quire user add');

    const replay = await post({ ...VALID, login: 'eve', email: 'eve@example.test', _csrf: csrf }, cookie);
    expect(replay.statusCode).toBe(404);
    expect(await app.services.users.findByLogin('eve')).toBeUndefined();
    expect(await app.services.setup.issueLinkIfNeeded()).toBeUndefined();
  });
});
