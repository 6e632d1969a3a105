// One-time links (setup, sign-in, confirmations): random tokens handed out once, stored hashed.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { randomToken, sha256 } from '../../kernel/ids.js';
import * as repo from './tokens.repo.js';

export interface TokensService {
  issue(purpose: string, subject: string, lifetimeMs: number): Promise<string>;
  /** The token's subject while it is unused and unexpired, without using it. */
  peek(purpose: string, token: string): Promise<string | undefined>;
  /** Uses the token: its subject the first time, undefined ever after. */
  consume(purpose: string, token: string): Promise<string | undefined>;
  revokeUnused(purpose: string): Promise<void>;
  /** Deletes every token (any purpose, used or not) whose subject is `subject`; how many there were. */
  deleteForSubject(subject: string): Promise<number>;
  /** Deletes the tokens used or expired more than TOKENS_KEPT_DAYS ago (the daily clean-up); how many went. */
  purgeStale(): Promise<number>;
}

/** How long a used or expired token is kept (to tell "used" from "never existed" in a support question, no longer). */
export const TOKENS_KEPT_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

export function createTokensService(deps: { readonly db: Db; readonly clock: Clock }): TokensService {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();
  return {
    async issue(purpose, subject, lifetimeMs) {
      const token = randomToken();
      const created = clock.now();
      await repo.insertToken(db, {
        tokenHash: sha256(token),
        purpose,
        subject,
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + lifetimeMs).toISOString(),
        usedAt: null,
      });
      return token;
    },
    async peek(purpose, token) {
      return (await repo.findLiveToken(db, purpose, sha256(token), now()))?.subject;
    },
    async consume(purpose, token) {
      return (await repo.markTokenUsed(db, purpose, sha256(token), now()))?.subject;
    },
    revokeUnused: (purpose) => repo.deleteUnusedTokens(db, purpose),
    deleteForSubject: (subject) => repo.deleteTokensForSubject(db, subject),
    purgeStale: () => repo.deleteStaleTokens(db, new Date(clock.now().getTime() - TOKENS_KEPT_DAYS * DAY_MS).toISOString()),
  };
}
