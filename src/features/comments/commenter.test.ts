// Signed-in commenters: the name and e-mail their comments carry, and when "trust verified identities" applies.
import { describe, expect, it } from 'vitest';
import type { User } from '../users/index.js';
import { isVerifiedCommenter, signedInAuthorOf } from './commenter.js';

const user = (overrides: Partial<User> = {}): User => ({
  id: 1, login: 'ann', email: 'ann@example.test', displayName: 'Ann Account', role: 'subscriber', bio: '',
  createdAt: '2026-01-01T00:00:00.000Z', emailVerifiedAt: null, ...overrides,
});

describe('signedInAuthorOf', () => {
  it('is the identity\'s name and verified address when signed in with one', () => {
    expect(signedInAuthorOf(user(), { id: 5, displayName: 'Ann from Google', email: 'ann@gmail.test' }))
      .toEqual({ displayName: 'Ann from Google', email: 'ann@gmail.test', url: '' });
  });

  it('falls back to the account\'s address, but never to a placeholder no mail reaches', () => {
    expect(signedInAuthorOf(user(), { id: 5, displayName: 'Ann', email: null }).email).toBe('ann@example.test');
    expect(signedInAuthorOf(user({ email: 'oidc-1a2b@identity.invalid' }), { id: 5, displayName: 'Ann', email: null }).email).toBe('');
    expect(signedInAuthorOf(user(), undefined)).toEqual({ displayName: 'Ann Account', email: 'ann@example.test', url: '' });
  });
});

describe('isVerifiedCommenter', () => {
  it('needs an address proven by the provider or by the site\'s confirmation link', () => {
    expect(isVerifiedCommenter(user(), { id: 5, displayName: 'Ann', email: 'ann@gmail.test' })).toBe(true);
    expect(isVerifiedCommenter(user({ emailVerifiedAt: '2026-02-01T00:00:00.000Z' }), undefined)).toBe(true);
    expect(isVerifiedCommenter(user(), { id: 5, displayName: 'Ann', email: null })).toBe(false);
    expect(isVerifiedCommenter(user(), undefined)).toBe(false);
  });
});
