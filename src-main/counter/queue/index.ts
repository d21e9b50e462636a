// The clerk hand-off queue: store, output adapter, errors. See docs/queue.md.
export { ClerkQueue, OpenedSubmission, openClerkQueue, RETURN_REASONS } from './store';
export type { Actor, AuditAction, AuditEntry, ClerkQueueOptions, FieldValues, NewSubmission, OpenedForm, ReturnReason, StatusChange, SubmissionStatus, SubmissionSummary } from './store';
export { clerkQueueHandOff } from './output';
export { defaultKeysDir, keyFolderStore, queueKeyFileName, type KeyProtector, type QueueKeyStore } from './key';
export { QueueError, type QueueErrorCode } from './errors';
export { defaultRetention, expiresAt, type Retention } from './retention';
