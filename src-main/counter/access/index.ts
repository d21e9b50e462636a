// Authenticated sessions and the limit on wrong credentials, shared by every sign-in of the counter service.
export { SessionTable, digest, type SessionEnd, type SessionEntry, type SessionTableOptions } from './session-table';
export { AttemptLimiter, type AttemptLimiterOptions, type AttemptVerdict } from './attempt-limiter';
