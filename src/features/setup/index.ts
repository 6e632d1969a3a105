// Public surface of the install step.
export { createSetupService, setupLinkExpired } from './setup.service.js';
export type { SetupInput, SetupService } from './setup.service.js';
