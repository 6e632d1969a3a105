// WordPress.com's /rest/v1/me answers (recorded shapes) into profiles, hostile values included.
import { describe, expect, it } from 'vitest';
import { profileFromWordPress, wordpressProvider } from './wordpress.js';

// The shape /rest/v1/me returns (abridged).
const recorded = {
  ID: 26957695,
  display_name: 'Matt',
  username: 'matt',
  email: 'matt@example.com',
  primary_blog: 4,
  language: 'en',
  token_site_id: false,
  token_scope: ['auth'],
  avatar_URL: 'https://0.gravatar.com/avatar/33252cd1f33526af53580fcb1736172f06e6716f32afdd1be19ec3096d15dea5?s=96&d=identicon',
  profile_URL: 'https://gravatar.com/matt',
  verified: true,
  email_verified: true,
  date: '2008-07-30T19:38:23+00:00',
  site_count: 3,
};

describe('WordPress.com profile', () => {
  it('reads ID, display name, the verified e-mail and the avatar', () => {
    expect(profileFromWordPress(recorded)).toEqual({
      subject: '26957695',
      email: 'matt@example.com',
      emailVerified: true,
      displayName: 'Matt',
      pictureUrl: recorded.avatar_URL,
    });
  });

  it('keeps no e-mail that WordPress.com has not verified', () => {
    expect(profileFromWordPress({ ...recorded, email_verified: false })).toMatchObject({ email: null, emailVerified: false });
    expect(profileFromWordPress({ ...recorded, email_verified: 'true' }).email).toBeNull();
  });

  it('falls back to the username, drops a javascript: avatar and cuts a 10 kB name', () => {
    expect(profileFromWordPress({ ...recorded, display_name: '\u0000\u0007' }).displayName).toBe('matt');
    expect(profileFromWordPress({ ...recorded, avatar_URL: 'JavaScript:alert(1)' }).pictureUrl).toBeNull();
    expect(profileFromWordPress({ ...recorded, display_name: '🙂'.repeat(5_000) }).displayName).toBe('🙂'.repeat(50));
  });

  it('refuses a profile without an ID, and an error answer', () => {
    const { ID: _id, ...withoutId } = recorded;
    expect(() => profileFromWordPress(withoutId)).toThrow('WordPress.com sent a profile without a usable account id.');
    expect(() => profileFromWordPress({ error: 'authorization_required', message: 'An active access token must be used' })).toThrow(/account id/);
    expect(() => profileFromWordPress('<html>')).toThrow(/something other than a profile/);
  });

  it('asks only for the auth scope, with the documented endpoints', () => {
    expect(wordpressProvider.scopes).toEqual(['auth']);
    expect(wordpressProvider.serverMetadata({ clientId: 'a', clientSecret: 'b' })).toMatchObject({
      authorization_endpoint: 'https://public-api.wordpress.com/oauth2/authorize',
      token_endpoint: 'https://public-api.wordpress.com/oauth2/token',
      userinfo_endpoint: 'https://public-api.wordpress.com/rest/v1/me',
    });
  });
});
