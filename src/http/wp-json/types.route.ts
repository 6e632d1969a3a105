// /wp/v2/types and /wp/v2/taxonomies: the post types and taxonomies Quire has, in WordPress's shapes, so clients
// that read them first (the block editor, wpapi) find posts, pages, media, categories and tags where they expect.
import type { WpApi } from './api.js';
import type { Link } from './links.js';
import { CURIES, apiUrl } from './links.js';
import { wpError } from './wp-error.js';

interface TypeInfo {
  readonly slug: string;
  readonly name: string;
  readonly hierarchical: boolean;
  readonly taxonomies: readonly string[];
  readonly restBase: string;
  readonly icon: string | null;
}

const TYPES: readonly TypeInfo[] = [
  { slug: 'post', name: 'Posts', hierarchical: false, taxonomies: ['category', 'post_tag'], restBase: 'posts', icon: 'dashicons-admin-post' },
  { slug: 'page', name: 'Pages', hierarchical: true, taxonomies: [], restBase: 'pages', icon: 'dashicons-admin-page' },
  { slug: 'attachment', name: 'Media', hierarchical: false, taxonomies: [], restBase: 'media', icon: 'dashicons-admin-media' },
];

interface TaxonomyInfo {
  readonly slug: string;
  readonly name: string;
  readonly hierarchical: boolean;
  readonly restBase: string;
}

const TAXONOMIES: readonly TaxonomyInfo[] = [
  { slug: 'category', name: 'Categories', hierarchical: true, restBase: 'categories' },
  { slug: 'post_tag', name: 'Tags', hierarchical: false, restBase: 'tags' },
];

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

function links(api: WpApi, collection: string, items: string): Record<string, readonly Link[]> {
  return { collection: [{ href: apiUrl(api.deps, collection) }], 'wp:items': [{ href: apiUrl(api.deps, items) }], curies: CURIES };
}

/** WordPress's fields of a post type; the embed context leaves out has_archive and taxonomies. */
function presentType(api: WpApi, type: TypeInfo, context: string) {
  const full = context !== 'embed';
  return {
    description: '',
    hierarchical: type.hierarchical,
    ...(full ? { has_archive: false } : {}),
    name: type.name,
    slug: type.slug,
    icon: type.icon,
    ...(full ? { taxonomies: type.taxonomies } : {}),
    rest_base: type.restBase,
    rest_namespace: 'wp/v2',
    _links: links(api, '/wp/v2/types', `/wp/v2/${type.restBase}`),
  };
}

function presentTaxonomy(api: WpApi, taxonomy: TaxonomyInfo) {
  return {
    name: taxonomy.name, slug: taxonomy.slug, description: '', types: ['post'], hierarchical: taxonomy.hierarchical,
    rest_base: taxonomy.restBase, rest_namespace: 'wp/v2', _links: links(api, '/wp/v2/taxonomies', `/wp/v2/${taxonomy.restBase}`),
  };
}

export function registerTypeRoutes(api: WpApi): void {
  api.route('/wp/v2/types', {
    methods: ['GET'],
    args: { context: CONTEXT },
    handler: async ({ args }) => ({ body: Object.fromEntries(TYPES.map((t) => [t.slug, presentType(api, t, args.string('context') ?? 'view')])) }),
  });
  api.route('/wp/v2/types/:type', {
    methods: ['GET'],
    args: { type: { type: 'string', description: 'An alphanumeric identifier for the post type.' }, context: CONTEXT },
    async handler({ args }) {
      const type = TYPES.find((t) => t.slug === args.string('type'));
      if (!type) throw wpError('rest_type_invalid', 'Invalid post type.', 404);
      return { body: presentType(api, type, args.string('context') ?? 'view') };
    },
  });
  api.route('/wp/v2/taxonomies', {
    methods: ['GET'],
    args: { context: CONTEXT, type: { type: 'string', description: 'Limit results to taxonomies associated with a specific post type.' } },
    async handler({ args }) {
      const type = args.string('type');
      const found = type === undefined ? TAXONOMIES : TAXONOMIES.filter((t) => TYPES.find((x) => x.slug === type)?.taxonomies.includes(t.slug));
      return { body: Object.fromEntries(found.map((t) => [t.slug, presentTaxonomy(api, t)])) };
    },
  });
  api.route('/wp/v2/taxonomies/:taxonomy', {
    methods: ['GET'],
    args: { taxonomy: { type: 'string', description: 'An alphanumeric identifier for the taxonomy.' }, context: CONTEXT },
    async handler({ args }) {
      const taxonomy = TAXONOMIES.find((t) => t.slug === args.string('taxonomy'));
      if (!taxonomy) throw wpError('rest_taxonomy_invalid', 'Invalid taxonomy.', 404);
      return { body: presentTaxonomy(api, taxonomy) };
    },
  });
}
