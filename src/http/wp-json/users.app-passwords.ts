// /wp/v2/users/(me|ID)/application-passwords: a person's application passwords as WordPress 5.6+ offers them
// (list, create, read, revoke one, revoke all) to the person themselves and to edit_users holders.
import { type AppPassword, chunkAppPassword } from '../../features/app-passwords/index.js';
import { type User, can } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import { permissionRefusal } from './caller.js';
import { apiUrl } from './links.js';
import { userNotFound } from './users.present.js';
import { inWordPressTerms, wpError } from './wp-error.js';

const BASE = '/wp/v2/users/:user_id/application-passwords';

/** WordPress's *_gmt form: 2026-12-01T10:00:00. */
const gmt = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString().slice(0, 19));

function asWpError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  switch (error.code) {
    case 'APP_PASSWORD_NAME_INVALID': return wpError('application_password_empty_name', 'An application name (1–100 characters) is required to create an application password.', 400);
    case 'APP_PASSWORD_NAME_TAKEN': return wpError('application_password_duplicate_name', 'Each application name should be unique.', 409);
    case 'APP_PASSWORD_NOT_FOUND': return wpError('rest_application_password_not_found', 'Application password not found.', 404);
    default: return error;
  }
}

const translated = <T>(work: () => Promise<T>): Promise<T> => inWordPressTerms(asWpError, work);

export function registerAppPasswordRoutes(api: WpApi): void {
  const { appPasswords, users } = api.deps.services;

  /** The person the path names ("me" or an id) when the caller may manage their passwords; WordPress's refusals otherwise. */
  async function ownerOf(request: WpRequest, action: 'list' | 'create' | 'read' | 'delete'): Promise<User> {
    const named = request.args.string('user_id') ?? '';
    if (named !== 'me' && !/^\d{1,15}$/.test(named)) throw wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
    const { caller } = request;
    if (named === 'me' && !caller) throw wpError('rest_not_logged_in', 'You are not currently logged in.', 401);
    const owner = named === 'me' ? caller : await users.findById(Number(named));
    if (!owner) throw userNotFound();
    if (!caller || (caller.id !== owner.id && !can(caller.role, 'edit_users'))) {
      const plural = action === 'read' ? 'application password' : 'application passwords';
      throw permissionRefusal(caller, `rest_cannot_${action}_application_password${action === 'read' ? '' : 's'}`, `Sorry, you are not allowed to ${action} ${plural} for this user.`);
    }
    return owner;
  }

  const present = (owner: User, item: AppPassword) => ({
    uuid: item.uuid, app_id: '', name: item.name, created: gmt(item.createdAt), last_used: gmt(item.lastUsedAt), last_ip: null,
    _links: { self: [{ href: apiUrl(api.deps, `/wp/v2/users/${owner.id}/application-passwords/${item.uuid}`) }] },
  });

  async function find(owner: User, uuid: string): Promise<AppPassword> {
    const item = (await appPasswords.listForUser(owner.id)).find((candidate) => candidate.uuid === uuid);
    if (!item) throw wpError('rest_application_password_not_found', 'Application password not found.', 404);
    return item;
  }

  const USER_ARG = { user_id: { type: 'string', description: 'The user: an id, or "me".' } } as const;
  const ONE_ARGS = { ...USER_ARG, uuid: { type: 'string', description: 'The application password\'s uuid.' } } as const;
  api.route(BASE, {
    methods: ['GET'],
    args: USER_ARG,
    async handler(request): Promise<WpResponse> {
      const owner = await ownerOf(request, 'list');
      return { body: (await appPasswords.listForUser(owner.id)).map((item) => present(owner, item)) };
    },
  });
  api.route(BASE, {
    methods: ['POST'],
    args: { ...USER_ARG, name: { type: 'string', required: true, description: 'The name of the application password.' }, app_id: { type: 'string', description: 'A uuid the application gives itself (not kept).' } },
    async handler(request): Promise<WpResponse> {
      const owner = await ownerOf(request, 'create');
      const made = await translated(() => appPasswords.create(owner.id, request.args.string('name') ?? ''));
      // The password appears here once, in WordPress's groups of four; only its hash is kept.
      return { status: 201, body: { ...present(owner, made.appPassword), password: chunkAppPassword(made.password) } };
    },
  });
  api.route(BASE, {
    methods: ['DELETE'],
    args: USER_ARG,
    async handler(request): Promise<WpResponse> {
      const owner = await ownerOf(request, 'delete');
      return { body: { deleted: true, count: await appPasswords.revokeAll(owner.id) } };
    },
  });
  api.route(`${BASE}/:uuid`, {
    methods: ['GET'],
    args: ONE_ARGS,
    async handler(request): Promise<WpResponse> {
      const owner = await ownerOf(request, 'read');
      return { body: present(owner, await find(owner, request.args.string('uuid') ?? '')) };
    },
  });
  api.route(`${BASE}/:uuid`, {
    methods: ['DELETE'],
    args: ONE_ARGS,
    async handler(request): Promise<WpResponse> {
      const owner = await ownerOf(request, 'delete');
      const previous = present(owner, await find(owner, request.args.string('uuid') ?? ''));
      await translated(() => appPasswords.revoke(owner.id, previous.uuid));
      return { body: { deleted: true, previous } };
    },
  });
}
