// The process: load config → prepare a new site → listen (alone, or as a cluster worker) → close gracefully on a signal.
import type { App } from './app.js';
import { createApp } from './app.js';
import type { Config } from './config/schema.js';
import { demoSite, seedDemoSite } from './features/demo/index.js';
import { ensureRecurringJobs } from './jobs/recurring.js';

export interface RunningSite {
  readonly app: App;
  readonly url: string;
  stop(): Promise<void>;
}

/** On a site with no accounts yet: seed the demo (unless QUIRE_DEMO=0) and return the setup link to print. */
async function prepareNewSite(app: App): Promise<string | undefined> {
  if (app.config.seedDemo && (await app.services.users.isEmpty())) {
    const report = await seedDemoSite(app.services, demoSite);
    app.server.log.info({ seeded: report }, 'demo site seeded');
  }
  const token = await app.services.setup.issueLinkIfNeeded();
  return token === undefined ? undefined : `${app.config.publicUrl}/setup/${token}`;
}

/**
 * For the primary of `quire serve --workers N`: migrates and prepares a new site once, before any worker
 * starts (workers racing to seed would seed twice), and closes it again; returns the setup link to print.
 */
export async function prepareSite(config: Config): Promise<string | undefined> {
  const app = await createApp(config);
  try {
    return await prepareNewSite(app);
  } finally {
    await app.close();
  }
}

/** What a person starting Quire reads: where it serves, and the setup link of a new site. */
export function readyLines(config: Config, listeningOn: string, setupLink: string | undefined): string[] {
  const lines = [`Quire is serving ${config.publicUrl} (listening on ${listeningOn}).`];
  if (setupLink) lines.push(`Create the administrator account (the link works once, for 24 hours):\n  ${setupLink}`);
  return lines;
}

/** Listens, then runs the job worker (QUIRE_JOBS); stop() ends both, the runner first. */
async function serveApp(app: App): Promise<RunningSite> {
  const url = await app.server.listen({ port: app.config.port, host: app.config.host }).catch(async (error: unknown) => {
    await app.close(); // a port in use must not leave database and Redis connections holding the process open
    throw error;
  });
  // Whatever QUIRE_JOBS says: the daily jobs live in the database, whichever process runs them (deduplicated by
  // day). A failure here must not stop the site serving: the next start queues them again.
  await ensureRecurringJobs(app.services).catch((error: unknown) => app.server.log.error({ err: error }, 'could not queue the recurring jobs'));
  // After listen, so a site that cannot serve does not run jobs either; QUIRE_JOBS=0 leaves them to other processes.
  if (app.config.jobsEnabled) app.runner.start();
  let stopping: Promise<void> | undefined;
  // The runner first: its in-flight jobs finish (bounded) while the database is still open.
  const stop = () => (stopping ??= app.runner.stop().then(() => app.close()));
  return { app, url, stop };
}

/** SIGINT or SIGTERM: stop gracefully, then exit (0, or 1 when closing failed). */
function stopOnSignals(site: RunningSite): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      site.app.server.log.info({ signal }, 'shutting down');
      site.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          site.app.server.log.error({ err: error }, 'could not shut down cleanly');
          process.exit(1);
        },
      );
    });
  }
}

/** One process: prepares a new site, serves it, prints where. */
export async function startSite(config: Config, print: (line: string) => void = console.log): Promise<RunningSite> {
  const app = await createApp(config);
  const setupLink = await prepareNewSite(app);
  const site = await serveApp(app);
  for (const line of readyLines(config, site.url, setupLink)) print(line);
  stopOnSignals(site);
  return site;
}

/**
 * A worker of `quire serve --workers N`: serves the site its primary prepared, on the port all workers share.
 * It never seeds nor prints a setup link. Its primary stops it with SIGTERM, like a service manager would.
 */
export async function startWorker(config: Config): Promise<RunningSite> {
  const app = await createApp(config);
  const site = await serveApp(app);
  stopOnSignals(site);
  return site;
}
