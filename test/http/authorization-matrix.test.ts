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
type Outcome = number | typeof LOGIN;
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

const TABLE: readonly Row[] = [
  { method: 'GET', route: '/assets/:file', access: 'public', sample: (f) => f.stylesheet, expected: everyone(200) },
  { method: 'GET', route: '/healthz', access: 'public', sample: () => '/healthz', expected: everyone(200) },
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
      } else {
        expect(response.statusCode, `${visitor} ${row.method} ${url}`).toBe(expected);
      }
    });
  });
});
