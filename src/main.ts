// The process: load config → create the app → prepare a new site → listen → close gracefully on a signal.
import type { App } from './app.js';
import { createApp } from './app.js';
import type { Config } from './config/schema.js';
import { demoSite, seedDemoSite } from './features/demo/index.js';

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

export async function startSite(config: Config, print: (line: string) => void = console.log): Promise<RunningSite> {
  const app = await createApp(config);
  const setupLink = await prepareNewSite(app);
  const url = await app.server.listen({ port: config.port, host: config.host });
  print(`Quire is serving ${config.publicUrl} (listening on ${url}).`);
  if (setupLink) print(`Create the administrator account (the link works once, for 24 hours):\n  ${setupLink}`);
  // After listen, so a site that cannot serve does not run jobs either; QUIRE_JOBS=0 leaves them to other processes.
  if (config.jobsEnabled) app.runner.start();

  let stopping: Promise<void> | undefined;
  // The runner first: its in-flight jobs finish (bounded) while the database is still open.
  const stop = () => (stopping ??= app.runner.stop().then(() => app.close()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.server.log.info({ signal }, 'shutting down');
      void stop().then(() => process.exit(0));
    });
  }
  return { app, url, stop };
}
