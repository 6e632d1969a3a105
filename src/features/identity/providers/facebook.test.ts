// Facebook's Graph /me answers (recorded shapes) into profiles, hostile values included.
import { describe, expect, it } from 'vitest';
import { facebookMeUrl, facebookProvider, profileFromFacebook } from './facebook.js';

// The shape Graph returns for fields=id,name,email,picture.width(96).height(96).
const recorded = {
  id: '10224491712345678',
  name: 'Mary Ann Evans',
  email: 'mary.evans@example.com',
  picture: { data: { height: 96, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10224491712345678&height=96&width=96&ext=1767225600&hash=AbC', width: 96 } },
};

describe('Facebook profile', () => {
  it('reads id, name, the e-mail (verified, since Graph only returns confirmed ones) and the picture', () => {
    expect(profileFromFacebook(recorded)).toEqual({
      subject: '10224491712345678',
      email: 'mary.evans@example.com',
      emailVerified: true,
      displayName: 'Mary Ann Evans',
      pictureUrl: recorded.picture.data.url,
    });
  });

  it('signs in without an e-mail when the person has none or declined the permission', () => {
    const { email: _dropped, ...withoutEmail } = recorded;
    expect(profileFromFacebook(withoutEmail)).toMatchObject({ email: null, emailVerified: false, subject: recorded.id });
  });

  it('keeps no picture for the default silhouette, nor for a javascript: or plain-http URL', () => {
    const silhouette = { ...recorded, picture: { data: { ...recorded.picture.data, is_silhouette: true } } };
    expect(profileFromFacebook(silhouette).pictureUrl).toBeNull();
    for (const url of ['javascript:alert(1)', 'http://evil.example/a.png', 'data:image/png;base64,AAAA', 'https://user:pw@evil.example/a.png']) {
      expect(profileFromFacebook({ ...recorded, picture: { data: { url } } }).pictureUrl, url).toBeNull();
    }
  });

  it('cuts a 10 kB name to 100 characters and drops control and bidi-override characters', () => {
    const profile = profileFromFacebook({ ...recorded, name: `Eve\u202e\u0000 ${'x'.repeat(10_000)}` });
    expect(profile.displayName).toHaveLength(100);
    expect(profile.displayName.startsWith('Eve x')).toBe(true);
  });

  it('refuses a profile without a usable id, and an answer that is not a profile', () => {
    const { id: _id, ...withoutId } = recorded;
    expect(() => profileFromFacebook(withoutId)).toThrow('Facebook sent a profile without a usable account id.');
    expect(() => profileFromFacebook({ ...recorded, id: 'me' })).toThrow(/account id/);
    expect(() => profileFromFacebook({ ...recorded, name: '   ' })).toThrow('Facebook sent a profile without a name.');
    expect(() => profileFromFacebook([recorded])).toThrow(/Facebook answered something other than a profile/);
  });

  it('asks Graph for the fields it reads, on the configured endpoint too', () => {
    expect(facebookMeUrl({})).toBe('https://graph.facebook.com/v19.0/me?fields=id%2Cname%2Cemail%2Cpicture.width%2896%29.height%2896%29');
    expect(new URL(facebookMeUrl({ userinfoUrl: 'http://127.0.0.1:9/me' })).searchParams.get('fields')).toBe('id,name,email,picture.width(96).height(96)');
  });

  it('uses the documented endpoints, the client secret in the body, and the email and public_profile scopes', () => {
    expect(facebookProvider.serverMetadata({ clientId: 'a', clientSecret: 'b' })).toMatchObject({
      authorization_endpoint: 'https://www.facebook.com/v19.0/dialog/oauth',
      token_endpoint: 'https://graph.facebook.com/v19.0/oauth/access_token',
    });
    expect(facebookProvider.clientAuth).toBe('client_secret_post');
    expect(facebookProvider.scopes).toEqual(['email', 'public_profile']);
  });
});
