// The comments.cleanup job, the site's daily clean-up: old spam goes, old IP hashes are forgotten, done jobs and spent
// one-time tokens past their keeping time are deleted, and tomorrow's run is queued.
import { COMMENTS_CLEANUP_JOB, COMMENT_NOTIFY_JOB, type CommentsService } from '../../features/comments/index.js';
import type { JobHandler, JobsService } from '../../features/jobs/index.js';
import { POST_PUBLISHED_JOB } from '../../features/posts/index.js';
import type { TokensService } from '../../features/tokens/index.js';

export { COMMENTS_CLEANUP_JOB };

/**
 * Done jobs kept for ever: the subscriber notifications of a post or a comment. Their dedupe key is what makes each
 * post and each approved comment notify its subscribers once, even when it is unpublished or unapproved and comes
 * back months later. Their payloads carry ids only.
 */
export const DONE_JOBS_KEPT_FOREVER: readonly string[] = [POST_PUBLISHED_JOB, COMMENT_NOTIFY_JOB];

export interface CleanupDeps {
  readonly comments: Pick<CommentsService, 'cleanUp'>;
  readonly jobs: Pick<JobsService, 'purgeDone'>;
  readonly tokens: Pick<TokensService, 'purgeStale'>;
}

/**
 * Idempotent, as every handler must be: a second run on the same day finds nothing left to delete or forget,
 * and tomorrow's job has a dedupe key by date, so it is queued once however often this runs. The payload is
 * not read: a run always cleans up to "now". (Its own row is running, not done: it is never deleted by itself.)
 */
export function commentsCleanupHandler(deps: CleanupDeps): JobHandler {
  return async () => {
    await deps.comments.cleanUp();
    // Done jobs may carry what a mail needed (an address): they are kept 30 days, for diagnosis, then go.
    await deps.jobs.purgeDone(DONE_JOBS_KEPT_FOREVER);
    // A used or expired token opens nothing; its subject (an address, for privacy links) is kept a week, then goes.
    await deps.tokens.purgeStale();
  };
}
