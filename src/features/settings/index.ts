// Public surface of site settings.
export { createSettingsService } from './settings.service.js';
export type { SettingsService } from './settings.service.js';
export { defaultSettings } from './settings.js';
export type { SiteSettings } from './settings.js';
