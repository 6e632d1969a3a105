// /admin/settings/reading: Settings → Reading, WordPress's words — what the home page displays (latest posts or a
// static page, with the posts page), how many posts a page and a feed show, feeds' content, search engine visibility.
import type { PageLink } from '../../features/posts/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import type { SiteSettingsSectionVM } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import type { FieldErrors, SettingsScreen, Typed } from './general.route.js';
import { ADMIN_PATHS } from './present.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isTicked = (raw: unknown) => [raw].flat().includes('1');

const NUMBERS = ['postsPerPage', 'feedItems'] as const;
const CHOICES = { showOnFront: ['posts', 'page'], feedContent: ['full', 'excerpt'] } as const;

/** A page id from its select: 0 for "— Select —"; anything but a published page is an error beside it. */
function pageIdOf(raw: string, pages: readonly PageLink[]): number | null {
  if (raw === '' || raw === '0') return 0;
  return /^[1-9]\d{0,9}$/.test(raw) && pages.some((p) => p.id === Number(raw)) ? Number(raw) : null;
}

async function readReading(deps: HttpDeps, body: Readonly<Record<string, unknown>>) {
  const pages = await deps.services.posts.publishedPages();
  const typed: Record<string, string | boolean> = {};
  const change: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of NUMBERS) {
    typed[key] = text(body[key]);
    const trimmed = String(typed[key]).trim();
    // A whole number goes as a number; anything else as typed, so the settings' own check names the problem.
    change[key] = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : typed[key];
  }
  for (const [key, options] of Object.entries(CHOICES)) {
    typed[key] = text(body[key]);
    change[key] = typed[key];
    if (!(options as readonly string[]).includes(String(typed[key]))) errors[key] = 'Choose one of the options.';
  }
  for (const key of ['pageOnFront', 'pageForPosts'] as const) {
    typed[key] = text(body[key]);
    const id = pageIdOf(String(typed[key]), pages);
    if (id === null) errors[key] = 'Choose a published page.';
    change[key] = id ?? 0;
  }
  typed.discourageSearchEngines = change.discourageSearchEngines = isTicked(body.discourageSearchEngines);
  // As WordPress: a static front page needs its page, and the posts cannot be listed on the front page's own address.
  if (change.showOnFront === 'page' && change.pageOnFront === 0 && !errors.pageOnFront) errors.pageOnFront = 'Choose the page to show as your homepage.';
  if (change.pageOnFront !== 0 && change.pageOnFront === change.pageForPosts) errors.pageForPosts = 'The posts page must not be the homepage.';
  return { typed, change, errors };
}

function presentReading(current: SiteSettings, typed: Typed | null, errors: FieldErrors, pages: readonly PageLink[]): SiteSettingsSectionVM[] {
  const value = (key: keyof SiteSettings) => (typed ? typed[key] ?? '' : current[key]);
  const pageOptions = [{ value: '0', label: '— Select —' }, ...pages.map((p) => ({ value: String(p.id), label: p.title || `(no title) #${p.id}` }))];
  return [
    {
      heading: 'Your homepage displays',
      fields: [
        {
          control: 'radios', name: 'showOnFront', label: 'Your homepage displays', value: String(value('showOnFront')), error: errors.showOnFront,
          options: [{ value: 'posts', label: 'Your latest posts' }, { value: 'page', label: 'A static page (select below)' }],
        },
        { control: 'select', name: 'pageOnFront', label: 'Homepage', value: String(value('pageOnFront')), options: pageOptions, error: errors.pageOnFront },
        {
          control: 'select', name: 'pageForPosts', label: 'Posts page', value: String(value('pageForPosts')), options: pageOptions, error: errors.pageForPosts,
          hint: 'The page whose address lists your latest posts when the homepage is a static page.',
        },
      ],
    },
    {
      heading: 'Posts and feeds',
      fields: [
        { control: 'number', name: 'postsPerPage', label: 'Blog pages show at most', value: String(value('postsPerPage')), suffix: 'posts', error: errors.postsPerPage },
        { control: 'number', name: 'feedItems', label: 'Syndication feeds show the most recent', value: String(value('feedItems')), suffix: 'items', error: errors.feedItems },
        {
          control: 'radios', name: 'feedContent', label: 'For each post in a feed, include', value: String(value('feedContent')), error: errors.feedContent,
          options: [{ value: 'full', label: 'Full text' }, { value: 'excerpt', label: 'Excerpt' }],
        },
      ],
    },
    {
      heading: 'Search engine visibility',
      fields: [{
        control: 'checkbox', name: 'discourageSearchEngines', label: 'Discourage search engines from indexing this site', checked: value('discourageSearchEngines') === true,
        error: errors.discourageSearchEngines, hint: 'It is up to search engines to honor this request.',
      }],
    },
  ];
}

export const READING_SCREEN: SettingsScreen = {
  path: ADMIN_PATHS.reading,
  section: 'reading',
  heading: 'Reading Settings',
  present: async (deps, current, typed, errors) => presentReading(current, typed, errors, await deps.services.posts.publishedPages()),
  read: (deps, body) => readReading(deps, body),
};
