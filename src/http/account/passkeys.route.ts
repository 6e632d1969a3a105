// Passkeys over HTTP: adding one to the signed-in account (JSON, CSRF token in the x-csrf-token header), removing
// one (a form on /account), and signing in with one (JSON, anonymous: same-origin requests only, rate limited per
// address). Challenges wait in short-lived signed cookies (passkey-challenges.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passkeyErrors } from '../../features/passkeys/index.js';
import { AppError } from '../../kernel/errors.js';
import { requireUser, currentUser } from '../auth/current-user.js';
import { startSession } from '../auth/start-session.js';
import type { HttpDeps } from '../deps.js';
import { createPasskeyChallenges, registrationBinding } from './passkey-challenges.js';
import { ACCOUNT_PATHS, type Body, PUBLIC, markAccountResponse, returnToOf, withReturnTo } from './page.js';

export const PASSKEY_PATHS = {
  registrationOptions: '/account/passkeys/options',
  register: '/account/passkeys',
  remove: (id: string) => `/account/passkeys/${id}/delete`,
  signInOptions: '/auth/passkey/options',
  signIn: '/auth/passkey',
} as const;

const RATE_WINDOW_MS = 15 * 60_000;
/** Sign-in attempts (answers checked) from one address in the window; a success takes its own back. */
export const PASSKEY_SIGN_INS_PER_IP = 20;
/** Sign-in options from one address in the window (each is a challenge; nobody needs many). */
export const PASSKEY_OPTIONS_PER_IP = 60;

const SIGNED_IN_JSON = { access: { capability: 'read' }, surface: 'api' } as const;
const ANONYMOUS_JSON = { access: 'public', surface: 'api' } as const;
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,500}$/;

function crossSite(): AppError {
  return new AppError({
    code: 'PASSKEY_CROSS_SITE',
    kind: 'forbidden',
    message: 'Passkeys work only from this site\'s own pages. Open the page on this site and try again.',
  });
}

function rateLimited(): AppError {
  return new AppError({
    code: 'PASSKEY_RATE_LIMITED',
    kind: 'rate_limited',
    message: 'Too many passkey sign-in attempts from your address. Wait 15 minutes and try again.',
  });
}

const bodyOf = (request: FastifyRequest): Body =>
  (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Body;

export function registerPasskeyRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { passkeys, accounts, sessions } = deps.services;
  const challenges = createPasskeyChallenges(deps);
  const session = { sessions, publicUrl: deps.config.publicUrl };

  /** Refusals before anything is read: no passkeys here at all; a request some other site's page made the browser send. */
  function admit(request: FastifyRequest): void {
    const rp = passkeys.relyingParty;
    if (!rp) throw passkeyErrors.unavailable();
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    // 'same-site' is a sibling host (another subdomain): not this origin either.
    if ((origin !== undefined && origin !== rp.origin) || fetchSite === 'cross-site' || fetchSite === 'same-site') throw crossSite();
  }

  async function count(request: FastifyRequest, reply: FastifyReply, key: string, limit: number): Promise<void> {
    if ((await deps.counters.hit(key, RATE_WINDOW_MS)) <= limit) return;
    request.log.warn({ ip: request.ip }, 'passkey sign-in refused: too many attempts');
    reply.header('Retry-After', String(RATE_WINDOW_MS / 1000));
    throw rateLimited();
  }

  // ---- Adding a passkey to the signed-in account -------------------------------------------------------------

  app.post(PASSKEY_PATHS.registrationOptions, { config: SIGNED_IN_JSON }, async (request, reply) => {
    admit(request);
    deps.csrf.verify(request, request.headers['x-csrf-token']);
    const user = await requireUser(request, deps.services);
    const options = await passkeys.registrationOptions(user);
    challenges.keep(reply, 'registration', options.challenge, registrationBinding(request, user));
    return markAccountResponse(reply).send(options);
  });

  app.post(PASSKEY_PATHS.register, { config: SIGNED_IN_JSON }, async (request, reply) => {
    admit(request);
    deps.csrf.verify(request, request.headers['x-csrf-token']);
    const user = await requireUser(request, deps.services);
    markAccountResponse(reply);
    const challenge = await challenges.take(request, reply, 'registration', registrationBinding(request, user));
    const passkey = await passkeys.verifyRegistration(user, bodyOf(request).credential, challenge);
    request.log.info({ userId: user.id, passkey: passkey.id.slice(0, 8) }, 'passkey added');
    return reply.status(201).send({ passkey: { id: passkey.id, name: passkey.name }, redirect: ACCOUNT_PATHS.settings });
  });

  app.post<{ Params: { id: string }; Body: Body }>('/account/passkeys/:id/delete', { config: PUBLIC }, async (request, reply) => {
    deps.csrf.verify(request, bodyOf(request)._csrf);
    markAccountResponse(reply);
    const user = await currentUser(request, deps.services);
    if (!user) return reply.redirect(withReturnTo(ACCOUNT_PATHS.login, ACCOUNT_PATHS.settings), 303);
    if (!CREDENTIAL_ID.test(request.params.id)) throw passkeyErrors.notFound();
    await passkeys.remove(user.id, request.params.id);
    request.log.info({ userId: user.id, passkey: request.params.id.slice(0, 8) }, 'passkey removed');
    return reply.redirect(ACCOUNT_PATHS.settings, 303);
  });

  // ---- Signing in with a passkey -----------------------------------------------------------------------------

  app.post(PASSKEY_PATHS.signInOptions, { config: ANONYMOUS_JSON }, async (request, reply) => {
    admit(request);
    await count(request, reply, `passkey-options:ip:${request.ip}`, PASSKEY_OPTIONS_PER_IP);
    const options = await passkeys.authenticationOptions();
    challenges.keep(reply, 'sign-in', options.challenge, '');
    return markAccountResponse(reply).send(options);
  });

  app.post(PASSKEY_PATHS.signIn, { config: ANONYMOUS_JSON }, async (request, reply) => {
    admit(request);
    const key = `passkey-sign-in:ip:${request.ip}`;
    await count(request, reply, key, PASSKEY_SIGN_INS_PER_IP);
    markAccountResponse(reply);
    const body = bodyOf(request);
    const challenge = await challenges.take(request, reply, 'sign-in', '');
    const { user, passkey } = await passkeys.verifyAuthentication(body.credential, challenge);
    // A passkey signs in the account's own ('site') identity: the comment form says "your <site> account".
    const identity = await accounts.ensureSiteIdentity(user);
    await startSession(session, request, reply, user.id, identity.id);
    await deps.counters.release(key);
    request.log.info({ userId: user.id, passkey: passkey.id.slice(0, 8) }, 'signed in with a passkey');
    return reply.send({ redirect: returnToOf(body.return_to) });
  });
}
