// The pure rules of identities: names and addresses made fit to keep, standard claims read as a profile.
import { describe, expect, it } from 'vitest';
import { cleanDisplayName, cleanEmail, isPlaceholderEmail, isUsableSubject, newProviderAccountNames } from './identity.js';
import { profileFromClaims } from './providers/oidc-claims.js';

describe('identity rules', () => {
  it('cleans display names: control characters, runs of spaces, 100 characters at most, a fallback when empty', () => {
    expect(cleanDisplayName('  Ann\u0000\n  Lee ', 'x')).toBe('Ann Lee');
    expect([...cleanDisplayName('é'.repeat(150), 'x')]).toHaveLength(100);
    expect(cleanDisplayName(' \t ', 'Google user')).toBe('Google user');
  });

  it('keeps an e-mail address lowercased, and nothing that is not one', () => {
    expect(cleanEmail(' Ann@Example.TEST ')).toBe('ann@example.test');
    expect(cleanEmail('not an address')).toBeNull();
    expect(cleanEmail(null)).toBeNull();
  });

  it('gives provider accounts a random login and an address no mail reaches', () => {
    const one = newProviderAccountNames('google');
    expect(one.login).toMatch(/^google-[0-9a-f]{12}$/);
    expect(one.email).toBe(`${one.login}@identity.invalid`);
    expect(isPlaceholderEmail(one.email)).toBe(true);
    expect(newProviderAccountNames('google').login).not.toBe(one.login);
  });

  it('refuses empty, huge or control-character subjects', () => {
    expect(isUsableSubject('1234567890')).toBe(true);
    expect(isUsableSubject('')).toBe(false);
    expect(isUsableSubject('x'.repeat(256))).toBe(false);
    expect(isUsableSubject('a\nb')).toBe(false);
  });
});

describe('OpenID Connect claims as a profile', () => {
  it('keeps the e-mail only when the provider verified it (true, or the string "true")', () => {
    expect(profileFromClaims({ sub: '1', email: 'a@x.test', email_verified: true })).toMatchObject({ email: 'a@x.test', emailVerified: true });
    expect(profileFromClaims({ sub: '1', email: 'a@x.test', email_verified: 'true' }).email).toBe('a@x.test');
    expect(profileFromClaims({ sub: '1', email: 'a@x.test', email_verified: false })).toMatchObject({ email: null, emailVerified: false });
    expect(profileFromClaims({ sub: '1', email: 'a@x.test' }).email).toBeNull();
    expect(profileFromClaims({ sub: '1', email_verified: true })).toMatchObject({ email: null, emailVerified: false });
  });

  it('names the person by name, then given and family names, then username', () => {
    expect(profileFromClaims({ sub: '1', name: 'Ann Lee', preferred_username: 'ann' }).displayName).toBe('Ann Lee');
    expect(profileFromClaims({ sub: '1', given_name: 'Ann', family_name: 'Lee' }).displayName).toBe('Ann Lee');
    expect(profileFromClaims({ sub: '1', preferred_username: 'ann' }).displayName).toBe('ann');
  });

  it('needs a subject', () => {
    expect(() => profileFromClaims({ name: 'x' })).toThrow();
  });
});
