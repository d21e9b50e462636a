// The counter service's public face. What runs where:
//   compose.ts        builds every part (reader, queue, printer, figures, tickets, desks, admin, templates) from the
//                     host's choices — the one composition root;
//   service.ts        the kiosk's behaviour behind the kiosk contract (request / onEvent / close);
//   form-renderer.ts  renders and caches a session's forms (ahead of the review, off the main thread);
//   live-kiosk.ts     the clerk's live view of the kiosk (mirror, corrections, 照合番号B through card-session.ts);
//   template-watch.ts reloads the catalogue when templates/ changes.
export { startCounterService, type CounterService } from './service';
export { composeCounter, type CounterParts, type CounterServiceOptions } from './compose';
export { failureOf, KioskRequestError } from './errors';
export type { ClerkHandOff, KioskPrinter, OutputJob } from './output';
