// Staff who forgot their password: /admin/login links to the reset flow, the mailed link (read from a real SMTP
// server) lets an editor choose a new password, and they sign in at /admin/login with it. Stand-in: time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountWorld, linkIn, mailTo, startAccountWorld, submitForm } from '../account/account-helpers.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('a staff password reset', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
  });
  afterAll(() => world.close());

  it('goes from "Lost your password?" on the sign-in page to signing in with the new password', async () => {
    const editor = await createStaff(world.app, 'editor', { email: 'forgetful@example.test' });
    const old = await signIn(world.app, editor.email, STAFF_PASSWORD);
    const login = parseHtml((await get(world.app, '/admin/login')).body);
    const lost = login('a').filter((_, a) => login(a).text() === 'Lost your password?').attr('href') ?? '';
    expect(lost).toBe('/account/password/forgot');

    const jar = new CookieJar();
    expect((await submitForm(world.app, lost, { email: 'forgetful@example.test' }, jar)).statusCode).toBeLessThan(400);
    const link = linkIn(await mailTo(world, 'forgetful@example.test', 'Choose a new password'), '/account/password/reset/');
    const { csrf } = await openForm(world.app, link, jar);
    expect((await postForm(world.app, link, { _csrf: csrf, password: 'a fresh staff passphrase' }, jar)).statusCode).toBeLessThan(400);

    await signIn(world.app, 'forgetful@example.test', 'a fresh staff passphrase');
    // The old password no longer works, and the session made with it ended.
    const browser = new CookieJar();
    const { csrf: loginCsrf } = await openForm(world.app, '/admin/login', browser);
    const refused = await postForm(world.app, '/admin/login', { _csrf: loginCsrf, email: editor.email, password: STAFF_PASSWORD }, browser);
    expect(refused.statusCode).toBe(400);
    expect((await get(world.app, '/admin/', old)).statusCode).toBe(303);
  });
});
