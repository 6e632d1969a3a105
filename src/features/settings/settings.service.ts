// Site settings with a per-process cache that every write refreshes.
import type { Db } from '../../db/database.js';
import type { ChangeBus } from '../../kernel/events.js';
import { type SiteSettings, settingsFromStored, validateSettingsChange } from './settings.js';
import { listStoredSettings, upsertSettings } from './settings.repo.js';

export interface SettingsService {
  get(): Promise<SiteSettings>;
  update(change: Readonly<Record<string, unknown>>): Promise<SiteSettings>;
  /** Drops the cached copy (another process changed the settings). */
  forget(): void;
}

export function createSettingsService(deps: { readonly db: Db; readonly events: ChangeBus }): SettingsService {
  let cached: Promise<SiteSettings> | undefined;
  const load = async () => settingsFromStored(await listStoredSettings(deps.db));
  // Any process may change the settings: every copy is dropped when the bus says so.
  deps.events.subscribe((event) => {
    if (event.type === 'settings') cached = undefined;
  });

  return {
    get() {
      cached ??= load().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
    async update(change) {
      const valid = validateSettingsChange(change);
      await upsertSettings(deps.db, new Map(Object.entries(valid).map(([k, v]) => [k, JSON.stringify(v)])));
      deps.events.publish({ type: 'settings' });
      return this.get();
    },
    forget() {
      cached = undefined;
    },
  };
}
