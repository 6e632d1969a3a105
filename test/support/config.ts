// Reading configuration problems in tests.
import { ConfigError, loadConfig } from '../../src/config/load.js';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
