// The names of Quire's cookies, in one place: features set them, the page cache must recognise them.

/** A signed-in person's session: their pages are theirs alone. */
export const SESSION_COOKIE = 'quire_session';
/** A reader whose own comment awaits moderation: they see it on the page, nobody else does. */
export const PENDING_COMMENT_COOKIE = 'quire_pending';
/** A commenter's saved name, e-mail and website ("Save my name…"): their pages show them in the form. */
export const COMMENTER_COOKIE = 'quire_commenter';
/**
 * Binds a provider sign-in (OAuth state) to the browser that started it; sent only to /auth/ and changes no page,
 * so it is not personal.
 */
export const AUTH_TRANSACTION_COOKIE = 'quire_auth';

/** A comment draft kept while its reader signs in in a full page: the post's form gives it back to them. */
export const DRAFT_COOKIE = 'quire_draft';

/**
 * A passkey challenge in flight (5 minutes, signed, honoured once): sign-in's on /auth/passkey, adding one on
 * /account/passkeys. Sent only to those paths and changes no page, so not personal.
 */
export const PASSKEY_SIGN_IN_COOKIE = 'quire_passkey';
export const PASSKEY_REGISTRATION_COOKIE = 'quire_passkey_reg';

/** A request carrying any of these sees pages made for it, which no shared cache may serve or keep. */
export const PERSONAL_COOKIES: readonly string[] = [SESSION_COOKIE, PENDING_COMMENT_COOKIE, COMMENTER_COOKIE, DRAFT_COOKIE];
