// Sends a staff screen: the admin frame, and headers that keep it out of every cache and search engine.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type User, can } from '../../features/users/index.js';
import type { SafeHtml } from '../../kernel/html.js';
import { renderAdminLayout } from '../../../themes/default/index.js';
import { markPersonal } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import { ADMIN_PATHS, type AdminSection, presentAdminNav } from './present.js';

export interface AdminPageOptions {
  readonly pageTitle: string;
  /** The signed-in person (menu and Log Out), or undefined on the sign-in page. */
  readonly user?: User;
  readonly section?: AdminSection;
  /** Shown beside Comments in the menu, for those who moderate; counted here when the screen has not counted it already. */
  readonly pendingComments?: number;
  /** The screen's scripts by asset name (editor.js); names the theme does not have are left out. */
  readonly scripts?: readonly string[];
}

/** Headers every staff response carries, pages and redirects alike. */
export function markAdminResponse(reply: FastifyReply): FastifyReply {
  markPersonal(reply);
  return reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
}

export async function sendAdminPage(
  deps: HttpDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: AdminPageOptions,
  main: SafeHtml,
  status = 200,
): Promise<FastifyReply> {
  const { user } = options;
  // One indexed count, on every staff screen of those who moderate: the menu shows what awaits them.
  const [settings, pendingComments] = await Promise.all([
    deps.services.settings.get(),
    options.pendingComments ?? (user && can(user.role, 'moderate_comments') ? deps.services.comments.countPending() : undefined),
  ]);
  const page = renderAdminLayout(
    {
      siteTitle: settings.title,
      language: settings.language,
      pageTitle: options.pageTitle,
      stylesheetHref: deps.assets.get('quire.css')?.href ?? '/assets/quire.css',
      nav: user ? presentAdminNav(user, options.section ?? 'dashboard', pendingComments) : [],
      session: user
        ? { displayName: user.displayName, logoutAction: ADMIN_PATHS.logout, csrfToken: deps.csrf.tokenFor(request, reply) }
        : null,
      scripts: (options.scripts ?? []).flatMap((name) => {
        const asset = deps.assets.get(name);
        return asset ? [asset.href] : [];
      }),
    },
    main,
  );
  return markAdminResponse(reply).status(status).type('text/html; charset=utf-8').send(page);
}
