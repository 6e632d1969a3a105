// X's /2/users/me answers (recorded shapes) into profiles, hostile values included.
import { describe, expect, it } from 'vitest';
import { profileFromX, xMeUrl, xProvider } from './x.js';

// The shape /2/users/me?user.fields=profile_image_url returns.
const recorded = {
  data: { id: '2244994945', name: 'Developers', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg' },
};

describe('X profile', () => {
  it('reads id, name and a larger variant of the picture, and never an e-mail', () => {
    expect(profileFromX(recorded)).toEqual({
      subject: '2244994945',
      email: null,
      emailVerified: false,
      displayName: 'Developers',
      pictureUrl: 'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_200x200.jpg',
    });
  });

  it('falls back to the username when the name is empty, and to no picture when none is given', () => {
    expect(profileFromX({ data: { id: '1', name: '', username: 'ada' } })).toMatchObject({ displayName: 'ada', pictureUrl: null });
  });

  it('ignores an e-mail even if the answer carries one (X does not verify it for us)', () => {
    expect(profileFromX({ data: { ...recorded.data, email: 'someone@example.com' } }).email).toBeNull();
  });

  it('drops a javascript: picture and cuts a 10 kB name', () => {
    const profile = profileFromX({ data: { ...recorded.data, name: 'n'.repeat(10_240), profile_image_url: 'javascript:alert(document.cookie)' } });
    expect(profile.pictureUrl).toBeNull();
    expect(profile.displayName).toBe('n'.repeat(100));
  });

  it('refuses an answer without data or without an id (X sends errors in that place)', () => {
    expect(() => profileFromX({ errors: [{ title: 'Unauthorized' }] })).toThrow('X answered something other than a profile in "data".');
    expect(() => profileFromX({ data: { name: 'No Id', username: 'noid' } })).toThrow('X sent a profile without a usable account id.');
    expect(() => profileFromX({ data: { id: 12.5, username: 'x' } })).toThrow(/account id/);
  });

  it('asks for the picture field, authenticates with HTTP Basic and asks for users.read and tweet.read', () => {
    expect(xMeUrl({})).toBe('https://api.x.com/2/users/me?user.fields=profile_image_url');
    expect(xProvider.clientAuth).toBe('client_secret_basic');
    expect(xProvider.scopes).toEqual(['users.read', 'tweet.read']);
    expect(xProvider.serverMetadata({ clientId: 'a', clientSecret: 'b' })).toMatchObject({
      authorization_endpoint: 'https://x.com/i/oauth2/authorize',
      token_endpoint: 'https://api.x.com/2/oauth2/token',
    });
  });
});
