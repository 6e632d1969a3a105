// GitHub's /user and /user/emails answers (recorded shapes) into profiles, hostile values included.
import { describe, expect, it } from 'vitest';
import { githubEmailsUrl, githubProvider, primaryVerifiedEmail, profileFromGitHub } from './github.js';

// The shapes of GET /user (abridged) and GET /user/emails.
const user = {
  login: 'octocat', id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  gravatar_id: '', url: 'https://api.github.com/users/octocat', type: 'User', site_admin: false, name: 'The Octocat', email: null,
};
const emails = [
  { email: 'old@example.net', primary: false, verified: false, visibility: null },
  { email: '583231+octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
  { email: 'octocat@github.com', primary: true, verified: true, visibility: 'private' },
];

describe('GitHub profile', () => {
  it('reads id, name, picture and the primary verified e-mail', () => {
    expect(profileFromGitHub(user, emails)).toEqual({
      subject: '583231',
      email: 'octocat@github.com',
      emailVerified: true,
      displayName: 'The Octocat',
      pictureUrl: 'https://avatars.githubusercontent.com/u/583231?v=4',
    });
  });

  it('keeps no e-mail when the primary is unverified, even if another address is verified', () => {
    const unverifiedPrimary = emails.map((entry) => (entry.primary ? { ...entry, verified: false } : entry));
    expect(primaryVerifiedEmail(unverifiedPrimary)).toBeNull();
    expect(profileFromGitHub(user, unverifiedPrimary)).toMatchObject({ email: null, emailVerified: false });
  });

  it('keeps no e-mail when the list is missing or refused (user:email not granted)', () => {
    expect(primaryVerifiedEmail({ message: 'Not Found' })).toBeNull();
    expect(primaryVerifiedEmail([])).toBeNull();
    expect(profileFromGitHub(user, undefined).email).toBeNull();
  });

  it('ignores the public e-mail of /user, which GitHub does not say it verified', () => {
    expect(profileFromGitHub({ ...user, email: 'public@example.com' }, []).email).toBeNull();
  });

  it('falls back to the login when the name is null, drops a javascript: avatar, cuts a 10 kB name', () => {
    expect(profileFromGitHub({ ...user, name: null }, emails).displayName).toBe('octocat');
    expect(profileFromGitHub({ ...user, avatar_url: 'javascript:alert(1)//https://' }, emails).pictureUrl).toBeNull();
    expect(profileFromGitHub({ ...user, name: 'ab '.repeat(3_500) }, emails).displayName.length).toBeLessThanOrEqual(100);
  });

  it('refuses a profile without an id, and the "Bad credentials" answer', () => {
    expect(() => profileFromGitHub({ ...user, id: undefined }, emails)).toThrow('GitHub sent a profile without a usable account id.');
    expect(() => profileFromGitHub({ message: 'Bad credentials', status: '401' }, emails)).toThrow(/account id/);
    expect(() => profileFromGitHub({ ...user, id: -4 }, emails)).toThrow(/account id/);
  });

  it('finds the e-mails next to the user endpoint, on github.com, GitHub Enterprise and a local server', () => {
    expect(githubEmailsUrl({})).toBe('https://api.github.com/user/emails');
    expect(githubEmailsUrl({ userinfoUrl: 'https://ghe.example.com/api/v3/user' })).toBe('https://ghe.example.com/api/v3/user/emails');
    expect(githubEmailsUrl({ userinfoUrl: 'http://127.0.0.1:4000/user/' })).toBe('http://127.0.0.1:4000/user/emails');
  });

  it('asks for read:user and user:email, with the client secret in the body', () => {
    expect(githubProvider.scopes).toEqual(['read:user', 'user:email']);
    expect(githubProvider.clientAuth).toBe('client_secret_post');
    expect(githubProvider.serverMetadata({ clientId: 'a', clientSecret: 'b' })).toMatchObject({
      authorization_endpoint: 'https://github.com/login/oauth/authorize',
      token_endpoint: 'https://github.com/login/oauth/access_token',
      userinfo_endpoint: 'https://api.github.com/user',
    });
  });
});
