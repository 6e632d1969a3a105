// Starting a signed-in session: always a new token, and the browser's previous session (if any) ends, so a
// planted cookie never becomes a signed-in one (no session fixation). Every sign-in route ends here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionsService } from '../../features/sessions/index.js';
import { isSecureSite, sessionTokenOf, setSessionCookie } from './session-cookie.js';

export interface StartSessionDeps {
  readonly sessions: Pick<SessionsService, 'create'>;
  /** config.publicUrl: the cookie is Secure on an https site. */
  readonly publicUrl: string;
}

/** `identityId`: the identity signed in with (the comment form names it: "your Google account"). */
export async function startSession(
  deps: StartSessionDeps, request: FastifyRequest, reply: FastifyReply, userId: number, identityId?: number,
): Promise<void> {
  const options = identityId === undefined ? {} : { identityId };
  const session = await deps.sessions.create(userId, sessionTokenOf(request), options);
  setSessionCookie(reply, session.token, session.absoluteEnd, isSecureSite(deps.publicUrl));
}
