// Who is asking: the session cookie resolved to a user (and the identity it was started through), at most once per request.
import type { FastifyRequest } from 'fastify';
import type { SessionsService } from '../../features/sessions/index.js';
import type { User, UsersService } from '../../features/users/index.js';
import { signInRequired } from '../access.js';
import { sessionTokenOf } from './session-cookie.js';

export interface CurrentUserDeps {
  readonly sessions: Pick<SessionsService, 'resolve'>;
  readonly users: Pick<UsersService, 'findById'>;
}

/** A live session's person, and the identity the session was started through (if any). */
export interface SignedIn {
  readonly user: User;
  readonly identityId: number | undefined;
}

// A side table keyed by the request, as in cache/tags.ts: it lives exactly as long as the request does.
const resolved = new WeakMap<FastifyRequest, Promise<SignedIn | undefined>>();

async function resolve(request: FastifyRequest, deps: CurrentUserDeps): Promise<SignedIn | undefined> {
  const token = sessionTokenOf(request);
  if (!token) return undefined;
  const session = await deps.sessions.resolve(token);
  // The account may be gone (its sessions go with it, but a request may be in flight).
  const user = session ? await deps.users.findById(session.userId) : undefined;
  return user ? { user, identityId: session?.identityId } : undefined;
}

/** The signed-in person and their session's identity, or undefined for anonymous requests and ended or expired sessions. */
export function currentSignIn(request: FastifyRequest, deps: CurrentUserDeps): Promise<SignedIn | undefined> {
  let found = resolved.get(request);
  if (!found) {
    found = resolve(request, deps);
    resolved.set(request, found);
  }
  return found;
}

/** The signed-in user, or undefined for anonymous requests and ended or expired sessions. */
export async function currentUser(request: FastifyRequest, deps: CurrentUserDeps): Promise<User | undefined> {
  return (await currentSignIn(request, deps))?.user;
}

/** The signed-in user of a route whose access rule already demanded one (checked again: fail closed). */
export async function requireUser(request: FastifyRequest, deps: CurrentUserDeps): Promise<User> {
  const user = await currentUser(request, deps);
  if (!user) throw signInRequired();
  return user;
}
