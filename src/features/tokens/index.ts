// Public surface of one-time tokens.
export { TOKENS_KEPT_DAYS, createTokensService } from './tokens.service.js';
export type { TokensService } from './tokens.service.js';
