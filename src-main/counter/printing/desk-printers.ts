// Which printer a desk prints on. The clerk picks one of the system's CUPS destinations; the choice is remembered
// per desk (the browser it was paired from) in <data>/desk-printers.json, so it survives sign-out and restart. The
// city's IT staff may name a printer per procedure in <data>/procedure-printers.json (special paper, a back office);
// that one wins for its procedure's forms.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeskPrinterChoices } from '../../contract/clerk';
import { listPrinters, type ListPrintersOptions } from './destinations';

export const DESK_PRINTERS_FILE = 'desk-printers.json';
export const PROCEDURE_PRINTERS_FILE = 'procedure-printers.json';

const printerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/);
const deskFile = z.object({ version: z.literal(1), desks: z.record(z.string().regex(/^[0-9a-z-]{1,64}$/), printerName) });
const procedureFile = z.object({ version: z.literal(1), procedures: z.record(z.string().regex(/^[a-z0-9-]{1,64}$/), printerName) });

export type DeskPrinterErrorCode = 'unknown-printer' | 'broken-file';

export class DeskPrinterError extends Error {
  override readonly name = 'DeskPrinterError';
  constructor(readonly code: DeskPrinterErrorCode) {
    super(`desk printer: ${code}`);
  }
}

export interface DeskPrintersOptions {
  /** The service's data folder (0700); without one the choices live in memory only (tests). */
  dataDir?: string;
  /** How lpstat is run (the binary, its timeout). */
  lpstat?: ListPrintersOptions;
}

export type { DeskPrinterChoices };

export class DeskPrinters {
  private readonly memory = new Map<string, string>();

  constructor(private readonly options: DeskPrintersOptions = {}) {}

  /** The system's destinations and this desk's choice. Throws PrintError('no-cups' | 'timeout'). */
  async choices(place: string): Promise<DeskPrinterChoices> {
    return { printers: await listPrinters(this.options.lpstat), chosen: this.chosen(place), byProcedure: this.byProcedure() };
  }

  chosen(place: string): string | null {
    return this.desks()[place] ?? null;
  }

  /** Remembers the desk's printer (null forgets it). Only a destination CUPS lists now is taken. */
  async choose(place: string, printer: string | null): Promise<string | null> {
    if (printer !== null && !(await listPrinters(this.options.lpstat)).some((p) => p.name === printer)) throw new DeskPrinterError('unknown-printer');
    const desks = this.desks();
    if (printer === null) delete desks[place];
    else desks[place] = printer;
    this.save(desks);
    return printer;
  }

  /** The printer a desk prints a procedure's forms on: the city's for the procedure, else the desk's, else none. */
  printerFor(place: string, procedureId: string | null): string | undefined {
    return (procedureId === null ? undefined : this.byProcedure()[procedureId]) ?? this.chosen(place) ?? undefined;
  }

  /** The system's destinations (lpstat). Throws PrintError('no-cups' | 'timeout'). */
  async destinations(): Promise<DeskPrinterChoices['printers']> {
    return listPrinters(this.options.lpstat);
  }

  /**
   * IT staff name the printer of a procedure's forms (null: each desk's own). Only a destination CUPS lists now is
   * taken; a hand-edited file that does not parse is never overwritten (DeskPrinterError 'broken-file').
   */
  async setProcedurePrinter(procedureId: string, printer: string | null): Promise<Record<string, string>> {
    if (printer !== null && !(await listPrinters(this.options.lpstat)).some((p) => p.name === printer)) throw new DeskPrinterError('unknown-printer');
    const procedures = this.options.dataDir ? this.procedureFileOrBroken() : { ...this.memoryProcedures };
    if (printer === null) delete procedures[procedureId];
    else procedures[procedureId] = printer;
    if (!this.options.dataDir) {
      this.memoryProcedures = procedures;
      return { ...procedures };
    }
    const file = join(this.options.dataDir, PROCEDURE_PRINTERS_FILE);
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ version: 1, procedures }, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return { ...procedures };
  }

  private memoryProcedures: Record<string, string> = {};

  private procedureFileOrBroken(): Record<string, string> {
    const file = join(this.options.dataDir!, PROCEDURE_PRINTERS_FILE);
    if (!existsSync(file)) return {};
    const parsed = procedureFile.safeParse(readJson(file));
    if (!parsed.success) throw new DeskPrinterError('broken-file');
    return { ...parsed.data.procedures };
  }

  /** Read at each use: IT staff's edits apply without a restart. A broken file counts as none (and is not overwritten). */
  byProcedure(): Record<string, string> {
    if (!this.options.dataDir) return { ...this.memoryProcedures };
    const parsed = procedureFile.safeParse(readJson(join(this.options.dataDir, PROCEDURE_PRINTERS_FILE)));
    return parsed.success ? { ...parsed.data.procedures } : {};
  }

  private desks(): Record<string, string> {
    if (!this.options.dataDir) return Object.fromEntries(this.memory);
    const parsed = deskFile.safeParse(readJson(join(this.options.dataDir, DESK_PRINTERS_FILE)));
    return parsed.success ? { ...parsed.data.desks } : {};
  }

  private save(desks: Record<string, string>): void {
    if (!this.options.dataDir) {
      this.memory.clear();
      for (const [place, printer] of Object.entries(desks)) this.memory.set(place, printer);
      return;
    }
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    const file = join(this.options.dataDir, DESK_PRINTERS_FILE);
    // Written aside, then renamed over: a kill mid-write never leaves a half file.
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ version: 1, desks }, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
