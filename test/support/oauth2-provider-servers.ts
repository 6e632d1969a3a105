// Local stand-ins for the OAuth 2 servers of Facebook, X, WordPress.com and GitHub on 127.0.0.1: authorize, token (exact redirect URI, single-use codes, PKCE S256, client authentication as each provider does it), profile and avatar.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { AuthProviderConfig } from '../../src/config/schema.js';
import {
  ENDPOINTS, type JsonAnswer, type OAuth2Flavour, type ProviderPerson, type TokenProblem, facebookMe, githubEmails,
  githubUser, tokenAnswer, tokenError, unauthorizedProfile, wordpressMe, xMe,
} from './oauth2-provider-shapes.js';

export type { OAuth2Flavour, ProviderPerson } from './oauth2-provider-shapes.js';
export { OAUTH2_FLAVOURS } from './oauth2-provider-shapes.js';

/** What the authorize endpoint saw, for tests that check what the app asked for. */
export interface AuthorizationRecord {
  readonly query: Readonly<Record<string, string>>;
}

export interface LocalOAuth2Server {
  readonly flavour: OAuth2Flavour;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The one redirect URI registered for the client: `${publicUrl}/auth/${provider}/callback`. */
  readonly redirectUri: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** The profile endpoint; GitHub's e-mails are at this URL with `/emails` appended to its path. */
  readonly userinfoUrl: string;
  /** This provider's entry in the app's Config.authProviders, pointing it at this server. */
  readonly settings: AuthProviderConfig;
  /** The same as QUIRE_AUTH_<PROVIDER>_* variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Who is signed in at the provider: the next authorization is theirs. */
  person: ProviderPerson;
  /** The next authorization is cancelled by the person: the redirect carries error=access_denied. */
  denyNext(): void;
  readonly authorizations: readonly AuthorizationRecord[];
  /** Why the token and profile endpoints refused requests, in order (e.g. "code_verifier does not match"). */
  readonly refusals: readonly string[];
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
  /** How many times the avatar was fetched (the app should fetch it once and keep it). */
  readonly avatarFetches: number;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The app's public URL (the redirect URI is built on it); test apps use http://blog.test. */
  readonly publicUrl?: string;
  readonly person?: ProviderPerson;
}

interface Grant {
  readonly redirectUri: string;
  readonly challenge: string | undefined;
  readonly scope: string;
  readonly person: ProviderPerson;
  used: boolean;
}

/** A 48×48 PNG avatar in one colour, made here so no file is needed. */
export const AVATAR_PNG: Buffer = solidPng(48, 48, [0x2a, 0x7a, 0xb0]);

const ENV_PREFIX: Readonly<Record<OAuth2Flavour, string>> = {
  facebook: 'QUIRE_AUTH_FACEBOOK', x: 'QUIRE_AUTH_X', wordpress: 'QUIRE_AUTH_WORDPRESS', github: 'QUIRE_AUTH_GITHUB',
};

export function defaultPerson(flavour: OAuth2Flavour): ProviderPerson {
  return { id: '4815162342', name: `Ada ${flavour}`, username: `ada_${flavour}`, email: `ada.${flavour}@example.org`, emailVerified: true, hasPicture: true };
}

