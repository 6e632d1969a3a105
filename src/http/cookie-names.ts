// The names of Quire's cookies, in one place: features set them, the page cache must recognise them.

/** A signed-in person's session: their pages are theirs alone. */
export const SESSION_COOKIE = 'quire_session';
/** A reader whose own comment awaits moderation: they see it on the page, nobody else does. */
export const PENDING_COMMENT_COOKIE = 'quire_pending';

/** A request carrying any of these sees pages made for it, which no shared cache may serve or keep. */
export const PERSONAL_COOKIES: readonly string[] = [SESSION_COOKIE, PENDING_COMMENT_COOKIE];
