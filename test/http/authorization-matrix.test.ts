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
  readonly method: 'GET' | 'POST';
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
/** Only administrators (manage_options) get `outcome`; other staff 403, anonymous visitors the sign-in page. */
const administrators = (outcome: Outcome): Outcomes =>
  ({ anonymous: LOGIN, subscriber: 403, contributor: 403, author: 403, editor: 403, administrator: outcome });

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
      } else {
        const { csrf } = await openForm(app, '/admin/login', jar);
        response = await postForm(app, url, { _csrf: csrf, ...row.fields?.(visitor) }, jar);
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
