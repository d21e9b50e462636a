// The clerk's desk: pairing and desk sessions, and the desk service behind contract/clerk.ts. See docs/clerk.md.
export { DeskRegistry, type DeskRegistryOptions, type PairingOutcome } from './desks';
export { ClerkDesk, ClerkRequestError, clerkFailureOf, type ClerkDeskOptions, type LiveKiosk } from './desk-service';
export { clerkParamSchemas } from './request-schemas';
