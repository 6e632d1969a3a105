// The comment form's stamp: which post's form was served, and when — signed, so the minimum writing time counts
// from a moment the site itself vouches for. The site's form and the REST API both read it.
import type { Signer } from '../../kernel/signed.js';

const DAY = 24 * 60 * 60 * 1000;
/** A stamp older than this is treated as missing (the form is then "too fast": reload the page). */
const STAMP_DAYS = 30;
const STAMP = 'comment-form';

/**
 * The form stamp: which post's form, served when. A page kept in the page cache carries the stamp of when it
 * was rendered, not of when this reader opened it, which is why the script fetches a fresh one from
 * /comments/stamp; without the script, an old stamp only makes the minimum fill time easier to meet.
 */
export function signFormStamp(signer: Signer, postId: number, servedAtMs: number): string {
  return signer.sign(STAMP, { p: postId, t: servedAtMs }, servedAtMs + STAMP_DAYS * DAY);
}

/** When the form for `postId` was served (ms), or undefined when the stamp is missing, forged, expired or another post's. */
export function formServedAtOf(signer: Signer, token: unknown, postId: number, nowMs: number): number | undefined {
  const data = signer.verify(STAMP, token, nowMs) as { p?: unknown; t?: unknown } | undefined;
  if (!data || data.p !== postId || typeof data.t !== 'number' || !Number.isFinite(data.t)) return undefined;
  return data.t;
}
