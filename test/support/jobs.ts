// Running the app's background jobs in tests, as the server's runner would, until nothing more is due.
import type { App } from '../../src/app.js';

/** Polls until a round claims no job (fan-outs queue jobs that the next round runs); fails if jobs keep coming. */
export async function runJobsUntilIdle(app: Pick<App, 'runner'>, maxRounds = 50): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    if ((await app.runner.runOnce()).claimed === 0) return;
  }
  throw new Error(`jobs kept coming after ${maxRounds} rounds`);
}
