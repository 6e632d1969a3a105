// Site accounts' pure rules: which passwords may be chosen, registration fields together, logins from addresses,
// the mail jobs' payloads.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.js';
import { addressMailPayloadOf, loginBaseOf, loginCandidates, passwordProblem, userMailPayloadOf, validateRegistration } from './accounts.js';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords.js';

describe('passwordProblem', () => {
  it('accepts 8 to 256 characters of any kind, with no composition rules', () => {
    for (const password of ['lowercase only here', '12345 67890 13579', 'p'.repeat(256), 'пароль-🔑🔑-ключ', '        x']) {
      expect(passwordProblem(password, 'ann@example.test'), password).toBeUndefined();
    }
  });

  it('refuses too short and too long passwords, saying which', () => {
    expect(passwordProblem('1234567', 'ann@example.test')).toBe('Use at least 8 characters.');
    expect(passwordProblem('p'.repeat(257), 'ann@example.test')).toBe('Use at most 256 characters.');
  });

  it('refuses the e-mail address and its local part, whatever their case', () => {
    expect(passwordProblem('Ann.Smith@Example.test', 'ann.smith@example.test')).toContain('e-mail address');
    expect(passwordProblem('ANN.SMITH', 'ann.smith@example.test')).toContain('e-mail address');
    expect(passwordProblem('ann.smith.2026', 'ann.smith@example.test')).toBeUndefined();
  });

  it('refuses the common breached passwords, whatever their case', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(200);
    for (const password of ['password', 'Password1', 'QWERTYUIOP', '123456789', 'iloveyou']) {
      expect(isCommonPassword(password), password).toBe(true);
      expect(passwordProblem(password, 'ann@example.test'), password).toContain('most common passwords');
    }
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });
});

describe('validateRegistration', () => {
  it('normalises the address and trims the display name', () => {
    expect(validateRegistration({ email: ' Ann@Example.TEST ', displayName: ' Ann ', password: 'plane shavings' }))
      .toEqual({ email: 'ann@example.test', displayName: 'Ann', password: 'plane shavings' });
  });

  it('names every field at fault together, as ACCOUNT_INVALID', () => {
    let caught: unknown;
    try {
      validateRegistration({ email: 'nope', displayName: '', password: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('ACCOUNT_INVALID');
    expect(Object.keys((caught as AppError).details?.fields as object).sort()).toEqual(['displayName', 'email', 'password']);
  });
});

describe('logins from addresses', () => {
  it.each([
    ['mara.k@example.test', 'mara.k'],
    ['Mara.K+Blog@example.test', 'mara.k-blog'],
    ['José.Núñez@example.test', 'jose.nunez'],
    ['_x_@example.test', 'x'],
    ['---@example.test', 'reader'],
    ['名前@example.test', 'reader'],
    [`${'a'.repeat(64)}@example.test`, 'a'.repeat(50)],
  ])('makes %s into %s', (email, login) => {
    expect(loginBaseOf(email)).toBe(login);
    expect(loginBaseOf(email)).toMatch(/^[a-z0-9][a-z0-9._-]{0,59}$/);
  });

  it('tries the base, then numbered variants', () => {
    expect(loginCandidates('ann').slice(0, 3)).toEqual(['ann', 'ann-2', 'ann-3']);
    expect(loginCandidates('ann')).toHaveLength(20);
  });
});

describe('mail job payloads', () => {
  it('reads user and address payloads, dropping a return path that is not a local one', () => {
    expect(userMailPayloadOf({ userId: 3, returnTo: '/a-post/' })).toEqual({ userId: 3, returnTo: '/a-post/' });
    expect(userMailPayloadOf({ userId: 3, returnTo: '//evil.example/' })).toEqual({ userId: 3 });
    expect(userMailPayloadOf({ userId: '3' })).toBeUndefined();
    expect(userMailPayloadOf(null)).toBeUndefined();
    expect(addressMailPayloadOf({ email: 'ann@example.test' })).toEqual({ email: 'ann@example.test' });
    expect(addressMailPayloadOf({ email: '' })).toBeUndefined();
  });
});
