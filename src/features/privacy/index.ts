// Public surface of privacy: a commenter's download and erasure of their own data, and the mailed link to them.
export { createPrivacyService } from './privacy.service.js';
export type {
  PrivacyDeps, PrivacyService, PrivacySubscriptions, PrivacySubscriptionsEraser, PrivacyTokens,
} from './privacy.service.js';
export { ERASED_TEXT, PRIVACY_LINK_JOB, PRIVACY_LINK_TTL_MS, normalizePrivacyEmail, privacyLinkPayloadOf } from './privacy.js';
export { privacyEmailInvalid, privacyLinkInvalid } from './privacy.errors.js';
export type { CommentExport, ErasureReport, PrivacyExport, PrivacyLinkPayload, SubscriptionExportItem } from './privacy.js';
