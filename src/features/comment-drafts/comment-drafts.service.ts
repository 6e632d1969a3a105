// Keeping a comment draft while its reader signs in in a full page, and giving it back to the form afterwards.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { randomToken, sha256 } from '../../kernel/ids.js';
import type { PostsService } from '../posts/index.js';
import { type CommentDraft, DRAFT_LIFETIME_MS, isDraftId, validateDraft } from './comment-drafts.js';
import { draftPostNotFound } from './comment-drafts.errors.js';
import * as repo from './comment-drafts.repo.js';

export interface SavedDraft {
  /** The random id for the browser's cookie; only its sha256 is stored. */
  readonly id: string;
  readonly expiresAt: Date;
}

export interface CommentDraftsService {
  /**
   * Checks and keeps the draft (`body`: the script's JSON) for an hour. `replacing`: the browser's previous draft
   * id, whose draft ends (one draft a browser). COMMENT_DRAFT_INVALID, COMMENT_DRAFT_TOO_LONG, COMMENT_POST_NOT_FOUND.
   */
  save(body: unknown, replacing?: string): Promise<SavedDraft>;
  /** The live draft of `id`, without using it; undefined for an unknown, expired or malformed id. */
  find(id: string): Promise<CommentDraft | undefined>;
  /** Ends the draft (it went back into a form). */
  discard(id: string): Promise<void>;
}

export interface CommentDraftsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly posts: Pick<PostsService, 'findById'>;
  /** How often expired drafts are swept; default hourly. */
  readonly sweepEveryMs?: number;
}

export function createCommentDraftsService(deps: CommentDraftsDeps): CommentDraftsService {
  const { db, clock } = deps;
  const sweepEveryMs = deps.sweepEveryMs ?? 60 * 60 * 1000;
  let lastSweep = Number.NEGATIVE_INFINITY;

  // No scheduler: drafts are saved rarely, and at most once an hour a save also sweeps (one indexed DELETE).
  async function sweep(now: Date) {
    if (now.getTime() - lastSweep < sweepEveryMs) return;
    lastSweep = now.getTime();
    await repo.deleteExpiredDrafts(db, now.toISOString());
  }

  return {
    async save(body, replacing) {
      const draft = validateDraft(body);
      const post = await deps.posts.findById(draft.postId);
      if (!post || post.status !== 'published' || post.type !== 'post') throw draftPostNotFound();
      const now = clock.now();
      await sweep(now);
      if (isDraftId(replacing)) await repo.deleteDraft(db, sha256(replacing));
      const id = randomToken();
      const expiresAt = new Date(now.getTime() + DRAFT_LIFETIME_MS);
      await repo.insertDraft(db, {
        idHash: sha256(id), ...draft, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(),
      });
      return { id, expiresAt };
    },
    async find(id) {
      return isDraftId(id) ? repo.findLiveDraft(db, sha256(id), clock.now().toISOString()) : undefined;
    },
    async discard(id) {
      if (isDraftId(id)) await repo.deleteDraft(db, sha256(id));
    },
  };
}
