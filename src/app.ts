// The composition root: opens the database, builds every service and the HTTP server. It never listens.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config/schema.js';
import { resolveSecret } from './config/secret.js';
import { type Db, closeDatabase, isDatabaseReachable, migrateToLatest, openDatabase } from './db/database.js';
import { createAccountsService } from './features/accounts/index.js';
import { createAppPasswordsService } from './features/app-passwords/index.js';
import { createCommentDraftsService } from './features/comment-drafts/index.js';
import { createCommentsService } from './features/comments/index.js';
import { createIdentityFeature, watchStoredProviders } from './features/identity/index.js';
import { createMailer } from './features/mail/index.js';
import { createMediaService } from './features/media/index.js';
import { createPasskeysService } from './features/passkeys/index.js';
import { type JobsService, createJobsService } from './features/jobs/index.js';
import { createPostsService, createRevisionsService } from './features/posts/index.js';
import { createPrivacyService } from './features/privacy/index.js';
import { createDatabaseSessionStore, createSessionsService } from './features/sessions/index.js';
import { createSettingsService } from './features/settings/index.js';
import { createSubscriptionsService } from './features/subscriptions/index.js';
import { createSyndicationService } from './features/syndication/index.js';
import { createSetupService } from './features/setup/index.js';
import { createTaxonomyService } from './features/taxonomy/index.js';
import { createTokensService } from './features/tokens/index.js';
import { createUsersService } from './features/users/index.js';
import { createWxrService } from './features/wxr/index.js';
import { loadAssets } from './http/assets.route.js';
import { createCsrf } from './http/csrf.js';
import type { Services } from './http/deps.js';
import { buildServer } from './http/server.js';
import { buildJobHandlers } from './jobs/registry.js';
import { type JobRunner, createJobRunner } from './jobs/runner.js';
import { invalidateOnChange } from './http/cache/invalidation.js';
import { createPageCache } from './http/cache/page-cache.js';
import { type Platform, openPlatform } from './platform/platform.js';
import { type ClusterHub, type HubPeer, createClusterHub } from './platform/cluster-hub.js';
import type { CounterStore } from './kernel/counters.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { createSigner } from './kernel/signed.js';
import type { ChangeBus } from './kernel/events.js';
import type { SessionStore } from './kernel/sessions.js';

export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly services: Services;
  readonly events: ChangeBus;
  /** Shared counters for rate limits: in-process, or in Redis when REDIS_URL is set. */
  readonly counters: CounterStore;
  readonly server: FastifyInstance;
  /** The durable job queue (enqueue, inspect, run due jobs). */
  readonly jobs: JobsService;
  /** This process's job worker; built stopped: main.ts starts it (when QUIRE_JOBS is on), tests drive it. */
  readonly runner: JobRunner;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Fastify/pino logger options; defaults to JSON logs at the configured level. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Request and response fields that must never reach a log line. */
export const LOG_REDACTIONS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
];

export function projectRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface ServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly events: ChangeBus;
  /** Shared counters for rate limits. */
  readonly counters: CounterStore;
  /** The site's secret: salts IP hashes, signs links. */
  readonly secret: string;
  /** Where sessions live; the database unless the platform offers a shared one (Redis). */
  readonly sessionStore?: SessionStore;
  /** Sign-in providers and where their pictures are kept (the identity feature). */
  readonly config: Pick<Config, 'dataDir' | 'publicUrl' | 'authProviders'>;
}

