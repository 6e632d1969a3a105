// Creating, changing and deleting people over /wp/v2/users: administrators only (create_users, edit_users,
// promote_users for roles, delete_users with `reassign`), and each person their own profile (no role).
import { type User, type UserProfile, can, isRole, roles } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { apiUrl } from './links.js';
import { trashNotSupported } from './terms.present.js';
import { presentUsers, userNotFound } from './users.present.js';
import { inWordPressTerms, wpError } from './wp-error.js';

const PROFILE_ARGS: ArgSpecs = {
  name: { type: 'string', description: 'Display name for the user.' },
  email: { type: 'string', description: 'The email address for the user.' },
  url: { type: 'string', description: 'URL of the user.' },
  description: { type: 'string', description: 'Description of the user.' },
  roles: { type: 'array', items: { type: 'string', enum: roles }, description: 'Roles assigned to the user (Quire gives each person one role: the first).' },
  password: { type: 'string', description: 'Password for the user (never included).' },
  meta: { type: 'object', description: 'Meta fields.' },
};

const CREATE_ARGS: ArgSpecs = {
  username: { type: 'string', required: true, description: 'Login name for the user.' },
  ...PROFILE_ARGS,
  email: { type: 'string', required: true, description: 'The email address for the user.' },
  password: { type: 'string', required: true, description: 'Password for the user (never included).' },
};

/** The users feature's refusals in WordPress's words where WordPress has them; others pass through. */
function asWpError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  switch (error.code) {
    case 'USER_NOT_FOUND': return userNotFound();
    case 'USER_LOGIN_TAKEN': return wpError('existing_user_login', 'Sorry, that username already exists!', 400);
    case 'USER_EMAIL_TAKEN': return wpError('existing_user_email', 'Sorry, that email address is already used!', 400);
    case 'USER_REASSIGN_INVALID': return wpError('rest_user_invalid_reassign', error.message, 400);
    default: return error;
  }
}

const translated = <T>(work: () => Promise<T>): Promise<T> => inWordPressTerms(asWpError, work);

const allowed = (caller: User | undefined, capability: Parameters<typeof can>[1]): caller is User => caller !== undefined && can(caller.role, capability);

export function registerUserWrites(api: WpApi): void {
  const { users } = api.deps.services;

  async function profileOf(id: number): Promise<UserProfile> {
    const profile = await users.findProfile(id);
    if (!profile) throw userNotFound();
    return profile;
  }

  async function respond(profile: UserProfile, status = 200): Promise<WpResponse> {
    const [body] = await presentUsers(api, [profile], 'edit');
    return { status, body, ...(status === 201 ? { headers: { Location: apiUrl(api.deps, `/wp/v2/users/${profile.id}`) } } : {}) };
  }

  /** The profile fields given, and then the password, role: each through the users feature's own checks. */
  async function applyChanges(request: WpRequest, id: number): Promise<void> {
    const { args } = request;
    const changes = {
      ...(args.has('name') ? { displayName: args.string('name') ?? '' } : {}),
      ...(args.has('email') ? { email: args.string('email') ?? '' } : {}),
      ...(args.has('url') ? { url: args.string('url') ?? '' } : {}),
      ...(args.has('description') ? { bio: args.string('description') ?? '' } : {}),
    };
    if (Object.keys(changes).length > 0) await translated(() => users.updateProfile(id, changes));
    const password = args.string('password');
    if (password !== undefined) await translated(() => users.updatePassword(id, password));
    const role = args.strings('roles')?.[0];
    if (role !== undefined) await translated(() => users.changeRole(id, role));
  }

  async function create(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    if (!allowed(caller, 'create_users')) throw permissionRefusal(caller, 'rest_cannot_create_user', 'Sorry, you are not allowed to create new users.');
    const role = args.strings('roles')?.[0] ?? 'subscriber';
    if (role !== 'subscriber' && !can(caller.role, 'promote_users')) {
      throw permissionRefusal(caller, 'rest_cannot_edit_roles', 'Sorry, you are not allowed to edit roles of this user.');
    }
    const user = await translated(() => users.create({
      login: args.string('username') ?? '',
      email: args.string('email') ?? '',
      displayName: args.string('name'),
      password: args.string('password'),
      bio: args.string('description'),
      role: isRole(role) ? role : 'subscriber',
    }));
    const url = args.string('url');
    if (url !== undefined && url !== '') await translated(() => users.updateProfile(user.id, { url }));
    return respond(await profileOf(user.id), 201);
  }

  async function update(request: WpRequest, id: number): Promise<WpResponse> {
    const { args, caller } = request;
    await profileOf(id);
    const self = caller?.id === id;
    if (!self && !allowed(caller, 'edit_users')) throw permissionRefusal(caller, 'rest_cannot_edit', 'Sorry, you are not allowed to edit this user.');
    if (args.has('roles') && !allowed(caller, 'promote_users')) {
      throw permissionRefusal(caller, 'rest_cannot_edit_roles', 'Sorry, you are not allowed to edit roles of this user.');
    }
    await applyChanges(request, id);
    return respond(await profileOf(id));
  }

  async function remove(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const id = args.integer('id') ?? 0;
    const profile = await profileOf(id);
    if (!allowed(caller, 'delete_users')) throw permissionRefusal(caller, 'rest_user_cannot_delete', 'Sorry, you are not allowed to delete this user.');
    if (args.boolean('force') !== true) return trashNotSupported('Users');
    const [previous] = await presentUsers(api, [profile], 'edit');
    await translated(() => users.remove(id, { reassignTo: args.integer('reassign') ?? 0 }));
    return { body: { deleted: true, previous } };
  }

  const ID = { id: { type: 'integer', description: 'Unique identifier for the user.' } } as const;
  api.route('/wp/v2/users', { methods: ['POST'], args: CREATE_ARGS, handler: create });
  api.route('/wp/v2/users/me', {
    methods: ['POST', 'PUT', 'PATCH'],
    args: PROFILE_ARGS,
    async handler(request) {
      if (!request.caller) throw wpError('rest_not_logged_in', 'You are not currently logged in.', 401);
      return update(request, request.caller.id);
    },
  });
  api.route('/wp/v2/users/:id', { methods: ['POST', 'PUT', 'PATCH'], args: { ...ID, ...PROFILE_ARGS }, handler: (request) => update(request, request.args.integer('id') ?? 0) });
  api.route('/wp/v2/users/:id', {
    methods: ['DELETE'],
    args: {
      ...ID,
      force: { type: 'boolean', default: false, description: 'Required to be true, as users do not support trashing.' },
      reassign: { type: 'integer', required: true, description: 'Reassign the deleted user\'s posts and links to this user ID.' },
    },
    handler: remove,
  });
}
