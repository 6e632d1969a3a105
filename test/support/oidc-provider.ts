// A real OpenID Provider (npm oidc-provider) on 127.0.0.1 for sign-in tests, with its development login and
// consent pages driven over HTTP like a browser would (cookies carried, redirects followed by hand).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
}

/** Standard claims of a test person; absent e-mail claims: a provider that tells no address. */
export interface TestAccountClaims {
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly picture?: string;
}

export interface TestOidcProvider {
  readonly issuer: string;
  /** People by subject; the login page accepts any subject, what is here decides their claims. */
  readonly accounts: Map<string, TestAccountClaims>;
  /** Lifetime of the ID tokens issued from now on, in seconds (default 3600). */
  setIdTokenTtl(seconds: number): void;
  /** Replaces the id_token of token responses with this one (an attacker's substitution); undefined stops it. */
  substituteIdToken(idToken: string | undefined): void;
  /** Signs `login` in at the provider and consents; returns where the provider redirects the browser (our callback). */
  authorize(authorizationUrl: string | URL, login: string): Promise<URL>;
  /** Like authorize, but the person refuses consent: the provider's error redirect. */
  authorizeAndDeny(authorizationUrl: string | URL, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startOidcProvider(clients: readonly TestClient[]): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccountClaims>();
  let idTokenTtl = 3600;
  let substitute: string | undefined;
  let provider: Provider | undefined;
  const server = http.createServer((request, response) => {
    if (!provider) return void response.writeHead(503).end();
    provider.callback()(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: clients.map((client) => ({ ...client, redirect_uris: [...client.redirect_uris], token_endpoint_auth_method: 'client_secret_post' })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'] },
    cookies: { keys: ['a test key that signs the provider cookies'] },
    // Every lifetime set (short, as tests need), so the provider does not warn about its defaults in the test output.
    ttl: { IdToken: () => idTokenTtl, AccessToken: 600, Grant: 600, Interaction: 600, Session: 600 },
    async findAccount(_ctx: unknown, sub: string) {
      const claims = accounts.get(sub);
      return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && substitute !== undefined && typeof ctx.body === 'object' && ctx.body !== null && 'id_token' in ctx.body) {
      ctx.body = { ...ctx.body, id_token: substitute };
    }
  });

  async function drive(authorizationUrl: string | URL, login: string, consent: boolean): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      if (url.origin !== issuer) return url;
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const [name = '', value = ''] = pair.split(/=(.*)/s);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      const location = response.headers.get('location');
      const body = await response.text();
      if (location) {
        url = new URL(location, url);
        form = undefined;
        continue;
      }
      // An interaction page: the login form, or the consent form.
      const action = /<form[^>]*action="([^"]+)"/.exec(body)?.[1];
      if (response.status !== 200 || !action) throw new Error(`The provider answered ${response.status}: ${body.slice(0, 300)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url);
      if (body.includes('name="prompt" value="login"')) form = new URLSearchParams({ prompt: 'login', login, password: 'any' });
      else if (consent) form = new URLSearchParams({ prompt: 'consent' });
      else url = new URL(`${url.pathname.replace(/\/$/, '')}/abort`, url);
    }
    throw new Error('The provider did not redirect back within 20 steps.');
  }

  return {
    issuer,
    accounts,
    setIdTokenTtl: (seconds) => void (idTokenTtl = seconds),
    substituteIdToken: (idToken) => void (substitute = idToken),
    authorize: (authorizationUrl, login) => drive(authorizationUrl, login, true),
    authorizeAndDeny: (authorizationUrl, login) => drive(authorizationUrl, login, false),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A tiny PNG (1×1) and a local server for it: the provider's "picture" claim points here. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64',
);

export interface PictureServer {
  readonly url: (name: string) => string;
  /** How many times each path was fetched. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startPictureServer(): Promise<PictureServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/huge')) {
      // Over the 1 MB limit, without saying so in advance.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.concat([TINY_PNG, Buffer.alloc(1024 * 1024 + 10)]));
    } else if (path.startsWith('/html')) {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
    } else {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length }).end(TINY_PNG);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name) => `${base}/${name}`,
    hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
