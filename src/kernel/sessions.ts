// The session-store port: where signed-in sessions live (the database, or Redis); platform/ and features/sessions implement it.

/** One stored session. Times are ISO-8601 UTC; the key it is stored under is the sha256 of the cookie token. */
export interface SessionRecord {
  readonly userId: number;
  /** The identity the person signed in with (Google, an e-mail link…), when not a password; the comment form names it. */
  readonly identityId?: number;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** When the store may forget it: the earlier of the idle and the absolute end. */
  readonly expiresAt: string;
}

export interface SessionStore {
  get(idHash: string): Promise<SessionRecord | undefined>;
  put(idHash: string, record: SessionRecord): Promise<void>;
  /**
   * Moves a live session's lastSeenAt and expiresAt; does nothing when it is gone. Separate from put so
   * that a request still in flight can never bring back a session that Log Out just ended.
   */
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteAllForUser(userId: number): Promise<void>;
  /** Drops sessions whose expiresAt has passed (a no-op where the store expires keys itself). */
  deleteExpired(now: Date): Promise<void>;
}
