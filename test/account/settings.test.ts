// The account settings page and Log Out: only for the signed-in (others are sent to sign in), the display name,
// the ways to sign in with Unlink (never the last one), CSRF on every form, and Log Out ending the session on the
// server, back to a same-origin path only. Stand-in: time (a clock the test moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD, createStaff, signIn } from '../support/session.js';
import {
  type AccountWorld, CookieJar, GOOD_PASSWORD, SITE_TITLE, accountSignIn, get, openForm, parseHtml, postForm, registerConfirmed,
  signedInEmail, startAccountWorld,
} from './account-helpers.js';

describe('the account settings page', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
    await registerConfirmed(world, 'ann@example.test');
    await registerConfirmed(world, 'bob@example.test');
  });
  afterAll(() => world.close());

  const userId = async (email: string) => (await world.app.services.users.findByEmail(email))?.id ?? 0;
  const identitiesOf = async (email: string) => world.app.services.accounts.listIdentities(await userId(email));
  async function addGithub(email: string, subject: string): Promise<number> {
    const row = await world.app.db.kysely.insertInto('identities').values({
      userId: await userId(email), provider: 'github', subject, email: null, displayName: 'octo', avatarUrl: null,
      createdAt: world.clock.now().toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  /** Sends a form of /account (with the page's CSRF token) and returns the response. */
  async function sendFromSettings(jar: CookieJar, action: string, fields: Record<string, string> = {}) {
    const { csrf } = await openForm(world.app, '/account', jar);
    return postForm(world.app, action, { _csrf: csrf, ...fields }, jar);
  }

  it('sends visitors who are not signed in to the sign-in page, coming back afterwards', async () => {
    const response = await get(world.app, '/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account/login?return_to=%2Faccount');
    const { csrf } = await openForm(world.app, '/account/login', new CookieJar());
    expect(csrf).not.toBe('');
  });

  it('shows the display name and the ways to sign in; the only one has no Unlink', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const response = await get(world.app, '/account', jar);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['cache-control'])).toContain('no-store');
    const $ = parseHtml(response.body);
    expect($('input[name="display_name"]').val()).toBe('Mara K.');
    const rows = $('.account-identity');
    expect(rows).toHaveLength(1);
    expect(rows.find('.identity-label').text()).toBe(`${SITE_TITLE} account`);
    expect(rows.find('.identity-detail').text()).toBe('Mara K. · ann@example.test');
    expect(rows.find('.identity-current').length).toBe(1);
    expect(rows.find('form').length).toBe(0);
    expect($('.account-identities + .hint').text()).toContain('only way to sign in');
    expect($('.account-passkeys').length).toBe(0); // no passkeys offered (yet): no section, no fake UI
  });

  it('changes the display name on the account and on its site identity', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const done = await sendFromSettings(jar, '/account', { display_name: '  Ann the Joiner ' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account?done=name');
    const page = parseHtml((await get(world.app, '/account?done=name', jar)).body);
    expect(page('[role="status"]').text()).toBe('Your display name was changed.');
    expect(page('input[name="display_name"]').val()).toBe('Ann the Joiner');
    expect((await identitiesOf('ann@example.test'))[0]?.displayName).toBe('Ann the Joiner');

    const refused = await sendFromSettings(jar, '/account', { display_name: 'n'.repeat(101) });
    expect(refused.statusCode).toBe(400);
    const $ = parseHtml(refused.body);
    expect($('#field-display_name-error').text()).toContain('1–100 characters');
    expect($('input[name="display_name"]').val()).toBe('n'.repeat(101));
    expect((await world.app.services.users.findByEmail('ann@example.test'))?.displayName).toBe('Ann the Joiner');
  });

  it('refuses to unlink the last way to sign in', async () => {
    const { jar } = await accountSignIn(world.app, 'bob@example.test', GOOD_PASSWORD);
    const [site] = await identitiesOf('bob@example.test');
    const refused = await sendFromSettings(jar, `/account/identities/${site?.id}/unlink`);
    expect(refused.statusCode).toBe(409);
    expect(parseHtml(refused.body)('.account-settings [role="alert"]').text()).toContain('only way left to sign in');
    expect(await identitiesOf('bob@example.test')).toHaveLength(1);
    expect((await accountSignIn(world.app, 'bob@example.test', GOOD_PASSWORD)).response.statusCode).toBe(303);
  });

  it('unlinks another identity; unlinking the site one ends password sign-in', async () => {
    const { jar } = await accountSignIn(world.app, 'bob@example.test', GOOD_PASSWORD);
    const github = await addGithub('bob@example.test', 'bob-1');
    const page = parseHtml((await get(world.app, '/account', jar)).body);
    expect(page('.account-identity form.identity-unlink')).toHaveLength(2);

    const done = await sendFromSettings(jar, `/account/identities/${github}/unlink`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account?done=unlinked');
    expect((await identitiesOf('bob@example.test')).map((i) => i.provider)).toEqual(['site']);

    await addGithub('bob@example.test', 'bob-2');
    const site = (await identitiesOf('bob@example.test')).find((i) => i.provider === 'site');
    expect((await sendFromSettings(jar, `/account/identities/${site?.id}/unlink`)).statusCode).toBe(303);
    expect((await identitiesOf('bob@example.test')).map((i) => i.provider)).toEqual(['github']);
    expect((await accountSignIn(world.app, 'bob@example.test', GOOD_PASSWORD, { ip: '192.0.2.33' })).response.statusCode).toBe(400);
  });

  it('does not unlink an identity of another account (404), nor one made up', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const bobs = await addGithub('bob@example.test', 'bob-3');
    await addGithub('ann@example.test', 'ann-1');
    expect((await sendFromSettings(jar, `/account/identities/${bobs}/unlink`)).statusCode).toBe(404);
    expect((await sendFromSettings(jar, '/account/identities/not-a-number/unlink')).statusCode).toBe(404);
    expect((await identitiesOf('bob@example.test')).some((i) => i.id === bobs)).toBe(true);
  });

  it('refuses its forms without their CSRF token (403), and changes nothing', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    expect((await postForm(world.app, '/account', { display_name: 'Forged' }, jar)).statusCode).toBe(403);
    const [first] = await identitiesOf('ann@example.test');
    expect((await postForm(world.app, `/account/identities/${first?.id}/unlink`, {}, jar)).statusCode).toBe(403);
    expect((await world.app.services.users.findByEmail('ann@example.test'))?.displayName).not.toBe('Forged');
    expect((await identitiesOf('ann@example.test')).some((i) => i.id === first?.id)).toBe(true);
  });

  it('gives staff made by an administrator their site identity when they first look', async () => {
    const editor = await createStaff(world.app, 'editor', { displayName: 'Edie' });
    const jar = await signIn(world.app, editor.email, STAFF_PASSWORD);
    const $ = parseHtml((await get(world.app, '/account', jar)).body);
    expect($('.account-identity .identity-label').text()).toBe(`${SITE_TITLE} account`);
    expect((await world.app.services.accounts.listIdentities(editor.id)).map((i) => i.provider)).toEqual(['site']);
  });
});

