// /wp/v2/users and /wp/v2/users/me: people as WordPress shows them. Callers who may not list users (list_users)
// see only the authors of published posts and only public fields, as in WordPress; writes are in users.write.ts.
import type { PostType } from '../../features/posts/index.js';
import { type User, type UserProfile, can } from '../../features/users/index.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { PAGING_ARGS, collectionResponse, windowOf } from './collection.js';
import { USER_ORDERS, type UserContext, type UserOrder, presentUsers, selectUsers, userNotFound } from './users.present.js';
import { registerAppPasswordRoutes } from './users.app-passwords.js';
import { registerUserWrites } from './users.write.js';
import { wpError } from './wp-error.js';

export const USER_CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

const LIST_ARGS: ArgSpecs = {
  context: USER_CONTEXT,
  ...PAGING_ARGS,
  search: { type: 'string', description: 'Limit results to those matching a string.' },
  exclude: { type: 'array', items: { type: 'integer' }, default: [], description: 'Ensure result set excludes specific IDs.' },
  include: { type: 'array', items: { type: 'integer' }, default: [], description: 'Limit result set to specific IDs.' },
  order: { type: 'string', enum: ['asc', 'desc'], default: 'asc', description: 'Order sort attribute ascending or descending.' },
  orderby: { type: 'string', enum: USER_ORDERS, default: 'name', description: 'Sort collection by user attribute.' },
  slug: { type: 'array', items: { type: 'string' }, description: 'Limit result set to users with one or more specific slugs.' },
  roles: { type: 'array', items: { type: 'string' }, description: 'Limit result set to users matching at least one specific role provided. Accepts csv list or single role.' },
};

/** Every account a site could have, read at once for the list (filtered and ordered in memory, as WordPress's screens). */
const ALL_USERS = 100_000;
/** A bound on the loop below: a site with more published authors lists only this many to anonymous callers. */
const MAX_AUTHORS = 1_000;

/**
 * The authors of published posts and pages (whom WordPress lists to anyone): one post per query, each excluding the
 * authors already found, so it costs one indexed query per author rather than a scan of every post.
 */
async function publishedAuthorIds(api: WpApi): Promise<Set<number>> {
  const found = new Set<number>();
  for (const type of ['post', 'page'] as PostType[]) {
    while (found.size < MAX_AUTHORS) {
      const { items } = await api.deps.services.posts.list({ type, statuses: ['published'], excludeAuthorIds: [...found], orderBy: 'id', order: 'asc', limit: 1, offset: 0 });
      const next = items[0];
      if (!next) break;
      found.add(next.authorId);
    }
  }
  return found;
}

/** Whether `caller` may read `user` at all: anyone may read authors of published posts; list_users holders anyone. */
async function canView(api: WpApi, user: User, caller: User | undefined): Promise<boolean> {
  if (caller && (caller.id === user.id || can(caller.role, 'list_users'))) return true;
  return (await publishedAuthorIds(api)).has(user.id);
}

function checkListPermissions(request: WpRequest): void {
  const { args, caller } = request;
  if (caller && can(caller.role, 'list_users')) return;
  if (args.has('roles')) throw permissionRefusal(caller, 'rest_user_cannot_view', 'Sorry, you are not allowed to filter users by role.');
  if (args.string('context') === 'edit') throw permissionRefusal(caller, 'rest_forbidden_context', 'Sorry, you are not allowed to list users.');
  const orderBy = args.string('orderby');
  if (orderBy === 'email' || orderBy === 'registered_date') {
    throw permissionRefusal(caller, 'rest_forbidden_orderby', 'Sorry, you are not allowed to order users by this parameter.');
  }
}

export function registerUserRoutes(api: WpApi): void {
  const { users } = api.deps.services;

  async function list(request: WpRequest): Promise<WpResponse> {
    checkListPermissions(request);
    const { args, caller } = request;
    const lists = caller !== undefined && can(caller.role, 'list_users');
    const candidates = lists ? (await users.list({ page: 1, perPage: ALL_USERS })).users : await users.listByIds([...(await publishedAuthorIds(api))]);
    const selected = selectUsers(candidates, {
      search: args.string('search'),
      searchEmails: lists,
      include: args.integers('include'),
      exclude: args.integers('exclude'),
      slugs: args.strings('slug'),
      roles: args.strings('roles'),
      orderBy: (args.string('orderby') ?? 'name') as UserOrder,
      order: args.string('order') === 'desc' ? 'desc' : 'asc',
    });
    const window = windowOf(request);
    const page = selected.slice(window.offset, window.offset + window.perPage);
    const profiles = (await Promise.all(page.map((user) => users.findProfile(user.id)))).filter((p): p is UserProfile => p !== undefined);
    const items = await presentUsers(api, profiles, (args.string('context') ?? 'view') as UserContext);
    return collectionResponse(api.deps, request, window, selected.length, items, 'rest_user_invalid_page_number');
  }

  /** One person in `context`: edit for themselves and list_users holders only (WordPress: edit_user). */
  async function one(request: WpRequest, id: number): Promise<WpResponse> {
    const { caller } = request;
    const profile = await users.findProfile(id);
    if (!profile) throw userNotFound();
    const context = (request.args.string('context') ?? 'view') as UserContext;
    if (context === 'edit' && !(caller && (caller.id === id || can(caller.role, 'list_users')))) {
      throw permissionRefusal(caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit this user.');
    }
    if (!(await canView(api, profile, caller))) throw permissionRefusal(caller, 'rest_user_cannot_view', 'Sorry, you are not allowed to list users.');
    const [body] = await presentUsers(api, [profile], context);
    return { body };
  }

  const ONE_ARGS: ArgSpecs = { context: USER_CONTEXT };
  api.route('/wp/v2/users', { methods: ['GET'], args: LIST_ARGS, handler: list });
  api.route('/wp/v2/users/me', {
    methods: ['GET'],
    args: ONE_ARGS,
    async handler(request) {
      if (!request.caller) throw wpError('rest_not_logged_in', 'You are not currently logged in.', 401);
      return one(request, request.caller.id);
    },
  });
  api.route('/wp/v2/users/:id', {
    methods: ['GET'],
    args: { id: { type: 'integer', description: 'Unique identifier for the user.' }, ...ONE_ARGS },
    handler: (request) => one(request, request.args.integer('id') ?? 0),
  });
  registerUserWrites(api);
  registerAppPasswordRoutes(api);
}
