// The posts.publish job: makes a scheduled post public once its publication time has come.
import { PUBLISH_POST_JOB, type PostsService, publishPostPayloadOf } from '../../features/posts/index.js';
import type { JobHandler } from '../../features/jobs/index.js';
import { invalidInput } from '../../kernel/errors.js';

export { PUBLISH_POST_JOB };

/**
 * Idempotent, as every handler must be: publishScheduled changes only a post that is still scheduled and
 * due, so a second run, or a run for a post trashed or rescheduled meanwhile, changes nothing.
 */
export function publishPostHandler(posts: Pick<PostsService, 'publishScheduled'>): JobHandler {
  return async (payload) => {
    const parsed = publishPostPayloadOf(payload);
    // 'invalid' fails the job for good: no retry can mend its payload.
    if (!parsed) throw invalidInput('JOB_PAYLOAD_INVALID', `A ${PUBLISH_POST_JOB} job needs a payload like { "postId": 12 }.`);
    await posts.publishScheduled(parsed.postId);
  };
}
