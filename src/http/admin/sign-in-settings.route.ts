// /admin/settings/sign-in: the sign-in providers set up in the admin (saved with the other settings), and each
// provider's Test button (POST /admin/settings/sign-in/test), which checks the values on the screen without saving.
import type { FastifyInstance } from 'fastify';
import { PROVIDERS, checkProvider } from '../../features/identity/index.js';
import { AppError } from '../../kernel/errors.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { ADMINISTER, type SettingsScreen, sendSettingsScreen } from './general.route.js';
import { ADMIN_PATHS } from './present.js';
import { SIGN_IN_TEST_PATH, presentSignIn, readSignInForm, testSettingsOf } from './sign-in-settings.present.js';

type Fields = Readonly<Record<string, unknown>>;

export const SIGN_IN_SCREEN: SettingsScreen = {
  path: ADMIN_PATHS.signIn,
  section: 'sign-in',
  heading: 'Sign-in Settings',
  present: async (deps, current, typed, errors, extra) => presentSignIn(current, typed, errors, extra, deps.config.authProviders, deps.config.publicUrl),
  read: async (deps, body, current) => readSignInForm(body, current, deps.config.authProviders),
};

export function registerSignInTestRoute(app: FastifyInstance, deps: HttpDeps): void {
  app.post<{ Body: Fields }>(SIGN_IN_TEST_PATH, { config: ADMINISTER }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const definition = PROVIDERS.find((p) => p.id === body.test);
    if (!definition) {
      throw new AppError({ code: 'SIGN_IN_TEST_INVALID', kind: 'invalid', message: 'Press the Test button of one of the providers.' });
    }
    const environment = deps.config.authProviders;
    const { typed, providers } = readSignInForm(body, await deps.services.settings.get(), environment);
    const result = await checkProvider(definition, testSettingsOf(definition.id, environment, providers[definition.id]));
    request.log.info({ userId: user.id, provider: definition.id, ok: result.ok }, 'sign-in provider tested');
    // The form comes back as typed (nothing is saved), the result in the provider's section.
    return sendSettingsScreen(deps, request, reply, user, SIGN_IN_SCREEN, { typed, errors: {}, notice: null, extra: { results: { [definition.id]: result } } });
  });
}
