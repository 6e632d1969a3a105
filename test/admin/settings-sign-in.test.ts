// Settings → Sign-in at /admin/settings/sign-in: an OpenID Connect provider set up in the admin signs readers in
// against a real local OpenID Provider (oidc-provider on 127.0.0.1); the client secret is write-only (never in a page,
// kept when left empty); providers of the server environment are read-only; each Test button reports what it found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';
import { type LocalOAuth2Server, startOAuth2Server } from '../support/oauth2-provider-servers.js';
import { type TestOidcProvider, startOidcProvider } from '../support/oidc-provider.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const PATH = '/admin/settings/sign-in';
const SITE = 'http://blog.test';
const SECRET = 'a-very-secret-admin-configured-value';
const CLIENT = { client_id: 'quire-admin-oidc', client_secret: SECRET, redirect_uris: [`${SITE}/auth/oidc/callback`] };

describe('Settings → Sign-in', () => {
  let app: TestApp;
  let op: TestOidcProvider;
  let github: LocalOAuth2Server;
  let admin: CookieJar;

  const send = async (fields: Readonly<Record<string, string>>, url = PATH, jar = admin) => {
    const { csrf } = await openForm(app, PATH, jar);
    return postForm(app, url, { _csrf: csrf, ...fields }, jar);
  };
  const oidcForm = (overrides: Readonly<Record<string, string>> = {}) => ({
    oidcEnabled: '1', oidcClientId: CLIENT.client_id, oidcClientSecret: SECRET, oidcIssuer: op.issuer, oidcName: 'Staff ID', ...overrides,
  });

  beforeAll(async () => {
    op = await startOidcProvider([CLIENT]);
    op.accounts.set('alice', { email: 'alice@example.test', email_verified: true, name: 'Alice Admin-Configured' });
    // GitHub comes from the server environment (a local stand-in of its OAuth 2 server): read-only on the screen.
    github = await startOAuth2Server('github', { publicUrl: SITE });
    app = await createTestApp({ config: { publicUrl: SITE, authProviders: { github: github.settings } } });
    const user = await createStaff(app, 'administrator');
    admin = await signIn(app, user.email, STAFF_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await op.close();
    await github.close();
  });

  it('lists every provider; the environment’s one is read-only and shows no secret', async () => {
    const { $, response } = await openForm(app, PATH, admin);
    expect($('h1').text()).toBe('Sign-in Settings');
    expect($('legend').map((_, l) => $(l).text()).get()).toEqual(['Google', 'Facebook', 'X (Twitter)', 'WordPress.com', 'GitHub', 'OpenID Connect']);
    const section = $('fieldset').filter((_, f) => $(f).find('legend').text() === 'GitHub');
    expect(section.text()).toContain('Configured by the server environment');
    expect(section.find('input[name]').length).toBe(0);
    expect(section.find('#field-githubEnvClientId').val()).toBe(github.clientId);
    expect(response.body).not.toContain(github.clientSecret);
    expect($('#field-oidcRedirectUri').val()).toBe(`${SITE}/auth/oidc/callback`);
    expect($('#field-oidcClientSecret').attr('type')).toBe('password');
    expect($('button[name="test"]').map((_, b) => $(b).attr('value')).get()).toEqual(['google', 'facebook', 'x', 'wordpress', 'github', 'oidc']);
  });

  it('refuses an enabled provider without its client ID, secret or issuer, beside each field, saving nothing', async () => {
    const before = await app.services.settings.get();
    const response = await send({ oidcEnabled: '1', oidcClientId: '', oidcClientSecret: '', oidcIssuer: 'ftp://nope', googleEnabled: '1', googleClientId: 'g' });
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('#field-oidcClientId-error').text()).toBe('Enter the client ID the provider gave this site.');
    expect($('#field-oidcClientSecret-error').text()).toBe('Enter the client secret the provider gave with the client ID.');
    expect($('#field-oidcIssuer-error').text()).toContain('https://');
    expect($('#field-googleClientSecret-error').text()).not.toBe('');
    expect($('#field-googleClientId').val()).toBe('g');
    expect(await app.services.settings.get()).toEqual(before);
    expect((await get(app, '/auth/oidc/start?return_to=/')).statusCode).toBe(404);
  });

  it('saves an OpenID Connect provider, never shows its secret again, and it signs readers in', async () => {
    const response = await send(oidcForm());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${PATH}?settings-updated=true`);
    const page = await get(app, `${PATH}?settings-updated=true`, admin);
    expect(page.body).not.toContain(SECRET);
    const $ = parseHtml(page.body);
    expect($('.admin-notice').text()).toBe('Settings saved.');
    expect($('#field-oidcEnabled').is('[checked]')).toBe(true);
    expect($('#field-oidcClientSecret').val()).toBe('');
    expect($('#field-oidcClientSecret-hint').text()).toContain('A secret is saved');

    // The reader's round trip through the real provider, with the settings' client.
    const jar = new CookieJar();
    const start = await get(app, '/auth/oidc/start?return_to=/', jar);
    expect(start.statusCode).toBe(302);
    const callback = await op.authorize(String(start.headers.location), 'alice');
    expect(callback.origin).toBe(SITE);
    const back = await get(app, `${callback.pathname}${callback.search}`, jar);
    expect(back.statusCode).toBe(303);
    const session = await app.services.sessions.resolve(jar.get(SESSION_COOKIE) ?? '');
    expect((await app.services.users.findById(session?.userId ?? 0))?.displayName).toBe('Alice Admin-Configured');
    // The comment form offers it under the name set on the screen.
    expect(app.services.providerSignIn.find('oidc')?.label).toBe('Staff ID');
  });

  it('keeps the saved secret when the box is left empty, and disables the provider when unticked', async () => {
    expect((await send(oidcForm({ oidcClientSecret: '', oidcName: 'Renamed' }))).statusCode).toBe(303);
    expect((await app.services.settings.get()).authProviders.oidc).toMatchObject({ clientSecret: SECRET, name: 'Renamed', enabled: true });
    expect(app.services.providerSignIn.find('oidc')?.label).toBe('Renamed');
    expect((await send(oidcForm({ oidcEnabled: '0', oidcClientSecret: '' }))).statusCode).toBe(303);
    expect(app.services.providerSignIn.find('oidc')).toBeUndefined();
    expect((await get(app, '/auth/oidc/start?return_to=/')).statusCode).toBe(404);
    expect((await app.services.settings.get()).authProviders.oidc?.clientSecret).toBe(SECRET);
  });

  it('tests a provider from the values on the screen, without saving them', async () => {
    const before = await app.services.settings.get();
    const good = await send({ ...oidcForm(), test: 'oidc' }, `${PATH}/test`);
    expect(good.statusCode).toBe(200);
    expect(good.body).not.toContain(SECRET);
    const $ = parseHtml(good.body);
    const result = $('fieldset').filter((_, f) => $(f).find('legend').text() === 'OpenID Connect').find('.test-result');
    expect(result.hasClass('test-ok')).toBe(true);
    expect(result.text()).toContain('Discovery document found');
    expect(result.text()).toContain('The token endpoint');
    expect($('#field-oidcIssuer').val()).toBe(op.issuer);

    const bad = parseHtml((await send({ ...oidcForm({ oidcIssuer: 'http://127.0.0.1:9/nothing' }), test: 'oidc' }, `${PATH}/test`)).body);
    expect(bad('.test-result').hasClass('test-failed')).toBe(true);
    expect(bad('.test-result').text()).toContain('could not be reached');
    expect(await app.services.settings.get()).toEqual(before);
    expect((await send({ test: 'myspace' }, `${PATH}/test`)).statusCode).toBe(400);
  });

  it('tests an OAuth 2 provider of the environment: its authorize and token URLs answer', async () => {
    const response = await send({ test: 'github' }, `${PATH}/test`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(github.clientSecret);
    const $ = parseHtml(response.body);
    const result = $('fieldset').filter((_, f) => $(f).find('legend').text() === 'GitHub').find('.test-result');
    expect(result.hasClass('test-ok')).toBe(true);
    expect(result.text()).toContain(`The authorization URL ${github.authorizeUrl} answers`);
    expect(result.text()).toContain(`The token URL ${github.tokenUrl} answers`);
  });

  it('refuses a form without its CSRF token, an editor and an author (403), saving nothing', async () => {
    const before = await app.services.settings.get();
    expect((await postForm(app, PATH, oidcForm(), admin)).statusCode).toBe(403);
    expect((await postForm(app, `${PATH}/test`, { test: 'oidc' }, admin)).statusCode).toBe(403);
    for (const role of ['editor', 'author'] as const) {
      const user = await createStaff(app, role);
      const jar = await signIn(app, user.email, STAFF_PASSWORD);
      const { csrf } = await openForm(app, '/admin/login', jar);
      expect((await postForm(app, PATH, { _csrf: csrf, ...oidcForm() }, jar)).statusCode).toBe(403);
      expect((await get(app, PATH, jar)).statusCode).toBe(403);
    }
    expect(await app.services.settings.get()).toEqual(before);
  });
});
