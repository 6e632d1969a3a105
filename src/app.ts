// The composition root: opens the database, builds every service and the HTTP server. It never listens.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config/schema.js';
import { resolveSecret } from './config/secret.js';
import { type Db, closeDatabase, isDatabaseReachable, migrateToLatest, openDatabase } from './db/database.js';
import { createCommentsService } from './features/comments/index.js';
import { createPostsService } from './features/posts/index.js';
import { createSettingsService } from './features/settings/index.js';
import { createSetupService } from './features/setup/index.js';
import { createTaxonomyService } from './features/taxonomy/index.js';
import { createTokensService } from './features/tokens/index.js';
import { createUsersService } from './features/users/index.js';
import { loadAssets } from './http/assets.route.js';
import { createCsrf } from './http/csrf.js';
import type { Services } from './http/deps.js';
import { buildServer } from './http/server.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { type ChangeBus, createLocalBus } from './kernel/events.js';

export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly services: Services;
  readonly events: ChangeBus;
  readonly server: FastifyInstance;
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

export function buildServices(db: Db, clock: Clock, events: ChangeBus): Services {
  const settings = createSettingsService({ db, events });
  const users = createUsersService({ db, clock, events });
  const tokens = createTokensService({ db, clock });
  return {
    settings,
    users,
    posts: createPostsService({ db, clock, settings, events }),
    taxonomy: createTaxonomyService({ db, events }),
    comments: createCommentsService({ db, clock, events }),
    setup: createSetupService({ users, tokens }),
  };
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const events = createLocalBus();
    const services = buildServices(db, options.clock ?? systemClock, events);
    const secret = resolveSecret(config);
    const server = await buildServer(
      {
        config,
        services,
        csrf: createCsrf(secret, config.publicUrl.startsWith('https:')),
        assets: loadAssets(path.join(projectRoot(), 'themes', 'default', 'assets')),
        isHealthy: () => isDatabaseReachable(db),
      },
      { logger: options.logger ?? { level: config.logLevel, redact: LOG_REDACTIONS } },
    );
    return {
      config,
      db,
      services,
      events,
      server,
      async close() {
        await server.close();
        await closeDatabase(db);
      },
    };
  } catch (error) {
    await closeDatabase(db);
    throw error;
  }
}