describe('Log Out', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
    await registerConfirmed(world, 'ann@example.test');
  });
  afterAll(() => world.close());

  it('ends the session on the server: the old cookie no longer works', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const stolen = jar.clone();
    const { csrf } = await openForm(world.app, '/account', jar);
    const response = await postForm(world.app, '/auth/logout', { _csrf: csrf, return_to: '/2026/12/01/a-post/#respond' }, jar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/2026/12/01/a-post/#respond');
    expect(jar.get('quire_session')).toBeUndefined();
    expect(await signedInEmail(world.app, stolen)).toBeUndefined();
    expect(await world.app.services.sessions.resolve(stolen.get('quire_session') ?? '')).toBeUndefined();
  });

  it('refuses a Log Out without its CSRF token (403): the session goes on', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const response = await postForm(world.app, '/auth/logout', {}, jar);
    expect(response.statusCode).toBe(403);
    expect(await signedInEmail(world.app, jar)).toBe('ann@example.test');
  });

  it('ignores return_to=https://evil.example/ (no open redirect)', async () => {
    const { jar } = await accountSignIn(world.app, 'ann@example.test', GOOD_PASSWORD);
    const { csrf } = await openForm(world.app, '/account', jar);
    const response = await postForm(world.app, '/auth/logout', { _csrf: csrf, return_to: 'https://evil.example/' }, jar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });
});
