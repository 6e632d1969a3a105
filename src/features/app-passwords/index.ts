// Public surface of application passwords (HTTP Basic credentials for the WordPress REST API).
export { createAppPasswordsService } from './app-passwords.service.js';
export type { AppPasswordCheck, AppPasswordRefusal, AppPasswordsDeps, AppPasswordsService } from './app-passwords.service.js';
export {
  APP_PASSWORD_LENGTH, APP_PASSWORD_NAME_MAX, MAX_APP_PASSWORDS_PER_USER, chunkAppPassword, normalizeAppPassword,
} from './app-passwords.js';
export type { AppPassword, NewAppPassword } from './app-passwords.js';
export { appPasswordErrors } from './app-passwords.errors.js';
