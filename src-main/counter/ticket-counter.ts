// The number a resident takes to the counter: a letter and a per-day count ("A-012"). The count survives a restart
// of the kiosk (a small state file) so a day never hands out the same number twice. A number is issued when a visit
// is submitted (`next`); its preview shows the number it will get (`peek`), so an abandoned visit leaves no gap.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class TicketCounter {
  private day = '';
  private last = 0;

  constructor(
    private readonly stateFile: string | undefined,
    private readonly prefix = 'A',
  ) {
    if (!stateFile) return;
    try {
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { day?: unknown; last?: unknown };
      if (typeof saved.day === 'string' && Number.isInteger(saved.last)) [this.day, this.last] = [saved.day, saved.last as number];
    } catch {
      // no state yet (or unreadable): start the day at 1
    }
  }

  /** The number `next(day)` would issue now, issuing nothing: what a visit's preview shows. */
  peek(day: string): string {
    return this.format(day === this.day ? this.last + 1 : 1);
  }

  /** The next number of `day` (YYYY-MM-DD in the city's time zone). */
  next(day: string): string {
    if (day !== this.day) [this.day, this.last] = [day, 0];
    this.last += 1;
    if (this.stateFile) {
      mkdirSync(dirname(this.stateFile), { recursive: true, mode: 0o700 });
      // Written aside, then renamed over: a kill mid-write never leaves an empty file (the day would restart at A-001).
      writeFileSync(`${this.stateFile}.tmp`, JSON.stringify({ day: this.day, last: this.last }), { mode: 0o600 });
      renameSync(`${this.stateFile}.tmp`, this.stateFile);
    }
    return this.format(this.last);
  }

  private format(count: number): string {
    return `${this.prefix}-${String(count).padStart(3, '0')}`;
  }
}
