// Jobs that repeat for ever: each run queues the next, and starting a process makes sure the chain exists.
import type { CommentsService } from '../features/comments/index.js';

/**
 * Queues today's run of every recurring job that has none yet. Called by each serving process at start
 * (src/main.ts), whether or not it runs jobs itself: the runs are deduplicated by day in the database, so
 * any number of processes, restarts or workers still queue one run a day, and a chain broken by a job
 * that died is mended by the next start.
 */
export async function ensureRecurringJobs(services: { readonly comments: Pick<CommentsService, 'scheduleCleanup'> }): Promise<void> {
  await services.comments.scheduleCleanup();
}
