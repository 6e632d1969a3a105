// /account for accounts a provider sign-in made: their stored address is a placeholder under .invalid that reaches
// nobody, so the page shows the address the provider verified, or says there is none; and each identity is named
// as its provider is configured (the generic OpenID Connect provider by QUIRE_AUTH_OIDC_NAME). Real peers: an
// OpenID Provider (test/support/oidc-provider.ts) and its picture server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcWorld, sessionOf, signInWith, startOidcWorld } from '../auth/oidc-flow.js';
import { parseHtml } from '../support/html.js';
import { get } from '../support/session.js';

describe('the account page of an account made by a provider sign-in', () => {
  let world: OidcWorld;
  beforeAll(async () => {
    world = await startOidcWorld();
  });
  afterAll(() => world.close());

  async function accountPageOf(login: string, provider = 'oidc') {
    const { jar } = await signInWith(world, login, { provider });
    const page = await get(world.app, '/account', jar);
    expect(page.statusCode).toBe(200);
    return { body: page.body, $: parseHtml(page.body) };
  }

  it('shows the address the provider verified, never the placeholder, and names the provider by its configured name', async () => {
    const { body, $ } = await accountPageOf('alice');
    const stored = await world.app.db.kysely.selectFrom('users').select('email').where('displayName', '=', 'Alice Liddell').executeTakeFirstOrThrow();
    expect(stored.email).toMatch(/@identity\.invalid$/);
    expect($('#field-display_name-hint').text()).toBe('Shown with your comments. Signed in as alice@example.test.');
    expect(body).not.toContain('identity.invalid');
    expect($('.account-identity .identity-label').map((_, el) => $(el).text()).get()).toEqual(['Test ID']);
    expect(body).not.toContain('OpenID Connect');
  });

  it('says the account has no address when the provider verified none', async () => {
    const { body, $ } = await accountPageOf('bob');
    expect($('#field-display_name-hint').text()).toBe('Shown with your comments. Your account has no e-mail address.');
    expect(body).not.toContain('identity.invalid');
  });

  it('names the other providers by their own labels', async () => {
    const { $ } = await accountPageOf('carol', 'google');
    expect($('.account-identity .identity-label').map((_, el) => $(el).text()).get()).toEqual(['Google']);
    expect($('#field-display_name-hint').text()).toBe('Shown with your comments. Your account has no e-mail address.');
  });

  it('offers to link each enabled provider the account lacks, and the link adds it to the same account', async () => {
    const { jar } = await signInWith(world, 'dave');
    const page = parseHtml((await get(world.app, '/account', jar)).body);
    const links = page('.account-linkable a').map((_, el) => [[page(el).text(), page(el).attr('href')]]).get();
    expect(links).toEqual([['Link your Google account', '/auth/google/start?link=1&return_to=%2Faccount']]);
    const before = await sessionOf(world, jar);
    await signInWith(world, 'dave', { provider: 'google', query: 'link=1&return_to=%2Faccount', jar });
    const identities = await world.app.services.identities.listForUser(before?.user?.id ?? 0);
    expect(identities.map((i) => i.provider).sort()).toEqual(['google', 'oidc']);
    const after = parseHtml((await get(world.app, '/account', jar)).body);
    expect(after('.account-linkable a').length).toBe(0);
  });
});
