// Who may call what: ONE table of every route the server registers × every role, walked through real sign-ins.
// A route the table does not list fails the first test: add a row (with its expected outcomes) with every new route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/features/users/index.js';
import { type AccessRule, registeredRoutes } from '../../src/http/access.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

type Visitor = 'anonymous' | Role;
const VISITORS: readonly Visitor[] = ['anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator'];

/** A status, or LOGIN: a 303 to the sign-in page (what an anonymous visitor of a staff page gets). */
const LOGIN = 'login';
/** A 303 to the readers' sign-in page, /account/login (what an anonymous visitor of a reader's own page gets). */
const ACCOUNT_LOGIN = 'account-login';
type Outcome = number | typeof LOGIN | typeof ACCOUNT_LOGIN;
type Outcomes = Readonly<Record<Visitor, Outcome>>;

/** The same outcome for everyone: what a public route gives whoever asks. */
const everyone = (outcome: Outcome): Outcomes =>
  ({ anonymous: outcome, subscriber: outcome, contributor: outcome, author: outcome, editor: outcome, administrator: outcome });

interface Fixture {
  readonly post: string;
  readonly category: string;
  readonly tag: string;
  readonly author: string;
  readonly stylesheet: string;
}

interface Row {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** The route as registered. */
  readonly route: string;
  readonly access: AccessRule;
  /** A concrete address for the route; POSTs are sent as forms with the visitor's CSRF token. */
  readonly sample: (f: Fixture) => string;
  readonly fields?: (visitor: Visitor) => Readonly<Record<string, string>>;
  readonly expected: Outcomes;
  /** The request ends the session: it gets a session of its own. */
  readonly endsSession?: boolean;
}

const moderators: Outcomes = { anonymous: LOGIN, subscriber: 403, contributor: 403, author: 403, editor: 200, administrator: 200 };
/** Authors, editors and administrators (upload_files) get `outcome`; contributors and subscribers 403. */
const uploaders = (outcome: Outcome): Outcomes =>
  ({ anonymous: LOGIN, subscriber: 403, contributor: 403, author: outcome, editor: outcome, administrator: outcome });
/** Only administrators (manage_options) get `outcome`; other staff 403, anonymous visitors the sign-in page. */
const administrators = (outcome: Outcome): Outcomes =>
  ({ anonymous: LOGIN, subscriber: 403, contributor: 403, author: 403, editor: 403, administrator: outcome });

/** Everyone who writes (edit_posts: contributors and up) gets `outcome`; subscribers 403, anonymous visitors the sign-in page. */
const writers = (outcome: Outcome): Outcomes =>
  ({ anonymous: LOGIN, subscriber: 403, contributor: outcome, author: outcome, editor: outcome, administrator: outcome });

