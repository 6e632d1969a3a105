// Commenter bans through services.comments on a real database: made, validated, lifted, expired, and kept as history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewBan } from '../../src/features/comments/index.js';
import type { User } from '../../src/features/users/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor } from '../support/factories.js';

const HOUR = 3_600_000;

let app: TestApp;
let clock: MutableClock;
let admin: User;
let editor: User;

const banCount = async () =>
  Number((await app.db.kysely.selectFrom('commentBans').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

/** Refused with BAN_INVALID naming `field`, and no ban written. */
async function expectInvalid(ban: NewBan, field: string) {
  const before = await banCount();
  await expect(app.services.comments.ban(ban, admin.id)).rejects.toMatchObject({
    code: 'BAN_INVALID',
    kind: 'invalid',
    details: { fields: { [field]: expect.any(String) } },
  });
  expect(await banCount()).toBe(before);
}

beforeAll(async () => {
  clock = mutableClock('2027-03-01T09:00:00Z');
  app = await createTestApp({ clock });
  admin = await buildAuthor(app, { role: 'administrator' });
  editor = await buildAuthor(app, { role: 'editor' });
});

afterAll(() => app.close());

describe('ban', () => {
  it('stores the ban with its normalised value, who made it and when, in force for ever by default', async () => {
    const id = await app.services.comments.ban({ kind: 'email', value: '  Troll@Example.COM ', reason: ' insults ' }, admin.id);
    expect((await app.services.comments.activeBans()).find((b) => b.id === id)).toEqual({
      id, kind: 'email', value: 'troll@example.com', reason: 'insults', createdBy: admin.id, createdAt: '2027-03-01T09:00:00.000Z',
      expiresAt: null, liftedAt: null, liftedBy: null,
    });
  });

  it('takes every kind: an @domain, an IPv4 or IPv6 address or range, an IP hash (case kept), an account', async () => {
    const hash = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    const bans: NewBan[] = [
      { kind: 'email', value: '@Spam.Example', reason: '' },
      { kind: 'ip', value: '203.0.113.0/24', reason: '' },
      { kind: 'ip', value: '2001:DB8::/32', reason: '' },
      { kind: 'ip', value: '198.51.100.7', reason: '' },
      { kind: 'ip_hash', value: hash, reason: '' },
      { kind: 'user', value: String(editor.id), reason: '' },
    ];
    const ids: number[] = [];
    for (const ban of bans) ids.push(await app.services.comments.ban(ban, null));
    const active = await app.services.comments.activeBans();
    expect(ids.map((id) => active.find((b) => b.id === id)?.value)).toEqual([
      '@spam.example', '203.0.113.0/24', '2001:db8::/32', '198.51.100.7', hash, String(editor.id),
    ]);
    expect(active.find((b) => b.id === ids[0])?.createdBy).toBeNull();
  });

  it('stores the end of a ban as UTC, whatever offset it was given in', async () => {
    const id = await app.services.comments.ban({ kind: 'email', value: 'later@example.com', reason: '', expiresAt: '2027-03-02T10:00:00+02:00' }, admin.id);
    expect((await app.services.comments.activeBans()).find((b) => b.id === id)?.expiresAt).toBe('2027-03-02T08:00:00.000Z');
  });

  it.each<[string, NewBan]>([
    ['an empty value', { kind: 'email', value: '   ', reason: '' }],
    ['an over-long value', { kind: 'email', value: `${'a'.repeat(200)}@example.com`, reason: '' }],
    ['an e-mail without @', { kind: 'email', value: 'not-an-address', reason: '' }],
    ['a bare @', { kind: 'email', value: '@', reason: '' }],
    ['a domain without a dot', { kind: 'email', value: '@localhost', reason: '' }],
    ['a host name as an IP', { kind: 'ip', value: 'example.com', reason: '' }],
    ['a prefix too long', { kind: 'ip', value: '203.0.113.0/33', reason: '' }],
    ['an IP with junk after it', { kind: 'ip', value: '203.0.113.7; DROP TABLE comment_bans', reason: '' }],
    ['a short IP hash', { kind: 'ip_hash', value: 'abc', reason: '' }],
    ['an IP hash with other characters', { kind: 'ip_hash', value: `${'a'.repeat(42)}=`, reason: '' }],
    ['an account id that is not a number', { kind: 'user', value: 'admin', reason: '' }],
    ['account id 0', { kind: 'user', value: '0', reason: '' }],
    ['a negative account id', { kind: 'user', value: '-3', reason: '' }],
  ])('refuses %s with BAN_INVALID and writes nothing', async (_name, ban) => {
    await expectInvalid(ban, 'value');
  });

  it('refuses a kind it does not know', async () => {
    await expectInvalid({ kind: 'cookie' as NewBan['kind'], value: 'x', reason: '' }, 'kind');
  });

  it('refuses a reason over 500 characters', async () => {
    await expectInvalid({ kind: 'email', value: 'long@example.com', reason: 'r'.repeat(501) }, 'reason');
  });

  it.each([
    ['in the past', '2027-03-01T08:59:59.000Z'],
    ['right now', '2027-03-01T09:00:00.000Z'],
    ['not a date', 'tomorrow'],
    ['a date that does not exist', '2027-02-30T00:00:00Z'],
  ])('refuses an end %s', async (_name, expiresAt) => {
    await expectInvalid({ kind: 'email', value: 'ending@example.com', reason: '', expiresAt }, 'expiresAt');
  });
});

describe('liftBan, activeBans and banHistory', () => {
  it('lifts a ban once: a second lift, or a ban that does not exist, is BAN_NOT_FOUND', async () => {
    const id = await app.services.comments.ban({ kind: 'email', value: 'twice@example.com', reason: '' }, admin.id);
    await app.services.comments.liftBan(id, editor.id);
    expect((await app.services.comments.activeBans()).map((b) => b.id)).not.toContain(id);
    await expect(app.services.comments.liftBan(id, admin.id)).rejects.toMatchObject({ code: 'BAN_NOT_FOUND', kind: 'not_found' });
    await expect(app.services.comments.liftBan(987_654, admin.id)).rejects.toMatchObject({ code: 'BAN_NOT_FOUND', kind: 'not_found' });
  });

  it('keeps lifted and expired bans in the history, newest first, with who lifted them and when', async () => {
    const forever = await app.services.comments.ban({ kind: 'email', value: 'kept@example.com', reason: 'spam' }, admin.id);
    const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
    const brief = await app.services.comments.ban({ kind: 'ip', value: '192.0.2.1', reason: 'a cooling-off hour', expiresAt }, admin.id);
    clock.advance(HOUR / 2);
    await app.services.comments.liftBan(forever, editor.id);
    const liftedAt = clock.now().toISOString();
    clock.advance(HOUR);

    const active = (await app.services.comments.activeBans()).map((b) => b.id);
    expect(active).not.toContain(forever);
    expect(active).not.toContain(brief);
    const history = await app.services.comments.banHistory();
    expect(history.find((b) => b.id === forever)).toMatchObject({ createdBy: admin.id, liftedAt, liftedBy: editor.id, reason: 'spam' });
    expect(history.find((b) => b.id === brief)).toMatchObject({ expiresAt, liftedAt: null, liftedBy: null });
    expect(history.map((b) => b.id)).toEqual([...history.map((b) => b.id)].sort((a, b) => b - a));
    expect(await app.services.comments.banHistory(1)).toEqual([history[0]]);
  });
});
