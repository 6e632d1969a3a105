// /wp/v2/categories and /wp/v2/tags: list, read, create, update and delete terms as WordPress does (writes need
// manage_categories; deleting needs force=true, terms have no trash), through the taxonomy service.
import type { Term, TermWithCount } from '../../features/taxonomy/index.js';
import { can } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { slugify } from '../../kernel/slug.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { PAGING_ARGS, collectionResponse, windowOf } from './collection.js';
import { apiUrl, siteUrl } from './links.js';
import { type Context, TERM_KINDS, TERM_ORDERS, type TermAddresses, type TermKind, type TermOrder, presentTerm, selectTerms, trashNotSupported } from './terms.present.js';
import { inWordPressTerms, wpError } from './wp-error.js';

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

function listArgs(kind: TermKind): ArgSpecs {
  return {
    context: CONTEXT,
    ...PAGING_ARGS,
    search: { type: 'string', description: 'Limit results to those matching a string.' },
    exclude: { type: 'array', items: { type: 'integer' }, default: [], description: 'Ensure result set excludes specific IDs.' },
    include: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to specific IDs.' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'asc', description: 'Order sort attribute ascending or descending.' },
    orderby: { type: 'string', enum: TERM_ORDERS, default: 'name', description: 'Sort collection by term attribute.' },
    hide_empty: { type: 'boolean', default: false, description: 'Whether to hide terms not assigned to any posts.' },
    ...(kind.hierarchical ? { parent: { type: 'integer', minimum: 0, description: 'Limit result set to terms assigned to a specific parent.' } } : {}),
    post: { type: 'integer', minimum: 0, description: 'Limit result set to terms assigned to a specific post.' },
    slug: { type: 'array', items: { type: 'string' }, description: 'Limit result set to terms with one or more specific slugs.' },
  };
}

function writeArgs(kind: TermKind, nameRequired: boolean): ArgSpecs {
  return {
    name: { type: 'string', required: nameRequired, description: 'HTML title for the term.' },
    description: { type: 'string', description: 'HTML description of the term.' },
    slug: { type: 'string', description: 'An alphanumeric identifier for the term unique to its type.' },
    ...(kind.hierarchical ? { parent: { type: 'integer', minimum: 0, description: 'The parent term ID.' } } : {}),
    meta: { type: 'object', description: 'Meta fields.' },
  };
}

const ID_ARG = { id: { type: 'integer', description: 'Unique identifier for the term.' } } as const;

const termNotFound = () => wpError('rest_term_invalid', 'Term does not exist.', 404);

/** The taxonomy feature's refusals in WordPress's words where WordPress has them; others pass through. */
function asWpError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  switch (error.code) {
    case 'TERM_NOT_FOUND': return termNotFound();
    case 'TERM_NAME_INVALID': return wpError('empty_term_name', 'A name is required for this term (1–200 characters).', 400);
    case 'TERM_SLUG_TAKEN': return wpError('duplicate_term_slug', error.message, 400);
    case 'TERM_PARENT_INVALID': return wpError('rest_term_invalid', error.message, 400);
    case 'TERM_DEFAULT_CATEGORY': return wpError('rest_cannot_delete', error.message, 403);
    default: return error;
  }
}

const translated = <T>(work: () => Promise<T>): Promise<T> => inWordPressTerms(asWpError, work);

export function registerTermRoutes(api: WpApi): void {
  for (const kind of TERM_KINDS) registerKind(api, kind);
}

