// Application passwords on the Profile screen and on an administrator's edit page of an account: the section's view,
// and the routes that make one (shown once, in groups of four), revoke one and revoke all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appPasswordErrors, chunkAppPassword } from '../../features/app-passwords/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { AppPasswordsSectionVM } from '../../../themes/default/index.js';
import type { AccessRule } from '../access.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { markAdminResponse } from './page.js';
import { formatWhen } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

/** What the section shows besides the list: the name typed and its error, a password just made, a notice. */
export interface AppPasswordsState {
  readonly name?: string;
  readonly error?: string;
  readonly created?: { readonly name: string; readonly password: string };
  readonly notice?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const APP_PASSWORD_NOTICES: Readonly<Record<string, string>> = {
  'revoked': 'Application password revoked.', 'revoked-all': 'All application passwords revoked.',
};

/** The section for `owner`'s passwords; `base` is where its forms post (…/app-passwords). */
export async function presentAppPasswords(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, owner: User, base: string, state: AppPasswordsState,
): Promise<AppPasswordsSectionVM> {
  const [list, site] = await Promise.all([deps.services.appPasswords.listForUser(owner.id), deps.services.settings.get()]);
  const when = (iso: string) => formatWhen(iso, site.language, site.timezone);
  return {
    csrfToken: deps.csrf.tokenFor(request, reply),
    createAction: base,
    revokeAllAction: `${base}/revoke-all`,
    rows: list.map((p) => ({
      name: p.name, createdIso: p.createdAt, createdText: when(p.createdAt), lastUsedText: p.lastUsedAt ? when(p.lastUsedAt) : 'Never',
      revokeAction: `${base}/${p.uuid}/revoke`,
    })),
    nameField: {
      control: 'text', name: 'appPasswordName', label: 'New Application Password Name', value: state.name ?? '', error: state.error,
      hint: 'What will use it, e.g. “Phone app”.',
    },
    errorSummary: state.error ? 'The application password was not made:' : null,
    created: state.created ? { name: state.created.name, password: chunkAppPassword(state.created.password) } : null,
    notice: state.notice ?? null,
  };
}

export interface AppPasswordRoutes {
  /** The route of the section's forms, e.g. /admin/users/:id/app-passwords. */
  readonly path: string;
  readonly access: AccessRule;
  /** The account whose passwords these are (the signed-in person, or the account of the address). */
  owner(request: FastifyRequest, actor: User): Promise<User>;
  /** The page the section is on, with `state`; where to go after a revocation. */
  sendPage(request: FastifyRequest, reply: FastifyReply, actor: User, owner: User, state: AppPasswordsState, status?: number): Promise<FastifyReply>;
  pageHref(owner: User, done: string): string;
}

export function registerAppPasswordRoutes(app: FastifyInstance, deps: HttpDeps, routes: AppPasswordRoutes): void {
  const { appPasswords } = deps.services;

  async function begin(request: FastifyRequest<{ Body: Fields }>) {
    const actor = await requireUser(request, deps.services);
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    return { actor, owner: await routes.owner(request, actor) };
  }

  app.post<{ Body: Fields }>(routes.path, { config: { access: routes.access } }, async (request, reply) => {
    const { actor, owner } = await begin(request);
    const name = typeof request.body?.appPasswordName === 'string' ? request.body.appPasswordName : '';
    try {
      const made = await appPasswords.create(owner.id, name);
      request.log.info({ userId: owner.id, by: actor.id }, 'application password made');
      return routes.sendPage(request, reply, actor, owner, { created: { name: made.appPassword.name, password: made.password } });
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const fields = error.details?.fields as Record<string, string> | undefined;
      return routes.sendPage(request, reply, actor, owner, { name, error: fields?.name ?? error.message }, statusOf(error.kind));
    }
  });

  app.post<{ Params: { uuid: string }; Body: Fields }>(`${routes.path}/:uuid/revoke`, { config: { access: routes.access } }, async (request, reply) => {
    const { actor, owner } = await begin(request);
    if (!UUID.test(request.params.uuid)) throw appPasswordErrors.notFound();
    await appPasswords.revoke(owner.id, request.params.uuid);
    request.log.info({ userId: owner.id, by: actor.id }, 'application password revoked');
    return markAdminResponse(reply).redirect(routes.pageHref(owner, 'revoked'), 303);
  });

  app.post<{ Body: Fields }>(`${routes.path}/revoke-all`, { config: { access: routes.access } }, async (request, reply) => {
    const { actor, owner } = await begin(request);
    const count = await appPasswords.revokeAll(owner.id);
    request.log.info({ userId: owner.id, by: actor.id, count }, 'application passwords revoked');
    return markAdminResponse(reply).redirect(routes.pageHref(owner, 'revoked-all'), 303);
  });
}
