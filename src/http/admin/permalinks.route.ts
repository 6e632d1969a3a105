// /admin/settings/permalinks: Settings → Permalinks, WordPress's common settings. Saving changes every post's address
// on the site; addresses of the earlier structure answer 301 to the new ones (http/site/permalinks.ts).
import { PERMALINK_STRUCTURES, postPermalinkPath } from '../../features/posts/index.js';
import type { SiteSettingsSectionVM } from '../../../themes/default/index.js';
import type { FieldErrors, SettingsScreen, Typed } from './general.route.js';
import { ADMIN_PATHS } from './present.js';

const NAMES = ['Day and name', 'Month and name', 'Numeric', 'Post name'] as const;
const SAMPLE = { id: 123, slug: 'sample-post' };

function presentPermalinks(current: string, typed: Typed | null, errors: FieldErrors, publicUrl: string, now: Date): SiteSettingsSectionVM[] {
  const sample = { ...SAMPLE, publishedLocal: now.toISOString().slice(0, 19) };
  return [{
    heading: 'Common Settings',
    intro: 'Changing the structure changes the address of every post on the site; the addresses of the structure before answer with a permanent redirect (301) to the new ones.',
    fields: [{
      control: 'radios', name: 'permalinkStructure', label: 'Permalink structure', value: typed ? String(typed.permalinkStructure ?? '') : current,
      error: errors.permalinkStructure,
      options: PERMALINK_STRUCTURES.map((structure, i) => ({ value: structure, label: `${NAMES[i]}: ${publicUrl}${postPermalinkPath(sample, structure)}` })),
    }],
  }];
}

export const PERMALINKS_SCREEN: SettingsScreen = {
  path: ADMIN_PATHS.permalinks,
  section: 'permalinks',
  heading: 'Permalink Settings',
  present: async (deps, current, typed, errors) => presentPermalinks(current.permalinkStructure, typed, errors, deps.config.publicUrl, deps.clock.now()),
  read: async (_deps, body) => {
    const structure = typeof body.permalinkStructure === 'string' ? body.permalinkStructure : '';
    const known = (PERMALINK_STRUCTURES as readonly string[]).includes(structure);
    const errors: Record<string, string> = known ? {} : { permalinkStructure: 'Choose one of the structures.' };
    return {
      typed: { permalinkStructure: structure },
      change: { permalinkStructure: structure },
      errors,
    };
  },
};
