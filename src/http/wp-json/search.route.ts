// /wp/v2/search: published posts and pages matching words, as WordPress's post search handler lists them
// ({ id, title, url, type: 'post', subtype }), paged like every collection.
import type { PostCard } from '../../features/posts/index.js';
import { escapeHtml } from '../../kernel/html.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import { PAGING_ARGS, collectionResponse, windowOf } from './collection.js';
import { CURIES, apiUrl } from './links.js';
import { linkOf } from './posts.present.js';

const SEARCH_ARGS = {
  context: { type: 'string', enum: ['view', 'embed'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' },
  page: PAGING_ARGS.page,
  per_page: PAGING_ARGS.per_page,
  search: { type: 'string', description: 'Limit results to those matching a string.' },
  type: { type: 'string', default: 'post', enum: ['post'], description: 'Limit results to items of an object type.' },
  subtype: { type: 'array', items: { type: 'string', enum: ['post', 'page', 'any'] }, default: ['any'], description: 'Limit results to items of one or more object subtypes.' },
  exclude: { type: 'array', items: { type: 'integer' }, default: [], description: 'Ensure result set excludes specific IDs.' },
  include: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to specific IDs.' },
} as const;

async function findPage(api: WpApi, request: WpRequest, subtypes: readonly ('post' | 'page')[]) {
  const { posts } = api.deps.services;
  const window = windowOf(request);
  const words = (request.args.string('search') ?? '').trim();
  const include = request.args.integers('include') ?? [];
  const exclude = request.args.integers('exclude') ?? [];
  if (words && subtypes.length === 2 && include.length === 0 && exclude.length === 0) {
    // The site's own search: both types, best matches first.
    const found = await posts.search(words, window.page, window.perPage);
    return { window, total: found.total, items: found.items.map((hit) => hit.post) };
  }
  // Newest first across the types asked for: each gives its first (offset + per_page), merged.
  const lists = await Promise.all(subtypes.map((type) =>
    posts.list({
      type, statuses: ['published'], search: words || undefined, include: include.length > 0 ? include : undefined, exclude, limit: window.offset + window.perPage, offset: 0,
    })));
  const merged = lists.flatMap((l) => l.items).sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id);
  return { window, total: lists.reduce((sum, l) => sum + l.total, 0), items: merged.slice(window.offset, window.offset + window.perPage) };
}

function present(api: WpApi, post: PostCard, links: Pick<Parameters<typeof linkOf>[1], 'pages' | 'permalinkOf'>) {
  const rest = post.type === 'page' ? 'pages' : 'posts';
  return {
    id: post.id,
    title: escapeHtml(post.title),
    url: linkOf(post, { deps: api.deps, ...links }),
    type: 'post',
    subtype: post.type,
    _links: {
      self: [{ embeddable: true, href: apiUrl(api.deps, `/wp/v2/${rest}/${post.id}`) }],
      about: [{ href: apiUrl(api.deps, '/wp/v2/search-handler/post') }],
      collection: [{ href: apiUrl(api.deps, '/wp/v2/search') }],
      curies: CURIES,
    },
  };
}

export function registerSearchRoutes(api: WpApi): void {
  api.route('/wp/v2/search', {
    methods: ['GET'],
    args: SEARCH_ARGS,
    async handler(request): Promise<WpResponse> {
      const asked = request.args.strings('subtype') ?? ['any'];
      const subtypes = asked.includes('any') ? (['post', 'page'] as const) : (['post', 'page'] as const).filter((t) => asked.includes(t));
      const { posts } = api.deps.services;
      const [{ window, total, items }, pages, permalinkOf] = await Promise.all([
        findPage(api, request, subtypes), posts.publishedPages(), posts.permalinks(),
      ]);
      const presented = items.map((post) => present(api, post, { pages, permalinkOf }));
      return collectionResponse(api.deps, request, window, total, presented, 'rest_search_invalid_page_number');
    },
  });
}
