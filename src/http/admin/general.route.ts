// /admin/settings/general, and the one way every site-settings screen of issue #7 works (General, Reading, Sign-in):
// GET shows the form with the current values; POST checks CSRF, saves the whole change or nothing, then 303 with
// "Settings saved."; a refused form comes back (400) as it was sent, each error beside its field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteSettings } from '../../features/settings/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { type SiteSettingsSectionVM, renderSiteSettings } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { presentGeneral, readGeneralForm } from './general.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS, type AdminSection } from './present.js';

type Fields = Readonly<Record<string, unknown>>;
export type Typed = Readonly<Record<string, string | boolean>>;
export type FieldErrors = Readonly<Record<string, string>>;

export const ADMINISTER = { access: { capability: 'manage_options' } } as const;

export interface SettingsScreen {
  readonly path: string;
  readonly section: AdminSection;
  readonly heading: string;
  /** The sections, from what was typed (a refused form) or the saved settings. */
  readonly present: (deps: HttpDeps, current: SiteSettings, typed: Typed | null, errors: FieldErrors, extra: ScreenExtra) => Promise<SiteSettingsSectionVM[]>;
  /** What was typed, the change to save, and errors found before the settings' own validation. */
  readonly read: (deps: HttpDeps, body: Fields, current: SiteSettings) => Promise<{ typed: Typed; change: Record<string, unknown>; errors: FieldErrors }>;
  /** Saves the change (default: the site settings). */
  readonly save?: (deps: HttpDeps, change: Record<string, unknown>) => Promise<void>;
}

/** What a screen may show besides the fields (a provider's test result). */
export interface ScreenExtra {
  readonly results?: Readonly<Record<string, { readonly ok: boolean; readonly lines: readonly string[] }>>;
}

/** "must be a whole number…" (the settings' words) as a sentence beside the field. */
export function sentence(problem: string): string {
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}${problem.endsWith('.') ? '' : '.'}`;
}

export async function sendSettingsScreen(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, user: User, screen: SettingsScreen,
  form: { typed: Typed | null; errors: FieldErrors; notice: string | null; extra?: ScreenExtra }, status = 200,
): Promise<FastifyReply> {
  const current = await deps.services.settings.get();
  const main = renderSiteSettings({
    heading: screen.heading,
    notice: form.notice,
    action: screen.path,
    csrfToken: deps.csrf.tokenFor(request, reply),
    sections: await screen.present(deps, current, form.typed, form.errors, form.extra ?? {}),
    errorSummary: Object.keys(form.errors).length > 0 ? 'The settings were not saved. Please correct the following:' : null,
  });
  return sendAdminPage(deps, request, reply, { pageTitle: screen.heading, user, section: screen.section }, main, status);
}

export function registerSettingsScreen(app: FastifyInstance, deps: HttpDeps, screen: SettingsScreen): void {
  const { settings } = deps.services;

  app.get<{ Querystring: Fields }>(screen.path, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const notice = request.query['settings-updated'] === 'true' ? 'Settings saved.' : null;
    return sendSettingsScreen(deps, request, reply, user, screen, { typed: null, errors: {}, notice });
  });

  app.post<{ Body: Fields }>(screen.path, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const { typed, change, errors } = await screen.read(deps, body, await settings.get());
    let problems: FieldErrors = errors;
    if (Object.keys(errors).length === 0) {
      try {
        await (screen.save ? screen.save(deps, change) : settings.update(change));
      } catch (error) {
        if (!isAppError(error) || error.code !== 'SETTINGS_INVALID') throw error;
        const fields = (error.details?.fields ?? {}) as Record<string, string>;
        problems = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, sentence(v)]));
      }
    }
    if (Object.keys(problems).length > 0) {
      return sendSettingsScreen(deps, request, reply, user, screen, { typed, errors: problems, notice: null }, 400);
    }
    request.log.info({ userId: user.id, settings: Object.keys(change) }, `${screen.section} settings saved`);
    return markAdminResponse(reply).redirect(`${screen.path}?settings-updated=true`, 303);
  });
}

export const GENERAL_SCREEN: SettingsScreen = {
  path: ADMIN_PATHS.general,
  section: 'general',
  heading: 'General Settings',
  present: async (deps, current, typed, errors) => presentGeneral(current, typed, errors, deps.config.publicUrl, deps.clock.now()),
  read: async (_deps, body) => readGeneralForm(body),
};
