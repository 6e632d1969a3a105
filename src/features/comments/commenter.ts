// Signed-in commenters: whose name and e-mail a comment carries, and whether the settings may trust them at once.
import { isPlaceholderEmail } from '../identity/index.js';
import type { User } from '../users/index.js';
import type { SignedInAuthor } from './comment-rules.js';

/** The identity the author signed in with (the session's): the comment records it and carries its name. */
export interface CommenterIdentity {
  readonly id: number;
  readonly displayName: string;
  /** Only an address the provider (or the site, for its own accounts) verified; null otherwise. */
  readonly email: string | null;
}

/**
 * The author fields of a signed-in comment: the identity's name and verified e-mail, else the account's. An account
 * made by a provider sign-in has a placeholder address no mail reaches: such a comment carries none.
 */
export function signedInAuthorOf(user: User, identity: CommenterIdentity | undefined): SignedInAuthor {
  const email = identity?.email ?? (isPlaceholderEmail(user.email) ? '' : user.email);
  return { displayName: identity?.displayName || user.displayName, email, url: '' };
}

/** Someone proved their address: the identity's provider verified it, or the site account's mailed link did. */
export function isVerifiedCommenter(user: User, identity: CommenterIdentity | undefined): boolean {
  return (identity?.email ?? null) !== null || user.emailVerifiedAt !== null;
}