const TABLE: readonly Row[] = [
  { method: 'GET', route: '/assets/:file', access: 'public', sample: (f) => f.stylesheet, expected: everyone(200) },
  { method: 'GET', route: '/healthz', access: 'public', sample: () => '/healthz', expected: everyone(200) },
  { method: 'GET', route: '/favicon.ico', access: 'public', sample: () => '/favicon.ico', expected: everyone(301) },
  { method: 'GET', route: '/robots.txt', access: 'public', sample: () => '/robots.txt', expected: everyone(200) },
  { method: 'GET', route: '/setup/:token', access: 'public', sample: () => '/setup/made-up-token', expected: everyone(404) },
  { method: 'POST', route: '/setup/:token', access: 'public', sample: () => '/setup/made-up-token', expected: everyone(404) },
  { method: 'GET', route: '/', access: 'public', sample: () => '/', expected: everyone(200) },
  { method: 'GET', route: '/page/:n/', access: 'public', sample: () => '/page/1/', expected: everyone(200) },
  { method: 'GET', route: '/category/*', access: 'public', sample: (f) => f.category, expected: everyone(200) },
  { method: 'GET', route: '/tag/:slug/', access: 'public', sample: (f) => f.tag, expected: everyone(200) },
  { method: 'GET', route: '/tag/:slug/page/:n/', access: 'public', sample: (f) => `${f.tag}page/1/`, expected: everyone(200) },
  { method: 'GET', route: '/author/:slug/', access: 'public', sample: (f) => f.author, expected: everyone(200) },
  { method: 'GET', route: '/author/:slug/page/:n/', access: 'public', sample: (f) => `${f.author}page/1/`, expected: everyone(200) },
  { method: 'GET', route: '/*', access: 'public', sample: (f) => f.post, expected: everyone(200) },
  // Feeds, sitemaps and oEmbed: public reads (a feed of something that does not exist is 404 for everyone).
  { method: 'GET', route: '/feed/', access: 'public', sample: () => '/feed/', expected: everyone(200) },
  { method: 'GET', route: '/feed/:format/', access: 'public', sample: () => '/feed/atom/', expected: everyone(200) },
  { method: 'GET', route: '/comments/feed/', access: 'public', sample: () => '/comments/feed/', expected: everyone(200) },
  { method: 'GET', route: '/comments/feed/:format/', access: 'public', sample: () => '/comments/feed/json/', expected: everyone(200) },
  { method: 'GET', route: '/tag/:slug/feed/', access: 'public', sample: (f) => `${f.tag}feed/`, expected: everyone(200) },
  { method: 'GET', route: '/tag/:slug/feed/:format/', access: 'public', sample: () => '/tag/no-such-tag/feed/atom/', expected: everyone(404) },
  { method: 'GET', route: '/author/:slug/feed/', access: 'public', sample: (f) => `${f.author}feed/`, expected: everyone(200) },
  { method: 'GET', route: '/author/:slug/feed/:format/', access: 'public', sample: (f) => `${f.author}feed/json/`, expected: everyone(200) },
  { method: 'GET', route: '/:year/:month/:day/:slug/feed/', access: 'public', sample: (f) => `${f.post}feed/`, expected: everyone(200) },
  { method: 'GET', route: '/:year/:month/:day/:slug/feed/:format/', access: 'public', sample: () => '/2026/01/01/no-such-post/feed/atom/', expected: everyone(404) },
  // A post's comments feed at another structure's address: 301 to the current one (day and name here).
  { method: 'GET', route: '/:year/:month/:slug/feed/', access: 'public', sample: (f) => `${f.post.replace(/^(\/\d{4}\/\d{2})\/\d{2}/, '$1')}feed/`, expected: everyone(301) },
  { method: 'GET', route: '/:year/:month/:slug/feed/:format/', access: 'public', sample: () => '/2026/01/no-such-post/feed/atom/', expected: everyone(404) },
  { method: 'GET', route: '/archives/:id/feed/', access: 'public', sample: () => '/archives/999999/feed/', expected: everyone(404) },
  { method: 'GET', route: '/archives/:id/feed/:format/', access: 'public', sample: () => '/archives/999999/feed/json/', expected: everyone(404) },
  { method: 'GET', route: '/:slug/feed/', access: 'public', sample: (f) => `/${f.post.split('/').at(-2) ?? ''}/feed/`, expected: everyone(301) },
  { method: 'GET', route: '/:slug/feed/:format/', access: 'public', sample: () => '/no-such-post/feed/atom/', expected: everyone(404) },
  { method: 'GET', route: '/sitemap.xml', access: 'public', sample: () => '/sitemap.xml', expected: everyone(200) },
  { method: 'GET', route: '/sitemap-:name', access: 'public', sample: () => '/sitemap-posts-1.xml', expected: everyone(200) },
  { method: 'GET', route: '/wp-sitemap.xml', access: 'public', sample: () => '/wp-sitemap.xml', expected: everyone(301) },
  {
    method: 'GET', route: '/wp-json/oembed/1.0/embed', access: 'public', sample: (f) => `/wp-json/oembed/1.0/embed?url=${encodeURIComponent(`http://blog.test${f.post}`)}`,
    expected: everyone(200),
  },
  { method: 'GET', route: '/admin/login', access: 'public', sample: () => '/admin/login', expected: everyone(200) },
  {
    method: 'POST', route: '/admin/login', access: 'public', sample: () => '/admin/login',
    // One unknown account per visitor: six failures for one account would (rightly) be rate-limited.
    fields: (visitor) => ({ email: `nobody-${visitor}@example.test`, password: 'wrong password' }), expected: everyone(400),
  },
  { method: 'POST', route: '/admin/logout', access: 'public', sample: () => '/admin/logout', expected: everyone(303), endsSession: true },
  {
    method: 'GET', route: '/admin/', access: { capability: 'read' }, sample: () => '/admin/',
    expected: { anonymous: LOGIN, subscriber: 200, contributor: 200, author: 200, editor: 200, administrator: 200 },
  },
  { method: 'GET', route: '/admin/comments', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments', expected: moderators },
  {
    // No comment 999999: those allowed get as far as looking it up (404), and nothing changes.
    method: 'POST', route: '/admin/comments/:id/:action', access: { capability: 'moderate_comments' },
    sample: () => '/admin/comments/999999/approve', expected: { ...moderators, editor: 404, administrator: 404 },
  },
  // Moderation beyond one button: no bulk action chosen (400); no comment 999999 to edit or reply to (404). Nothing changes.
  { method: 'POST', route: '/admin/comments/bulk', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments/bulk', expected: { ...moderators, editor: 400, administrator: 400 } },
  ...(['GET', 'POST'] as const).map((method): Row => ({
    method, route: '/admin/comments/:id/edit', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments/999999/edit',
    expected: { ...moderators, editor: 404, administrator: 404 },
  })),
  {
    method: 'POST', route: '/admin/comments/:id/reply', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments/999999/reply',
    fields: () => ({ source: 'A reply to nothing.' }), expected: { ...moderators, editor: 404, administrator: 404 },
  },
  // Quick Draft: an empty title is refused (400) for everyone who writes; nothing is stored.
  {
    method: 'POST', route: '/admin/quick-draft', access: { capability: 'edit_posts' }, sample: () => '/admin/quick-draft',
    fields: () => ({ title: '', content: '' }), expected: { anonymous: LOGIN, subscriber: 403, contributor: 400, author: 400, editor: 400, administrator: 400 },
  },
  // Users: administrators only; a bad form is refused (400), user 999999 does not exist (404). Nothing changes.
  { method: 'GET', route: '/admin/users', access: { capability: 'list_users' }, sample: () => '/admin/users', expected: administrators(200) },
  { method: 'POST', route: '/admin/users/role', access: { capability: 'promote_users' }, sample: () => '/admin/users/role', expected: administrators(400) },
  { method: 'GET', route: '/admin/users/new', access: { capability: 'create_users' }, sample: () => '/admin/users/new', expected: administrators(200) },
  {
    method: 'POST', route: '/admin/users/new', access: { capability: 'create_users' }, sample: () => '/admin/users/new',
    fields: () => ({ email: 'not an address', login: 'matrix', role: 'author', setup: 'invite' }), expected: administrators(400),
  },
  ...(['GET', 'POST'] as const).flatMap((method): Row[] => [
    { method, route: '/admin/users/:id', access: { capability: 'edit_users' }, sample: () => '/admin/users/999999', expected: administrators(404) },
    { method, route: '/admin/users/:id/delete', access: { capability: 'delete_users' }, sample: () => '/admin/users/999999/delete', expected: administrators(404) },
  ]),
  { method: 'POST', route: '/admin/users/:id/app-passwords', access: { capability: 'edit_users' }, sample: () => '/admin/users/999999/app-passwords', expected: administrators(404) },
  {
    method: 'POST', route: '/admin/users/:id/app-passwords/:uuid/revoke', access: { capability: 'edit_users' },
    sample: () => '/admin/users/999999/app-passwords/00000000-0000-4000-8000-000000000000/revoke', expected: administrators(404),
  },
  { method: 'POST', route: '/admin/users/:id/app-passwords/revoke-all', access: { capability: 'edit_users' }, sample: () => '/admin/users/999999/app-passwords/revoke-all', expected: administrators(404) },
  // Profile: everyone signed in, on their own account; bad forms are refused (400) and change nothing.
  { method: 'GET', route: '/admin/profile', access: { capability: 'read' }, sample: () => '/admin/profile', expected: { ...everyone(200), anonymous: LOGIN } },
  { method: 'POST', route: '/admin/profile', access: { capability: 'read' }, sample: () => '/admin/profile', fields: () => ({ email: 'not an address' }), expected: { ...everyone(400), anonymous: LOGIN } },
  {
    method: 'POST', route: '/admin/profile/password', access: { capability: 'read' }, sample: () => '/admin/profile/password',
    fields: () => ({ currentPassword: 'not the password', newPassword: 'a new long password' }), expected: { ...everyone(400), anonymous: LOGIN },
  },
  {
    method: 'POST', route: '/admin/profile/app-passwords', access: { capability: 'read' }, sample: () => '/admin/profile/app-passwords',
    fields: () => ({ appPasswordName: '' }), expected: { ...everyone(400), anonymous: LOGIN },
  },
  {
    method: 'POST', route: '/admin/profile/app-passwords/:uuid/revoke', access: { capability: 'read' },
    sample: () => '/admin/profile/app-passwords/00000000-0000-4000-8000-000000000000/revoke', expected: { ...everyone(404), anonymous: LOGIN },
  },
  // A profile picture must be an image of your own: media 999999 is none (400); those who cannot upload get 403.
  {
    method: 'POST', route: '/admin/profile/avatar', access: { capability: 'upload_files' }, sample: () => '/admin/profile/avatar',
    fields: () => ({ avatar: '999999' }), expected: { anonymous: LOGIN, subscriber: 403, contributor: 403, author: 400, editor: 400, administrator: 400 },
  },
  // Revoking all of your own (none here) changes nothing and goes back to the profile.
  {
    method: 'POST', route: '/admin/profile/app-passwords/revoke-all', access: { capability: 'read' }, sample: () => '/admin/profile/app-passwords/revoke-all',
    expected: { ...everyone(303), anonymous: LOGIN },
  },
  // Bans: the form sent empty is refused (400) for those allowed; no ban 999999 to lift (404). Nothing changes.
  { method: 'GET', route: '/admin/comments/bans', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments/bans', expected: moderators },
  {
    method: 'POST', route: '/admin/comments/bans', access: { capability: 'moderate_comments' }, sample: () => '/admin/comments/bans',
    expected: { ...moderators, editor: 400, administrator: 400 },
  },
  {
    method: 'POST', route: '/admin/comments/bans/:id/lift', access: { capability: 'moderate_comments' },
    sample: () => '/admin/comments/bans/999999/lift', expected: { ...moderators, editor: 404, administrator: 404 },
  },
  // Commenters' personal data and Settings → Discussion: administrators only; a form with a bad value changes nothing (400).
  { method: 'GET', route: '/admin/comments/privacy', access: { capability: 'manage_options' }, sample: () => '/admin/comments/privacy', expected: administrators(200) },
  {
    method: 'POST', route: '/admin/comments/privacy', access: { capability: 'manage_options' }, sample: () => '/admin/comments/privacy',
    fields: () => ({ email: 'not an address', action: 'erase', confirm: '1' }), expected: administrators(400),
  },
  { method: 'GET', route: '/admin/settings/discussion', access: { capability: 'manage_options' }, sample: () => '/admin/settings/discussion', expected: administrators(200) },
  {
    method: 'POST', route: '/admin/settings/discussion', access: { capability: 'manage_options' }, sample: () => '/admin/settings/discussion',
    fields: () => ({ commentMaxLinks: 'many' }), expected: administrators(400),
  },
  // Categories and tags (manage_categories: editors and administrators): an empty name or no bulk choice is refused
  // (400); there is no term 999999 to edit, delete or merge (404). Nothing changes.
  ...(['/admin/categories', '/admin/tags'] as const).flatMap((base): Row[] => {
    const managers = (outcome: Outcome): Outcomes => ({ ...moderators, editor: outcome, administrator: outcome });
    const access = { capability: 'manage_categories' } as const;
    return [
      { method: 'GET', route: base, access, sample: () => base, expected: managers(200) },
      { method: 'POST', route: base, access, sample: () => base, fields: () => ({ name: ' ' }), expected: managers(400) },
      { method: 'POST', route: `${base}/bulk`, access, sample: () => `${base}/bulk`, expected: managers(400) },
      ...(['GET', 'POST'] as const).map((method): Row => ({ method, route: `${base}/:id/edit`, access, sample: () => `${base}/999999/edit`, expected: managers(404) })),
      ...(['delete', 'merge'] as const).map((action): Row => ({
        method: 'POST', route: `${base}/:id/${action}`, access, sample: () => `${base}/999999/${action}`, expected: managers(404),
      })),
    ];
  }),
  // Settings → General, Reading, Sign-in and Permalinks: administrators only; a form with a bad value changes nothing
  // (400), nor does a Test of a provider that does not exist.
  ...(['general', 'reading', 'sign-in', 'permalinks'] as const).flatMap((screen): Row[] => [
    { method: 'GET', route: `/admin/settings/${screen}`, access: { capability: 'manage_options' }, sample: () => `/admin/settings/${screen}`, expected: administrators(200) },
    {
      method: 'POST', route: `/admin/settings/${screen}`, access: { capability: 'manage_options' }, sample: () => `/admin/settings/${screen}`,
      fields: () => ({ timezone: 'Nowhere/Nothing', postsPerPage: 'many', oidcEnabled: '1' }), expected: administrators(400),
    },
  ]),
  {
    method: 'POST', route: '/admin/settings/sign-in/test', access: { capability: 'manage_options' }, sample: () => '/admin/settings/sign-in/test',
    fields: () => ({ test: 'no-such-provider' }), expected: administrators(400),
  },
  // Mailed links: the signed token is the credential, whoever follows it; a made-up one is refused (400) and changes nothing.
  ...(['/subscriptions/confirm/', '/subscriptions/unsubscribe/', '/comments/moderate/'] as const).flatMap((path): Row[] =>
    (['GET', 'POST'] as const).map((method) => ({ method, route: `${path}:token`, access: 'public', sample: () => `${path}made-up-token`, expected: everyone(400) })),
  ),
  // The comment form's routes, for a post that does not exist: refused the same way for everyone, nothing stored.
  {
    method: 'POST', route: '/comments', access: 'public', sample: () => '/comments',
    fields: () => ({ comment_post_ID: '999999', comment: 'A comment on nothing.' }), expected: everyone(404),
  },
  { method: 'GET', route: '/comments/stamp', access: 'public', sample: () => '/comments/stamp?post=999999', expected: everyone(404) },
  // The identity block of a post that does not exist; a draft without this site's Origin (a form post carries none here).
  { method: 'GET', route: '/comments/identity', access: 'public', sample: () => '/comments/identity?post=999999', expected: everyone(404) },
  { method: 'POST', route: '/comments/draft', access: 'public', sample: () => '/comments/draft', expected: everyone(403) },
  // Live comments of a post that does not exist: a 404 page, not a stream (a stream would never end here).
  { method: 'GET', route: '/comments/live/:postId', access: 'public', sample: () => '/comments/live/999999', expected: everyone(404) },
  // Privacy: the request form for everyone (a malformed address is refused, 400, and queues nothing); a made-up
  // link names no live token (404) and changes nothing.
  { method: 'GET', route: '/comments/privacy', access: 'public', sample: () => '/comments/privacy', expected: everyone(200) },
  { method: 'POST', route: '/comments/privacy', access: 'public', sample: () => '/comments/privacy', fields: () => ({ email: 'nobody' }), expected: everyone(400) },
  { method: 'GET', route: '/comments/privacy/:token', access: 'public', sample: () => '/comments/privacy/made-up-token', expected: everyone(404) },
  ...(['download', 'erase'] as const).map((action): Row => ({
    method: 'POST', route: `/comments/privacy/${action}`, access: 'public', sample: () => `/comments/privacy/${action}`,
    fields: () => ({ token: 'made-up-token', confirm: 'yes' }), expected: everyone(404),
  })),
  // Site accounts: forms for everyone; refused input (400) and made-up mailed links (404) change nothing and send no mail.
  ...(['/account/register', '/account/login', '/account/password/forgot', '/account/email-link'] as const).map((path): Row => ({
    method: 'GET', route: path, access: 'public', sample: () => path, expected: everyone(200),
  })),
  { method: 'POST', route: '/account/register', access: 'public', sample: () => '/account/register', fields: () => ({ email: 'not an address' }), expected: everyone(400) },
  {
    method: 'POST', route: '/account/login', access: 'public', sample: () => '/account/login',
    fields: (visitor) => ({ email: `nobody-account-${visitor}@example.test`, password: 'wrong password' }), expected: everyone(400),
  },
  ...(['/account/password/forgot', '/account/email-link'] as const).map((path): Row => ({
    method: 'POST', route: path, access: 'public', sample: () => path, fields: () => ({ email: 'nobody' }), expected: everyone(400),
  })),
  ...(['/account/verify/', '/account/password/reset/', '/account/email-link/'] as const).flatMap((path): Row[] =>
    (['GET', 'POST'] as const).map((method) => ({ method, route: `${path}:token`, access: 'public', sample: () => `${path}made-up-token-made-up`, expected: everyone(404) })),
  ),
  // The account's own page: anyone signed in, whatever their role, gets their own settings (a blank name: 400; no
  // identity 999999: 404); anonymous visitors are sent to /account/login (not the staff sign-in).
  { method: 'GET', route: '/account', access: { signedIn: true }, sample: () => '/account', expected: { ...everyone(200), anonymous: ACCOUNT_LOGIN } },
  {
    method: 'POST', route: '/account', access: { signedIn: true }, sample: () => '/account', fields: () => ({ display_name: ' ' }),
    expected: { ...everyone(400), anonymous: ACCOUNT_LOGIN },
  },
  {
    method: 'POST', route: '/account/identities/:id/unlink', access: { signedIn: true }, sample: () => '/account/identities/999999/unlink',
    expected: { ...everyone(404), anonymous: ACCOUNT_LOGIN },
  },
  { method: 'POST', route: '/auth/logout', access: 'public', sample: () => '/auth/logout', expected: everyone(303), endsSession: true },
  // Passkeys. This app's address (http://blog.test) allows browsers no passkeys, so the JSON routes refuse everyone
  // allowed in (404) and change nothing; adding one needs a session first (anonymous: 401, JSON). Removing a passkey
  // checks the session itself (anonymous: 303 to /account/login); there is no passkey with a made-up id (404).
  ...(['/account/passkeys/options', '/account/passkeys'] as const).map((path): Row => ({
    method: 'POST', route: path, access: { capability: 'read' }, sample: () => path, expected: { ...everyone(404), anonymous: 401 },
  })),
  {
    method: 'POST', route: '/account/passkeys/:id/delete', access: 'public', sample: () => '/account/passkeys/made-up-id/delete',
    expected: { ...everyone(404), anonymous: 303 },
  },
  ...(['/auth/passkey/options', '/auth/passkey'] as const).map((path): Row => ({
    method: 'POST', route: path, access: 'public', sample: () => path, expected: everyone(404),
  })),
  // Provider sign-in: anyone may start one (this site configures no provider: 404); test/auth/ walks the flows.
  { method: 'GET', route: '/auth/:provider/start', access: 'public', sample: () => '/auth/oidc/start?return_to=/', expected: everyone(404) },
  { method: 'GET', route: '/auth/:provider/callback', access: 'public', sample: () => '/auth/oidc/callback?state=x&code=y', expected: everyone(404) },
  { method: 'GET', route: '/avatars/:file', access: 'public', sample: () => `/avatars/${'0'.repeat(64)}.png`, expected: everyone(404) },
  // Media: upload_files (authors and up, as WordPress; contributors cannot upload). The form sent without a file is
  // refused (400); the script's upload without its X-CSRF-Token header is refused (403); no item 999999 (404).
  // Nothing is stored. /uploads/* serves only files the media table knows.
  { method: 'GET', route: '/uploads/*', access: 'public', sample: () => '/uploads/2026/01/nothing.png', expected: everyone(404) },
  { method: 'GET', route: '/admin/media', access: { capability: 'upload_files' }, sample: () => '/admin/media', expected: uploaders(200) },
  { method: 'POST', route: '/admin/media', access: { capability: 'upload_files' }, sample: () => '/admin/media', expected: uploaders(400) },
  {
    method: 'GET', route: '/admin/media.json', access: { capability: 'upload_files' }, sample: () => '/admin/media.json?type=image',
    expected: { ...uploaders(200), anonymous: 401 },
  },
  {
    method: 'POST', route: '/admin/media/upload', access: { capability: 'upload_files' }, sample: () => '/admin/media/upload',
    expected: { ...uploaders(403), anonymous: 401 },
  },
  ...(['GET', 'POST'] as const).flatMap((method): Row[] => ['', '/delete'].map((suffix) => ({
    method, route: `/admin/media/:id${suffix}`, access: { capability: 'upload_files' }, sample: () => `/admin/media/999999${suffix}`, expected: uploaders(404),
  }))),
  // The writers' admin: lists and the editor for everyone who writes (pages: editors and up); an item 999999 is
  // looked up (404) by those allowed in; an empty form is refused (400) and changes nothing.
  ...(['posts', 'pages'] as const).flatMap((list): Row[] => {
    const capability = list === 'posts' ? 'edit_posts' : 'edit_pages';
    const allowed = (outcome: Outcome): Outcomes => list === 'posts' ? writers(outcome) : { ...writers(403), editor: outcome, administrator: outcome };
    return [
      { method: 'GET', route: `/admin/${list}`, access: { capability }, sample: () => `/admin/${list}`, expected: allowed(200) },
      { method: 'POST', route: `/admin/${list}/bulk`, access: { capability }, sample: () => `/admin/${list}/bulk`, expected: allowed(400) },
      { method: 'GET', route: `/admin/${list}/new`, access: { capability }, sample: () => `/admin/${list}/new`, expected: allowed(200) },
      { method: 'POST', route: `/admin/${list}/new`, access: { capability }, sample: () => `/admin/${list}/new`, expected: allowed(400) },
      { method: 'POST', route: `/admin/${list}/new/autosave`, access: { capability }, sample: () => `/admin/${list}/new/autosave`, expected: allowed(400) },
    ];
  }),
  ...(['trash', 'restore', 'delete', 'edit', 'autosave', 'lock', 'quick-edit', 'revisions'] as const).flatMap((action): Row[] => [
    ...(['edit', 'quick-edit', 'revisions'].includes(action)
      ? [{ method: 'GET' as const, route: `/admin/posts/:id/${action}`, access: { capability: 'edit_posts' as const }, sample: () => `/admin/posts/999999/${action}`, expected: writers(404) }]
      : []),
    ...(action === 'revisions'
      ? []
      : [{ method: 'POST' as const, route: `/admin/posts/:id/${action}`, access: { capability: 'edit_posts' as const }, sample: () => `/admin/posts/999999/${action}`, expected: writers(404) }]),
  ]),
  {
    method: 'POST', route: '/admin/posts/:id/revisions/:revision/restore', access: { capability: 'edit_posts' },
    sample: () => '/admin/posts/999999/revisions/1/restore', expected: writers(404),
  },
  { method: 'POST', route: '/admin/preview', access: { capability: 'edit_posts' }, sample: () => '/admin/preview', fields: () => ({ content: '*hi*' }), expected: writers(200) },
  { method: 'GET', route: '/admin/tags/suggest', access: { capability: 'edit_posts' }, sample: () => '/admin/tags/suggest?q=a', expected: { ...writers(200), anonymous: 401 } },
  {
    method: 'POST', route: '/admin/posts/add-category', access: { capability: 'manage_categories' }, sample: () => '/admin/posts/add-category',
    expected: { ...writers(403), editor: 400, administrator: 400 },
  },
  // The WordPress API: public routes whose handlers check each caller and object (test/wp-json/ walks the roles
  // with application passwords); session callers send their nonce. Lists and the index answer everyone; a new
  // post filed under category 999999 (a new page under parent 999999) is refused: 401 anonymous, 403 for roles
  // that may not write the type, 400 for those who may (the term or parent does not exist). No post 999999: 404.
  ...(['/wp-json/', '/wp-json/wp/v2', '/wp-json/wp/v2/posts', '/wp-json/wp/v2/pages', '/wp-json/wp/v2/types', '/wp-json/wp/v2/taxonomies', '/wp-json/wp/v2/search'] as const)
    .map((path): Row => ({ method: 'GET', route: path, access: 'public', sample: () => path, expected: everyone(200) })),
  { method: 'GET', route: '/wp-json/*', access: 'public', sample: () => '/wp-json/wp/v2/nope', expected: everyone(404) },
  { method: 'OPTIONS', route: '/wp-json/*', access: 'public', sample: () => '/wp-json/wp/v2/posts', expected: everyone(200) },
  { method: 'GET', route: '/wp-json/wp/v2/types/:type(^[\\w-]+$)', access: 'public', sample: () => '/wp-json/wp/v2/types/post', expected: everyone(200) },
  { method: 'GET', route: '/wp-json/wp/v2/taxonomies/:taxonomy(^[\\w-]+$)', access: 'public', sample: () => '/wp-json/wp/v2/taxonomies/category', expected: everyone(200) },
  { method: 'GET', route: '/wp-json/wp/v2/statuses', access: 'public', sample: () => '/wp-json/wp/v2/statuses', expected: everyone(200) },
  { method: 'GET', route: '/wp-json/wp/v2/statuses/:status(^[\\w-]+$)', access: 'public', sample: () => '/wp-json/wp/v2/statuses/publish', expected: everyone(200) },
  ...(['posts', 'pages'] as const).flatMap((rest): Row[] => [
    {
      method: 'POST', route: `/wp-json/wp/v2/${rest}`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}`,
      fields: (): Readonly<Record<string, string>> => (rest === 'posts' ? { title: 'Matrix', categories: '999999' } : { title: 'Matrix', parent: '999999' }),
      expected: rest === 'posts'
        ? { anonymous: 401, subscriber: 403, contributor: 400, author: 400, editor: 400, administrator: 400 }
        : { anonymous: 401, subscriber: 403, contributor: 403, author: 403, editor: 400, administrator: 400 },
    },
    ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): Row => ({
      method, route: `/wp-json/wp/v2/${rest}/:id(^\\d+$)`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}/999999`, expected: everyone(404),
    })),
    { method: 'GET', route: `/wp-json/wp/v2/${rest}/:parent(^\\d+$)/revisions`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}/999999/revisions`, expected: everyone(404) },
    {
      method: 'GET', route: `/wp-json/wp/v2/${rest}/:parent(^\\d+$)/revisions/:id(^\\d+$)`, access: 'public',
      sample: () => `/wp-json/wp/v2/${rest}/999999/revisions/1`, expected: everyone(404),
    },
  ]),
  // Categories, tags, comments and users (REST-2): lists answer everyone; writes refuse anonymous callers (401) and
  // roles without the capability (403), and those with it meet the refusal of their bad input (400); item 999999: 404.
  ...(['categories', 'tags', 'comments', 'users'] as const).flatMap((rest): Row[] => [
    { method: 'GET', route: `/wp-json/wp/v2/${rest}`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}`, expected: everyone(200) },
    ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): Row => ({
      method, route: `/wp-json/wp/v2/${rest}/:id(^\\d+$)`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}/999999?reassign=1`, expected: everyone(404),
    })),
  ]),
  ...(['categories', 'tags'] as const).map((rest): Row => ({
    method: 'POST', route: `/wp-json/wp/v2/${rest}`, access: 'public', sample: () => `/wp-json/wp/v2/${rest}`, fields: () => ({ name: ' ' }),
    expected: { anonymous: 401, subscriber: 403, contributor: 403, author: 403, editor: 400, administrator: 400 },
  })),
  // The media library is as public as the files /uploads serves; uploading needs upload_files (a form is no file: 400).
  { method: 'GET', route: '/wp-json/wp/v2/media', access: 'public', sample: () => '/wp-json/wp/v2/media', expected: everyone(200) },
  {
    method: 'POST', route: '/wp-json/wp/v2/media', access: 'public', sample: () => '/wp-json/wp/v2/media',
    expected: { anonymous: 401, subscriber: 403, contributor: 403, author: 400, editor: 400, administrator: 400 },
  },
  { method: 'GET', route: '/wp-json/wp/v2/media/:id(^\\d+$)', access: 'public', sample: () => '/wp-json/wp/v2/media/999999', expected: everyone(404) },
  // Anyone may comment (the form's rules apply); there is no post 999999 to comment on.
  { method: 'POST', route: '/wp-json/wp/v2/comments', access: 'public', sample: () => '/wp-json/wp/v2/comments', fields: () => ({ post: '999999', content: 'Hi' }), expected: everyone(403) },
  {
    method: 'POST', route: '/wp-json/wp/v2/users', access: 'public', sample: () => '/wp-json/wp/v2/users',
    fields: () => ({ username: 'matrix-new', email: 'not-an-address', password: 'long enough password' }),
    expected: { anonymous: 401, subscriber: 403, contributor: 403, author: 403, editor: 403, administrator: 400 },
  },
  // Application passwords: each person's own ("me": everyone signed in; a GET carries no nonce, so it is anonymous);
  // another's (user 999999 does not exist: 404 for everyone) need edit_users.
  ...(['GET', 'POST', 'DELETE'] as const).map((method): Row => ({
    method, route: '/wp-json/wp/v2/users/:user_id(^[\\w-]+$)/application-passwords', access: 'public',
    sample: () => '/wp-json/wp/v2/users/me/application-passwords', fields: () => ({ name: ' ' }),
    // POST sends an empty name (400); DELETE revokes all of none (200).
    expected: method === 'GET' ? everyone(401) : { ...everyone(method === 'POST' ? 400 : 200), anonymous: 401 },
  })),
  ...(['GET', 'DELETE'] as const).map((method): Row => ({
    method, route: '/wp-json/wp/v2/users/:user_id(^[\\w-]+$)/application-passwords/:uuid(^[\\w-]+$)', access: 'public',
    sample: () => '/wp-json/wp/v2/users/999999/application-passwords/no-such-uuid', expected: everyone(404),
  })),
  // A signed-in browser's GET carries no nonce here: WordPress reads it as anonymous (users/me: 401); writes carry it.
  { method: 'GET', route: '/wp-json/wp/v2/users/me', access: 'public', sample: () => '/wp-json/wp/v2/users/me', expected: everyone(401) },
  ...(['POST', 'PUT', 'PATCH'] as const).map((method): Row => ({
    method, route: '/wp-json/wp/v2/users/me', access: 'public', sample: () => '/wp-json/wp/v2/users/me',
    expected: { anonymous: 401, subscriber: 200, contributor: 200, author: 200, editor: 200, administrator: 200 },
  })),
];

const keyOf = (route: { method: string; url?: string; route?: string }) => `${route.method} ${route.url ?? route.route}`;

describe('the authorization matrix', () => {
  let app: TestApp;
  let fixture: Fixture;
  const browsers = new Map<Visitor, CookieJar>();

  /** A browser for `visitor`: signed in through the real form as someone with that role (or anonymous, with a CSRF cookie). */
  async function browserFor(visitor: Visitor): Promise<CookieJar> {
    if (visitor === 'anonymous') {
      const jar = new CookieJar();
      await openForm(app, '/admin/login', jar);
      return jar;
    }
    const user = await createStaff(app, visitor);
    return signIn(app, user.email, STAFF_PASSWORD);
  }

  beforeAll(async () => {
    app = await createTestApp();
    const author = await buildAuthor(app, { login: 'matrix-author' });
    const category = await buildCategory(app, { name: 'Matrix' });
    const post = await buildPost(app, { author, categories: [category], tags: ['matrix-tag'] });
    const stylesheet = parseHtml((await get(app, '/admin/login')).body)('link[rel="stylesheet"]').attr('href') ?? '';
    fixture = { post: permalinkOf(post), category: '/category/matrix/', tag: '/tag/matrix-tag/', author: '/author/matrix-author/', stylesheet };
    for (const visitor of VISITORS) browsers.set(visitor, await browserFor(visitor));
  });
  afterAll(() => app.close());

  it('lists every route the server registers, and only those', () => {
    const registered = registeredRoutes(app.server).map(keyOf).sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(registered, 'a route is missing from TABLE (or TABLE names one that is gone)').toEqual(TABLE.map(keyOf).sort());
  });

  it('finds on each route the access rule the table expects', () => {
    const rules = new Map(registeredRoutes(app.server).map((r) => [keyOf(r), r.access]));
    for (const row of TABLE) expect(rules.get(keyOf(row)), keyOf(row)).toEqual(row.access);
  });

  describe.each(TABLE)('$method $route', (row) => {
    it.each(VISITORS)('as %s', async (visitor) => {
      const jar = row.endsSession ? await browserFor(visitor) : (browsers.get(visitor) as CookieJar).clone();
      const url = row.sample(fixture);
      let response;
      if (row.method === 'GET') {
        response = await get(app, url, jar);
      } else if (row.method !== 'POST') {
        // Only the WordPress API has these methods; its session callers prove themselves with the nonce (X-WP-Nonce).
        const { csrf } = await openForm(app, '/admin/login', jar);
        response = await app.server.inject({ method: row.method, url, headers: { cookie: jar.header(), 'x-wp-nonce': csrf } });
      } else {
        const { csrf } = await openForm(app, '/admin/login', jar);
        const nonce: Readonly<Record<string, string>> = url.startsWith('/wp-json/') ? { _wpnonce: csrf } : {};
        response = await postForm(app, url, { _csrf: csrf, ...nonce, ...row.fields?.(visitor) }, jar);
      }
      const expected = row.expected[visitor];
      if (expected === LOGIN) {
        expect(response.statusCode, `${visitor} ${row.method} ${url}`).toBe(303);
        expect(String(response.headers.location)).toMatch(/^\/admin\/login(\?|$)/);
      } else if (expected === ACCOUNT_LOGIN) {
        expect(response.statusCode, `${visitor} ${row.method} ${url}`).toBe(303);
        // A page read comes back to itself after signing in; a form post cannot be replayed, so it does not.
        expect(String(response.headers.location)).toBe(row.method === 'GET' ? `/account/login?return_to=${encodeURIComponent(url)}` : '/account/login');
      } else {
        expect(response.statusCode, `${visitor} ${row.method} ${url}`).toBe(expected);
      }
    });
  });
});
