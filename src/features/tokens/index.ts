// Public surface of one-time tokens.
export { createTokensService } from './tokens.service.js';
export type { TokensService } from './tokens.service.js';
