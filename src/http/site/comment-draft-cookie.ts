// The quire_draft cookie: it names the comment draft this browser kept before signing in in a full page, and the
// post's form takes the draft back (once) when the reader returns.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { type CommentDraft, DRAFT_LIFETIME_MS, isDraftId } from '../../features/comment-drafts/index.js';
import { isSecureSite } from '../auth/session-cookie.js';
import { markPersonal } from '../cache/tags.js';
import { DRAFT_COOKIE } from '../cookie-names.js';
import type { HttpDeps } from '../deps.js';

/** The draft id of the request's cookie, when it looks like one. */
export function draftIdOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[DRAFT_COOKIE];
  return isDraftId(value) ? value : undefined;
}

function cookieOptions(deps: Pick<HttpDeps, 'config'>) {
  // Lax: the provider's redirect back to the post is a top-level GET, which carries it.
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureSite(deps.config.publicUrl) } as const;
}

export function setDraftCookie(deps: Pick<HttpDeps, 'config'>, reply: FastifyReply, id: string): void {
  reply.setCookie(DRAFT_COOKIE, id, { ...cookieOptions(deps), maxAge: DRAFT_LIFETIME_MS / 1000 });
}

export function clearDraftCookie(deps: Pick<HttpDeps, 'config'>, reply: FastifyReply): void {
  reply.clearCookie(DRAFT_COOKIE, cookieOptions(deps));
}

/**
 * The browser's draft of this post, taken back for its form: the draft ends and the cookie goes. A draft of another
 * post stays for that post's page; an expired or unknown one only loses its cookie.
 */
export async function takeDraftFor(
  deps: Pick<HttpDeps, 'config' | 'services'>, request: FastifyRequest, reply: FastifyReply, postId: number,
): Promise<CommentDraft | undefined> {
  const raw = request.cookies[DRAFT_COOKIE];
  if (raw === undefined) return undefined;
  // The page answers this browser's cookie: whatever it shows, no shared cache may keep it.
  markPersonal(reply);
  const id = draftIdOf(request);
  const draft = id === undefined ? undefined : await deps.services.commentDrafts.find(id);
  if (draft && draft.postId !== postId) return undefined;
  // Given back, or expired: either way it ends here (an expired row would otherwise wait for the hourly sweep).
  if (id !== undefined) await deps.services.commentDrafts.discard(id);
  clearDraftCookie(deps, reply);
  return draft;
}
