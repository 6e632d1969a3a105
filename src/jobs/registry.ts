// Which handler runs each kind of job: the one list, built from the services in app.ts.
import type { JobHandlers } from '../features/jobs/index.js';
import type { PostsService } from '../features/posts/index.js';
import { PUBLISH_POST_JOB, publishPostHandler } from './handlers/publish-post.js';

export function buildJobHandlers(services: { readonly posts: PostsService }): JobHandlers {
  return {
    [PUBLISH_POST_JOB]: publishPostHandler(services.posts),
  };
}
