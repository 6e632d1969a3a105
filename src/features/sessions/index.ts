// Public surface of signed-in sessions.
export { createSessionsService } from './sessions.service.js';
export type { ResolvedSession, SessionsDeps, SessionsService, StartedSession } from './sessions.service.js';
export { createDatabaseSessionStore } from './sessions.repo.js';
export { TOUCH_INTERVAL_MS, absoluteEndOf, expiryOf, isLive, lifetimesOf, needsTouch, newSessionRecord } from './sessions.js';
export type { SessionLifetimes, SessionRecord, SessionStore } from './sessions.js';
