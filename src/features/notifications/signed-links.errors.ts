// Refusals of a signed mail link, each saying what to do next: the reader cannot mend the link, only get another.
import { AppError } from '../../kernel/errors.js';

export type LinkKind = 'confirm' | 'unsubscribe' | 'moderate';

const NEXT_STEP: Readonly<Record<LinkKind, string>> = {
  confirm: 'Ask again by ticking "Notify me" when you next comment, then use the link of the new mail within 7 days.',
  unsubscribe: 'Use the unsubscribe link of a more recent mail from this site; every notification carries one.',
  moderate: 'Moderate the comment from the comments screen (/admin/comments) after signing in.',
};

/** Not a link this site made (mistyped, cut off by the mail program, or forged). */
export function signedLinkInvalid(kind: LinkKind): AppError {
  return new AppError({
    code: 'SIGNED_LINK_INVALID',
    kind: 'invalid',
    message: `This link is not valid: it may have been cut off or mistyped. Copy the whole link from the mail. ${NEXT_STEP[kind]}`,
  });
}

/** A link of ours whose time is over. */
export function signedLinkExpired(kind: LinkKind): AppError {
  return new AppError({ code: 'SIGNED_LINK_EXPIRED', kind: 'gone', message: `This link has expired. ${NEXT_STEP[kind]}` });
}
