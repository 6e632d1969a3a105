// Public surface of background jobs.
export { createJobsService } from './jobs.service.js';
export type { EnqueueInput, JobOutcome, JobResult, JobsService, RunCounts, RunOptions } from './jobs.service.js';
export { DONE_JOBS_KEPT_DAYS, JOB_RULES, backoffDelayMs, describeError, isExhausted, isPermanentFailure, leaseUntil, outcomeOfFailure, retryAt } from './jobs.js';
export type { FailureOutcome, Job, JobContext, JobHandler, JobHandlers, JobRules, JobStatus, RecentJobsQuery } from './jobs.js';
