// Application passwords: their shape and display, and their lifecycle on a real database (made, checked, listed,
// last use recorded at most once a minute, revoked one by one or all at once), with the limits on names and counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { mutableClock } from '../../../test/support/clock.js';
import { buildAuthor } from '../../../test/support/factories.js';
import { isAppError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/ids.js';
import { chunkAppPassword, generateAppPassword, isUseWorthRecording, normalizeAppPassword } from './app-passwords.js';

describe('application password rules', () => {
  it('makes 24 characters from [A-Za-z0-9], different every time', () => {
    const made = new Set(Array.from({ length: 200 }, () => generateAppPassword()));
    expect(made.size).toBe(200);
    for (const password of made) expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('shows a password in WordPress’s groups of four, and reads it back with or without the spaces', () => {
    expect(chunkAppPassword('abcdEFGHijklMNOPqrst1234')).toBe('abcd EFGH ijkl MNOP qrst 1234');
    expect(normalizeAppPassword('abcd EFGH ijkl MNOP qrst 1234')).toBe('abcdEFGHijklMNOPqrst1234');
    expect(normalizeAppPassword(' abcd-EFGH\tijkl ')).toBe('abcdEFGHijkl');
  });

  it('records a use when there was none or the last is a minute old, not more often', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(isUseWorthRecording(null, now)).toBe(true);
    expect(isUseWorthRecording('2026-12-01T09:59:01Z', now)).toBe(false);
    expect(isUseWorthRecording('2026-12-01T09:59:00Z', now)).toBe(true);
  });
});

describe('application passwords service', () => {
  const clock = mutableClock('2026-12-01T10:00:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(async () => app.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: unknown) => (isAppError(error) ? error.code : String(error)));

  it('creates a password shown once, lists it without the password, and stores only its sha256', async () => {
    const owner = await buildAuthor(app);
    const { password, appPassword } = await app.services.appPasswords.create(owner.id, '  Desktop editor  ');
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(appPassword).toEqual({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Desktop editor', createdAt: '2026-12-01T10:00:00.000Z', lastUsedAt: null });
    expect(await app.services.appPasswords.listForUser(owner.id)).toEqual([appPassword]);
    const rows = await app.db.kysely.selectFrom('applicationPasswords').selectAll().where('userId', '=', owner.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.passwordHash).toBe(sha256(password));
    expect(JSON.stringify(rows)).not.toContain(password);
  });

  it('verifies by login or e-mail, with or without spaces, and records the last use at most once a minute', async () => {
    const owner = await buildAuthor(app);
    const { password } = await app.services.appPasswords.create(owner.id, 'Phone');
    const byLogin = await app.services.appPasswords.verify(owner.login, password, '203.0.113.9');
    expect(byLogin).toEqual({ ok: true, user: owner });
    expect(await app.services.appPasswords.verify(owner.email.toUpperCase(), chunkAppPassword(password))).toEqual({ ok: true, user: owner });
    const [first] = await app.services.appPasswords.listForUser(owner.id);
    expect(first?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
    const stored = await app.db.kysely.selectFrom('applicationPasswords').select('lastIpHash').where('userId', '=', owner.id).executeTakeFirstOrThrow();
    expect(stored.lastIpHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored.lastIpHash).not.toContain('203.0.113.9');

    clock.advance(30_000);
    await app.services.appPasswords.verify(owner.login, password);
    expect((await app.services.appPasswords.listForUser(owner.id))[0]?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
    clock.advance(30_000);
    await app.services.appPasswords.verify(owner.login, password);
    expect((await app.services.appPasswords.listForUser(owner.id))[0]?.lastUsedAt).toBe('2026-12-01T10:01:00.000Z');
  });

  it('refuses unknown logins, unknown addresses and wrong passwords with WordPress’s three reasons', async () => {
    const owner = await buildAuthor(app);
    const { password } = await app.services.appPasswords.create(owner.id, 'Laptop');
    const other = await buildAuthor(app);
    expect(await app.services.appPasswords.verify('nobody-here', password)).toEqual({ ok: false, reason: 'unknown_login' });
    expect(await app.services.appPasswords.verify('nobody@example.test', password)).toEqual({ ok: false, reason: 'unknown_email' });
    expect(await app.services.appPasswords.verify(owner.login, `${password.slice(0, 23)}X`)).toEqual({ ok: false, reason: 'incorrect_password' });
    expect(await app.services.appPasswords.verify(owner.login, '')).toEqual({ ok: false, reason: 'incorrect_password' });
    // Another account's password is no password of this one: the login and the password must belong together.
    expect(await app.services.appPasswords.verify(other.login, password)).toEqual({ ok: false, reason: 'incorrect_password' });
  });

  it('revokes one password, then all of them; a revoked password no longer verifies', async () => {
    const owner = await buildAuthor(app);
    const first = await app.services.appPasswords.create(owner.id, 'One');
    const second = await app.services.appPasswords.create(owner.id, 'Two');
    const third = await app.services.appPasswords.create(owner.id, 'Three');
    await app.services.appPasswords.revoke(owner.id, first.appPassword.uuid);
    expect(await app.services.appPasswords.verify(owner.login, first.password)).toEqual({ ok: false, reason: 'incorrect_password' });
    expect((await app.services.appPasswords.verify(owner.login, second.password)).ok).toBe(true);
    expect(await codeOf(app.services.appPasswords.revoke(owner.id, first.appPassword.uuid))).toBe('APP_PASSWORD_NOT_FOUND');

    // Someone else's uuid is not found either: nobody revokes another account's password.
    const stranger = await buildAuthor(app);
    expect(await codeOf(app.services.appPasswords.revoke(stranger.id, third.appPassword.uuid))).toBe('APP_PASSWORD_NOT_FOUND');

    expect(await app.services.appPasswords.revokeAll(owner.id)).toBe(2);
    expect(await app.services.appPasswords.listForUser(owner.id)).toEqual([]);
    expect((await app.services.appPasswords.verify(owner.login, third.password)).ok).toBe(false);
  });

  it('refuses empty, oversized, control-character and duplicate names, and changes nothing', async () => {
    const owner = await buildAuthor(app);
    await app.services.appPasswords.create(owner.id, 'Taken');
    expect(await codeOf(app.services.appPasswords.create(owner.id, '   '))).toBe('APP_PASSWORD_NAME_INVALID');
    expect(await codeOf(app.services.appPasswords.create(owner.id, 'x'.repeat(101)))).toBe('APP_PASSWORD_NAME_INVALID');
    expect(await codeOf(app.services.appPasswords.create(owner.id, 'tab\tname'))).toBe('APP_PASSWORD_NAME_INVALID');
    expect(await codeOf(app.services.appPasswords.create(owner.id, 'Taken'))).toBe('APP_PASSWORD_NAME_TAKEN');
    expect(await codeOf(app.services.appPasswords.create(999_999, 'Ghost'))).toBe('APP_PASSWORD_USER_NOT_FOUND');
    expect(await app.services.appPasswords.listForUser(owner.id)).toHaveLength(1);
    expect((await app.services.appPasswords.create(owner.id, 'x'.repeat(100))).appPassword.name).toHaveLength(100);
  });

  it('allows at most 50 passwords per account, subscribers included', async () => {
    const owner = await buildAuthor(app, { role: 'subscriber' });
    for (let n = 1; n <= 50; n++) await app.services.appPasswords.create(owner.id, `Client ${n}`);
    expect(await codeOf(app.services.appPasswords.create(owner.id, 'Client 51'))).toBe('APP_PASSWORD_LIMIT_REACHED');
    expect(await app.services.appPasswords.listForUser(owner.id)).toHaveLength(50);
  });
});
