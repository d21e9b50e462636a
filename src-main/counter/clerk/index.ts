// The clerk's desk: pairing and desk sessions, and the desk service behind contract/clerk.ts. See docs/clerk.md.
export { DeskRegistry, type CodeCheck, type DeskRegistryOptions, type DeskSession } from './desks';
export { ClerkDesk, ClerkRequestError, clerkFailureOf, type ClerkDeskOptions, type DeskPairing, type KioskStaffSignIn, type LiveKiosk } from './desk-service';
export { deskRenderer, libraryDeskForms, SubmissionDesk, type DeskForms, type DeskQueue } from './submission-desk';
export { cityBell, DEFAULT_BELL_PATH } from './call-bell';
