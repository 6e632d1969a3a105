// Public surface of site settings.
export { createSettingsService } from './settings.service.js';
export type { SettingsService } from './settings.service.js';
export { AUTH_PROVIDER_IDS, defaultSettings } from './settings.js';
export type { SiteSettings, StoredAuthProvider, StoredAuthProviders } from './settings.js';
