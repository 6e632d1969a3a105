// Registrations that race: logins are made from the address's local part (sam, sam-2, …) by reading then
// inserting, so registrations at the same moment pick the same login; the unique index refuses all but one and the
// others try again with the next login. No stand-ins: real forms, real database (SQLite runs transactions one at
// a time; PostgreSQL runs them concurrently, where the race really happens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountWorld, GOOD_PASSWORD, drain, mailsTo, parseHtml, register, startAccountWorld } from './account-helpers.js';

describe('registrations at the same moment', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await startAccountWorld();
  });
  afterAll(() => world.close());

  const loginsOf = async (emails: readonly string[]) =>
    (await world.app.db.kysely.selectFrom('users').select(['email', 'login']).where('email', 'in', [...emails]).execute())
      .map((row) => row.login).sort();

  it('registers two addresses with the same local part sent at once, each with its own login', async () => {
    const emails = ['sam@one.example.test', 'sam@two.example.test'];
    const responses = await Promise.all(emails.map((email) => register(world.app, { email, display_name: 'Sam' })));
    for (const response of responses) {
      expect(response.statusCode).toBe(200);
      expect(parseHtml(response.body)('h1').text()).toBe('Check your inbox');
    }
    expect(await loginsOf(emails)).toEqual(['sam', 'sam-2']);
    await drain(world.app);
    for (const email of emails) expect((await mailsTo(world, email)).map((m) => m.subject)).toEqual(['[The Offcut] Confirm your e-mail address']);
  });

  it('registers six at once, every one with a login of its own and its site identity', async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `kim@host${i}.example.test`);
    await Promise.all(emails.map((email) => world.app.services.accounts.register({ email, displayName: 'Kim', password: GOOD_PASSWORD })));
    expect(await loginsOf(emails)).toEqual(['kim', 'kim-2', 'kim-3', 'kim-4', 'kim-5', 'kim-6']);
    const identities = await world.app.db.kysely
      .selectFrom('identities').innerJoin('users', 'users.id', 'identities.userId').select('identities.provider')
      .where('users.email', 'in', emails).execute();
    expect(identities.map((i) => i.provider)).toEqual(Array(6).fill('site'));
  });

  it('makes one account of the same address registered twice at once, and warns its owner instead of failing', async () => {
    const email = 'twice@example.test';
    await Promise.all([1, 2].map(() => world.app.services.accounts.register({ email, displayName: 'Twice', password: GOOD_PASSWORD })));
    expect(await loginsOf([email])).toEqual(['twice']);
    await drain(world.app);
    expect((await mailsTo(world, email)).map((m) => m.subject).sort()).toEqual([
      '[The Offcut] Confirm your e-mail address', '[The Offcut] Someone tried to register with your address',
    ].sort());
  });
});
