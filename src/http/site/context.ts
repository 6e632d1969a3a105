// What every public page needs besides its own content: settings, menu, widgets. Loaded once a request.
import type { PageLink, PostsService } from '../../features/posts/index.js';
import type { SettingsService, SiteSettings } from '../../features/settings/index.js';
import { type TaxonomyService, type TermNode, type TermWithCount, buildTermTree } from '../../features/taxonomy/index.js';
import type { MonthCount, PostLink } from '../../features/posts/index.js';

export interface SiteContext {
  readonly settings: SiteSettings;
  readonly pages: readonly PageLink[];
  readonly categories: readonly TermNode<TermWithCount>[];
  /** Path under /category/ by category id, e.g. 'craft/woodworking'. */
  readonly categoryPaths: ReadonlyMap<number, string>;
  readonly recent: readonly PostLink[];
  readonly months: readonly MonthCount[];
}

export interface SiteContextDeps {
  readonly settings: SettingsService;
  readonly posts: PostsService;
  readonly taxonomy: TaxonomyService;
}

export async function loadSiteContext(deps: SiteContextDeps): Promise<SiteContext> {
  const [settings, pages, categoryCounts, recent, months] = await Promise.all([
    deps.settings.get(),
    deps.posts.publishedPages(),
    deps.taxonomy.listWithCounts('category'),
    deps.posts.recent(5),
    deps.posts.archiveMonths(),
  ]);
  const categories = buildTermTree(categoryCounts);
  return { settings, pages, categories, categoryPaths: pathsOf(categories), recent, months };
}

function pathsOf(nodes: readonly TermNode[], prefix = '', into = new Map<number, string>()): Map<number, string> {
  for (const node of nodes) {
    const path = `${prefix}${node.term.slug}`;
    into.set(node.term.id, path);
    pathsOf(node.children, `${path}/`, into);
  }
  return into;
}
