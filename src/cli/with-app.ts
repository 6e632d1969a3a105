// Runs a command against the configured site without listening, and always closes it.
import { type App, createApp } from '../app.js';
import { loadConfig } from '../config/load.js';

export async function withApp<T>(work: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig(), { logger: { level: 'warn' } });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