export function buildServices(deps: ServiceDeps): Services {
  const { db, clock, events } = deps;
  const sessionStore = deps.sessionStore;
  const settings = createSettingsService({ db, events });
  const users = createUsersService({ db, clock, events });
  const tokens = createTokensService({ db, clock });
  const posts = createPostsService({ db, clock, settings, events });
  const sessions = createSessionsService({ store: sessionStore ?? createDatabaseSessionStore(db), clock, settings });
  const subscriptions = createSubscriptionsService({ db, clock });
  // A first sign-in with a provider writes the account and its identity on one transaction.
  const identity = createIdentityFeature({
    db, clock, users, usersWithin: (tx) => createUsersService({ db: tx, clock, events }), tokens, ...deps.config,
    storedProviders: watchStoredProviders({ settings, events }),
  });
  return {
    settings,
    users,
    posts,
    taxonomy: createTaxonomyService({ db, events, settings }),
    comments: createCommentsService({ db, clock, events, settings, posts, counters: deps.counters, ipSalt: deps.secret, subscriptions }),
    subscriptions,
    // Erasure runs the subscriptions and tokens features on its own transaction: comments, subscriptions and
    // the link's use go together.
    privacy: createPrivacyService({
      db, clock, events, subscriptions, subscriptionsWithin: (tx) => createSubscriptionsService({ db: tx, clock }),
      tokens, tokensWithin: (tx) => createTokensService({ db: tx, clock }), posts,
    }),
    setup: createSetupService({ users, tokens }),
    sessions,
    identities: identity.identities,
    providerSignIn: identity.signIn,
    // Registration runs the users feature on its own transaction: the account, its identity and its mail go together.
    accounts: createAccountsService({
      db, clock, users, usersWithin: (tx) => createUsersService({ db: tx, clock, events }), tokens, sessions,
    }),
    passkeys: createPasskeysService({
      db, clock, publicUrl: deps.config.publicUrl, secret: deps.secret, settings, users, identities: identity.identities,
    }),
    commentDrafts: createCommentDraftsService({ db, clock, posts }),
    media: createMediaService({ db, clock, settings, events, uploadsDir: path.join(deps.config.dataDir, 'uploads') }),
    revisions: createRevisionsService({ db, clock, posts }),
    appPasswords: createAppPasswordsService({ db, clock, users, ipSalt: deps.secret }),
    syndication: createSyndicationService({ db }),
    wxr: createWxrService({ db, clock, settings, ipSalt: deps.secret, publicUrl: deps.config.publicUrl }),
    tokens,
  };
}

/**
 * For the primary of `quire serve --workers N`: relays change events between its workers and keeps their
 * shared rate-limit counters (what workers use when REDIS_URL is unset; with it, they use Redis instead).
 */
export function createWorkerHub(peers: () => Iterable<HubPeer>): ClusterHub {
  return createClusterHub({ clock: systemClock, peers });
}

export type { ClusterHub, HubPeer };

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const db = openDatabase(config);
  let platform: Platform | undefined;
  try {
    await migrateToLatest(db);
    // Failures no request waits for (Redis going away, a failing listener) go to the log once there is one.
    let report = (error: unknown, message: string) => console.error(message, error);
    platform = await openPlatform(config, { clock: options.clock ?? systemClock, report: (error, message) => report(error, message) });
    const events = platform.events;
    const secret = resolveSecret(config);
    const clock = options.clock ?? systemClock;
    const services = buildServices({ db, clock, events, counters: platform.counters, secret, sessionStore: platform.sessions, config });
    // Read once before the first request: the sign-in providers set up in the admin are among the settings.
    await services.settings.get();
    // One signer for the links mail carries and the pages that check them.
    const signer = createSigner(secret);
    const pageCache = config.pageCache ? createPageCache() : undefined;
    if (pageCache) invalidateOnChange(events, pageCache);
    const server = await buildServer(
      {
        config,
        services,
        events,
        csrf: createCsrf(secret, config.publicUrl.startsWith('https:')),
        signer,
        clock,
        counters: platform.counters,
        assets: loadAssets(path.join(projectRoot(), 'themes', 'default', 'assets')),
        isHealthy: () => isDatabaseReachable(db),
        pageCache: { cache: pageCache, isSynchronized: platform.isSynchronized },
      },
      { logger: options.logger ?? { level: config.logLevel, redact: LOG_REDACTIONS } },
    );
    report = (error, message) => server.log.error({ err: error }, message);
    const openedPlatform = platform;
    const jobs = createJobsService({ db, clock: options.clock ?? systemClock, events });
    const mailer = createMailer(config, server.log.child({ component: 'mail' }));
    const handlers = buildJobHandlers(services, { jobs, mailer, signer, clock, publicUrl: config.publicUrl });
    const runner = createJobRunner({ jobs, handlers, logger: server.log.child({ component: 'jobs' }), events });
    return {
      config,
      db,
      services,
      events,
      counters: platform.counters,
      server,
      jobs,
      runner,
      async close() {
        await runner.stop(); // in-flight jobs still need the database
        await server.close();
        await openedPlatform.close();
        await closeDatabase(db);
      },
    };
  } catch (error) {
    await platform?.close();
    await closeDatabase(db);
    throw error;
  }
}
