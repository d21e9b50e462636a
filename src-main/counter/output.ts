// Where a finished visit goes: to the clerk (always the sealed queue) and, as a separate choice, to a printer. Both
// take the same job; neither writes a resident's form into a plain file.

export interface OutputJob {
  ticketNumber: string;
  /** YYYY-MM-DD of the visit. */
  day: string;
  /** The kiosk session id: lets the clerk queue treat a retried submit as the same submission. */
  submissionKey?: string;
  procedureId?: string;
  /** `values`: the bound field values (field id → value) the clerk queue stores sealed beside the PDF. */
  forms: { templateId: string; templateVersion?: number; pdf: Uint8Array; values?: ReadonlyMap<string, string | boolean | Uint8Array> }[];
}

/** The kiosk's printer: CUPS, Electron's silent print, or the demo's folder of fictional prints. */
export interface KioskPrinter {
  /** False when this kiosk has no printer: `print` is refused before anything is rendered or handed off. */
  readonly available: boolean;
  /** Resolves true once the printer accepted every form. */
  print(job: OutputJob): Promise<boolean>;
}

/** The hand-off to the clerk's desk. */
export interface ClerkHandOff {
  /** Resolves true once the clerk's queue holds every form. */
  sendToClerk(job: OutputJob): Promise<boolean>;
  /**
   * A kiosk joined to a city hall, after `sendToClerk`: the ticket the resident takes away — the hall's when it answers
   * in time, else the kiosk's own, marked offline (the clerk receives it once the hall is reachable).
   */
  acknowledge?(job: OutputJob): Promise<{ ticketNumber: string; offline: boolean }>;
}
