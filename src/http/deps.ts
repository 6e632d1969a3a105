// What the HTTP layer is given by app.ts: services, configuration and request helpers.
import type { Config } from '../config/schema.js';
import type { CommentsService } from '../features/comments/index.js';
import type { PostsService } from '../features/posts/index.js';
import type { SessionsService } from '../features/sessions/index.js';
import type { SettingsService } from '../features/settings/index.js';
import type { SetupService } from '../features/setup/index.js';
import type { TaxonomyService } from '../features/taxonomy/index.js';
import type { UsersService } from '../features/users/index.js';
import type { Clock } from '../kernel/clock.js';
import type { CounterStore } from '../kernel/counters.js';
import type { Signer } from '../kernel/signed.js';
import type { ChangeBus } from '../kernel/events.js';
import type { Asset } from './assets.route.js';
import type { PageCacheHttp } from './cache/page-cache.hooks.js';
import type { Csrf } from './csrf.js';

export interface Services {
  readonly settings: SettingsService;
  readonly users: UsersService;
  readonly posts: PostsService;
  readonly taxonomy: TaxonomyService;
  readonly comments: CommentsService;
  readonly setup: SetupService;
  readonly sessions: SessionsService;
}

export interface HttpDeps {
  readonly config: Config;
  readonly services: Services;
  readonly csrf: Csrf;
  /** Signs and checks the tokens of links and forms (comment form stamps, pending-comment cookies, mailed links). */
  readonly signer: Signer;
  /** The time as the services see it (tests move it). */
  readonly clock: Clock;
  /** What changed, as services announce it: presentation-level caches listen. */
  readonly events: ChangeBus;
  /** Shared counters for rate limits (sign-in attempts): in-process, or shared by every process. */
  readonly counters: CounterStore;
  /** The theme's static files by plain name (quire.css). */
  readonly assets: ReadonlyMap<string, Asset>;
  /** True when the database answers. */
  readonly isHealthy: () => Promise<boolean>;
  /** The page cache and whether it can be trusted; absent: no cache, caching headers only. */
  readonly pageCache?: PageCacheHttp;
}