function registerKind(api: WpApi, kind: TermKind): void {
  const { taxonomy } = api.deps.services;
  const base = `/wp/v2/${kind.rest}`;

  async function addresses(): Promise<TermAddresses> {
    const site = siteUrl(api.deps);
    const paths = kind.hierarchical ? await taxonomy.categoryPaths() : new Map<number, string>();
    return {
      api: (route) => apiUrl(api.deps, route),
      archive: (term) => kind.hierarchical
        ? `${site}/category/${(paths.get(term.id) ?? term.slug).split('/').map(encodeURIComponent).join('/')}/`
        : `${site}/tag/${encodeURIComponent(term.slug)}/`,
    };
  }

  const contextOf = (request: WpRequest): Context => (request.args.string('context') ?? 'view') as Context;

  /** context=edit shows what only managers see (WordPress: rest_forbidden_context). */
  function checkContext(request: WpRequest): Context {
    const context = contextOf(request);
    if (context === 'edit' && !(request.caller && can(request.caller.role, 'manage_categories'))) {
      throw permissionRefusal(request.caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit terms in this taxonomy.');
    }
    return context;
  }

  async function withCount(term: Term): Promise<TermWithCount> {
    const counted = (await taxonomy.listWithCounts(kind.taxonomy)).find((t) => t.id === term.id);
    return counted ?? { ...term, count: 0 };
  }

  async function existing(request: WpRequest): Promise<Term> {
    const term = await taxonomy.findById(request.args.integer('id') ?? 0);
    if (!term || term.taxonomy !== kind.taxonomy) throw termNotFound();
    return term;
  }

  function requireManager(request: WpRequest, code: string, message: string): void {
    if (!request.caller || !can(request.caller.role, 'manage_categories')) throw permissionRefusal(request.caller, code, message);
  }

  /** The ids of the terms of `post` when the caller may see it; WordPress's 400 for a post it cannot. */
  async function termsOfPost(request: WpRequest, postId: number): Promise<ReadonlySet<number>> {
    const post = await api.deps.services.posts.findById(postId);
    const visible = post && (post.status === 'published' || (request.caller && can(request.caller.role, 'edit_posts')));
    if (!post || !visible) throw wpError('rest_post_invalid_id', 'Invalid post ID.', 400);
    return new Set(((await taxonomy.termsOfPosts([postId])).get(postId) ?? []).map((t) => t.id));
  }

  async function list(request: WpRequest): Promise<WpResponse> {
    const context = checkContext(request);
    const { args } = request;
    const postId = args.integer('post');
    const selected = selectTerms(await taxonomy.listWithCounts(kind.taxonomy), {
      search: args.string('search'),
      include: args.integers('include'),
      exclude: args.integers('exclude'),
      slugs: args.strings('slug'),
      parent: args.integer('parent'),
      hideEmpty: args.boolean('hide_empty'),
      onlyIds: postId ? await termsOfPost(request, postId) : undefined,
      orderBy: (args.string('orderby') ?? 'name') as TermOrder,
      order: args.string('order') === 'desc' ? 'desc' : 'asc',
    });
    const window = windowOf(request);
    const at = await addresses();
    const items = selected.slice(window.offset, window.offset + window.perPage).map((term) => presentTerm(kind, term, context, at));
    return collectionResponse(api.deps, request, window, selected.length, items, 'rest_term_invalid_page_number');
  }

  async function create(request: WpRequest): Promise<WpResponse> {
    requireManager(request, 'rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.');
    const { args } = request;
    const slug = args.string('slug');
    const term = await translated(() => taxonomy.create(kind.taxonomy, {
      name: args.string('name') ?? '',
      description: args.string('description'),
      // WordPress sanitizes a given slug ("My Slug" → "my-slug") rather than refusing it.
      ...(slug !== undefined && slug.trim() !== '' ? { slug: slugify(slug) || slug } : {}),
      parentId: args.integer('parent') || null,
    }));
    const body = presentTerm(kind, { ...term, count: 0 }, 'edit', await addresses());
    return { status: 201, body, headers: { Location: apiUrl(api.deps, `${base}/${term.id}`) } };
  }

  async function update(request: WpRequest): Promise<WpResponse> {
    const term = await existing(request);
    requireManager(request, 'rest_cannot_update', 'Sorry, you are not allowed to edit this term.');
    const { args } = request;
    const slug = args.string('slug');
    const updated = await translated(() => taxonomy.update(term.id, {
      ...(args.has('name') ? { name: args.string('name') ?? '' } : {}),
      ...(args.has('description') ? { description: args.string('description') ?? '' } : {}),
      ...(slug !== undefined ? { slug: slugify(slug) || slug } : {}),
      ...(args.has('parent') ? { parentId: args.integer('parent') || null } : {}),
    }));
    return { body: presentTerm(kind, await withCount(updated), 'edit', await addresses()) };
  }

  async function remove(request: WpRequest): Promise<WpResponse> {
    const term = await existing(request);
    requireManager(request, 'rest_cannot_delete', 'Sorry, you are not allowed to delete this term.');
    if (request.args.boolean('force') !== true) return trashNotSupported('Terms');
    const previous = presentTerm(kind, await withCount(term), 'edit', await addresses());
    await translated(() => taxonomy.remove(term.id));
    return { body: { deleted: true, previous } };
  }

  api.route(base, { methods: ['GET'], args: listArgs(kind), handler: list });
  api.route(base, { methods: ['POST'], args: writeArgs(kind, true), handler: create });
  api.route(`${base}/:id`, {
    methods: ['GET'],
    args: { ...ID_ARG, context: CONTEXT },
    async handler(request) {
      const context = checkContext(request);
      const term = await existing(request);
      return { body: presentTerm(kind, await withCount(term), context, await addresses()) };
    },
  });
  api.route(`${base}/:id`, { methods: ['POST', 'PUT', 'PATCH'], args: { ...ID_ARG, ...writeArgs(kind, false) }, handler: update });
  api.route(`${base}/:id`, {
    methods: ['DELETE'],
    args: { ...ID_ARG, force: { type: 'boolean', default: false, description: 'Required to be true, as terms do not support trashing.' } },
    handler: remove,
  });
}