export async function startOAuth2Server(flavour: OAuth2Flavour, options: StartOptions = {}): Promise<LocalOAuth2Server> {
  const paths = ENDPOINTS[flavour];
  // Shaped like the real ones: X's are base64 of `<id>:1:ci`, GitHub's start with Ov23li, the others are numbers.
  const clientId = flavour === 'x' ? Buffer.from(`${randomToken(12)}:1:ci`).toString('base64url')
    : flavour === 'github' ? `Ov23li${randomToken(10)}` : String(100000 + Math.floor(Math.random() * 900000));
  const clientSecret = randomToken(24);
  const redirectUri = `${options.publicUrl ?? 'http://blog.test'}/auth/${flavour}/callback`;
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, { readonly person: ProviderPerson; readonly code: string }>();
  const authorizations: AuthorizationRecord[] = [];
  const refusals: string[] = [];
  let deny = false;
  let origin = '';

  // What tests read and change while the server runs.
  const live = {
    person: options.person ?? defaultPerson(flavour),
    tokensIssued: 0,
    avatarFetches: 0,
  };

  function refuse(problem: TokenProblem, why: string): JsonAnswer {
    refusals.push(why);
    return tokenError(flavour, problem, why);
  }

  function authorize(url: URL, response: http.ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    authorizations.push({ query });
    // Like the real ones: an unknown client or a redirect URI that is not registered exactly gets a page, never a redirect.
    if (query.client_id !== clientId) return sendText(response, 400, 'Invalid client_id: this app is not known here.');
    if (query.redirect_uri !== redirectUri) return sendText(response, 400, `redirect_uri is not the registered one: ${redirectUri}`);
    const back = new URL(redirectUri);
    if (query.state !== undefined) back.searchParams.set('state', query.state);
    const problem = query.response_type !== 'code' ? 'unsupported_response_type'
      : query.code_challenge === undefined || query.code_challenge_method !== 'S256' ? 'invalid_request' : undefined;
    if (problem !== undefined) {
      // PKCE S256 is required here for every flavour (X requires it for real; the app must always send it).
      back.searchParams.set('error', problem);
      back.searchParams.set('error_description', problem === 'invalid_request' ? 'code_challenge with code_challenge_method=S256 is required' : 'response_type must be code');
    } else if (deny) {
      deny = false;
      back.searchParams.set('error', 'access_denied');
      if (flavour === 'facebook') back.searchParams.set('error_reason', 'user_denied');
      back.searchParams.set('error_description', 'The user denied your request.');
    } else {
      const code = randomToken(20);
      grants.set(code, {
        redirectUri, challenge: query.code_challenge, scope: query.scope ?? '', person: live.person, used: false,
      });
      back.searchParams.set('code', code);
    }
    // Facebook appends `#_=_` to every redirect; browsers keep it out of the request.
    response.writeHead(302, { location: flavour === 'facebook' ? `${back.href}#_=_` : back.href }).end();
  }

  function clientAuthenticated(request: http.IncomingMessage, form: URLSearchParams): boolean {
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (flavour === 'x') {
      // X: a confidential client authenticates with HTTP Basic, id and secret form-encoded first (RFC 6749 §2.3.1).
      if (basic === undefined || form.has('client_secret')) return false;
      const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString().split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      return id === clientId && secret === clientSecret;
    }
    // Facebook, GitHub, WordPress.com: client_id and client_secret in the body.
    return basic === undefined && form.get('client_id') === clientId && form.get('client_secret') === clientSecret;
  }

  function exchange(request: http.IncomingMessage, form: URLSearchParams): JsonAnswer {
    if (!/^application\/x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')) return refuse('request', 'the body must be application/x-www-form-urlencoded');
    if (!clientAuthenticated(request, form)) return refuse('client', 'client authentication failed');
    if (form.get('grant_type') !== 'authorization_code') return refuse('request', 'grant_type must be authorization_code');
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    if (grant === undefined) return refuse('grant', 'the code is not known');
    if (grant.used) {
      // A replayed code is refused, and (RFC 9700 §4.2.4) so are the tokens it already bought.
      for (const [token, issued] of tokens) if (issued.code === code) tokens.delete(token);
      return refuse('grant', 'the code was already used');
    }
    grant.used = true;
    if (form.get('redirect_uri') !== grant.redirectUri) return refuse('grant', 'redirect_uri does not match the authorization request');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return refuse('grant', 'code_verifier is missing or malformed');
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return refuse('grant', 'code_verifier does not match');
    const accessToken = randomToken(32);
    tokens.set(accessToken, { person: grant.person, code });
    live.tokensIssued += 1;
    return tokenAnswer(flavour, accessToken, grant.scope);
  }

  function bearer(request: http.IncomingMessage, url: URL): ProviderPerson | undefined {
    const header = request.headers.authorization ?? '';
    // GitHub also takes `token …`; Facebook also takes `?access_token=…`.
    const scheme = flavour === 'github' ? /^(?:Bearer|token)\s+(\S+)$/i : /^Bearer\s+(\S+)$/i;
    const token = scheme.exec(header)?.[1] ?? (flavour === 'facebook' ? url.searchParams.get('access_token') ?? undefined : undefined);
    return token === undefined ? undefined : tokens.get(token)?.person;
  }

  function profile(request: http.IncomingMessage, url: URL, emails: boolean): JsonAnswer {
    if (flavour === 'github' && !request.headers['user-agent']) {
      refusals.push('the GitHub API requires a User-Agent header');
      return { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' } };
    }
    const person = bearer(request, url);
    if (person === undefined) {
      refusals.push('the profile request had no valid access token');
      return unauthorizedProfile(flavour);
    }
    const avatarUrl = person.pictureUrl ?? `${origin}/avatar/${person.id}.png`;
    switch (flavour) {
      case 'facebook': return { status: 200, body: facebookMe(person, (url.searchParams.get('fields') ?? '').split(','), avatarUrl) };
      case 'x': return { status: 200, body: xMe(person, (url.searchParams.get('user.fields') ?? '').split(','), avatarUrl) };
      case 'wordpress': return { status: 200, body: wordpressMe(person, avatarUrl, origin) };
      case 'github': return { status: 200, body: emails ? githubEmails(person) : githubUser(person, avatarUrl, origin) };
    }
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    readBody(request).then((body) => {
      if (request.method === 'GET' && url.pathname === paths.authorize) return authorize(url, response);
      if (request.method === 'POST' && url.pathname === paths.token) {
        const answer = exchange(request, new URLSearchParams(body));
        // GitHub answers form-encoded unless asked for JSON (openid-client asks; a hand-rolled client might not).
        if (flavour === 'github' && !/json/.test(request.headers.accept ?? '')) return sendForm(response, answer);
        return sendJson(response, answer);
      }
      if (request.method === 'GET' && url.pathname === paths.profile) return sendJson(response, profile(request, url, false));
      if (request.method === 'GET' && flavour === 'github' && url.pathname === `${paths.profile}/emails`) return sendJson(response, profile(request, url, true));
      if (request.method === 'GET' && /^\/avatar\/[^/]+\.png$/.test(url.pathname)) {
        live.avatarFetches += 1;
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': AVATAR_PNG.length }).end(AVATAR_PNG);
        return undefined;
      }
      return sendText(response, 404, 'Not found');
    }).catch(() => sendText(response, 400, 'Bad request'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const prefix = ENV_PREFIX[flavour];
  const endpoints = { authorizeUrl: origin + paths.authorize, tokenUrl: origin + paths.token, userinfoUrl: origin + paths.profile };

  return {
    flavour, origin, clientId, clientSecret, redirectUri, ...endpoints,
    settings: { clientId, clientSecret, authorizeUrl: endpoints.authorizeUrl, tokenUrl: endpoints.tokenUrl, userinfoUrl: endpoints.userinfoUrl },
    env: {
      [`${prefix}_CLIENT_ID`]: clientId,
      [`${prefix}_CLIENT_SECRET`]: clientSecret,
      [`${prefix}_AUTHORIZE_URL`]: endpoints.authorizeUrl,
      [`${prefix}_TOKEN_URL`]: endpoints.tokenUrl,
      [`${prefix}_USERINFO_URL`]: endpoints.userinfoUrl,
    },
    get person() { return live.person; },
    set person(person: ProviderPerson) { live.person = person; },
    denyNext() { deny = true; },
    authorizations,
    refusals,
    get tokensIssued() { return live.tokensIssued; },
    get avatarFetches() { return live.avatarFetches; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: http.ServerResponse, answer: JsonAnswer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(answer.body));
}

function sendForm(response: http.ServerResponse, answer: JsonAnswer): void {
  const fields = Object.entries(answer.body as Record<string, unknown>).map(([key, value]): [string, string] => [key, String(value)]);
  response.writeHead(answer.status, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }).end(new URLSearchParams(fields).toString());
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3] ?? 0)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
