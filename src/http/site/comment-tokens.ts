// The signed cookies of commenting: the commenter's pending comments and saved details (the form stamp is the comments feature's).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Signer } from '../../kernel/signed.js';
import { COMMENTER_COOKIE, PENDING_COMMENT_COOKIE } from '../cookie-names.js';

const DAY = 24 * 60 * 60 * 1000;
const PENDING_DAYS = 7;
const REMEMBER_DAYS = 365;
/** The most pending comments one browser keeps track of: the newest are kept. */
export const MAX_PENDING_COMMENTS = 20;

const PENDING = 'comment-pending';
const COMMENTER = 'commenter';

interface CookieOptions {
  readonly secure: boolean;
}

function cookieAttributes(secure: boolean, days: number) {
  // Max-Age rather than Expires: relative to the browser's clock, whatever time the server thinks it is.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: days * 24 * 60 * 60 };
}

/** The ids of this browser's comments awaiting moderation; [] for no cookie, or one that is not ours. */
export function pendingCommentIdsOf(request: FastifyRequest, signer: Signer, nowMs: number): number[] {
  const data = signer.verify(PENDING, request.cookies[PENDING_COMMENT_COOKIE], nowMs);
  if (!Array.isArray(data)) return [];
  return data.filter((id): id is number => Number.isSafeInteger(id) && id > 0).slice(-MAX_PENDING_COMMENTS);
}

/** Adds a held comment to the browser's list, so its author (and nobody else) sees it on the page. */
export function addPendingComment(request: FastifyRequest, reply: FastifyReply, signer: Signer, nowMs: number, id: number, options: CookieOptions): void {
  const ids = [...pendingCommentIdsOf(request, signer, nowMs).filter((known) => known !== id), id].slice(-MAX_PENDING_COMMENTS);
  const token = signer.sign(PENDING, ids, nowMs + PENDING_DAYS * DAY);
  reply.setCookie(PENDING_COMMENT_COOKIE, token, cookieAttributes(options.secure, PENDING_DAYS));
}

export interface RememberedCommenter {
  readonly name: string;
  readonly email: string;
  readonly url: string;
}

/** The details saved by "Save my name, email, and website…", when the cookie is ours and intact. */
export function rememberedCommenterOf(request: FastifyRequest, signer: Signer, nowMs: number): RememberedCommenter | undefined {
  const data = signer.verify(COMMENTER, request.cookies[COMMENTER_COOKIE], nowMs) as { n?: unknown; e?: unknown; u?: unknown } | undefined;
  if (!data || typeof data !== 'object') return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { name: text(data.n), email: text(data.e), url: text(data.u) };
}

export function rememberCommenter(reply: FastifyReply, signer: Signer, nowMs: number, commenter: RememberedCommenter, options: CookieOptions): void {
  const token = signer.sign(COMMENTER, { n: commenter.name, e: commenter.email, u: commenter.url }, nowMs + REMEMBER_DAYS * DAY);
  reply.setCookie(COMMENTER_COOKIE, token, cookieAttributes(options.secure, REMEMBER_DAYS));
}

/** "Save my name…" unticked: the browser forgets what it saved before. */
export function forgetCommenter(request: FastifyRequest, reply: FastifyReply, options: CookieOptions): void {
  if (request.cookies[COMMENTER_COOKIE] === undefined) return;
  reply.clearCookie(COMMENTER_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure });
}
