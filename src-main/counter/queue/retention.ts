// When a submission must be gone at the latest. Default: the end of the business day it arrived on, in the city's
// time zone — a hand-off queue is not an archive; the core systems are.
export type Retention =
  /** Purge at the first `HH:MM` (city time) after the submission arrived. */
  | { kind: 'end-of-business-day'; endsAt: string; timeZone: string }
  /** Purge this long after arrival. */
  | { kind: 'max-age'; ms: number };

export const defaultRetention: Retention = { kind: 'end-of-business-day', endsAt: '18:00', timeZone: 'Asia/Tokyo' };

/** Epoch ms at which a submission created at `createdAt` expires. */
export function expiresAt(createdAt: number, retention: Retention): number {
  if (retention.kind === 'max-age') return createdAt + retention.ms;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(retention.endsAt);
  if (!m) throw new RangeError('retention endsAt is HH:MM');
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  // Walk forward day by day from the local date of arrival; two steps cover any arrival time.
  const local = localDate(createdAt, retention.timeZone);
  for (let day = 0; day < 3; day++) {
    const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day + day, hour, minute);
    const at = wallAsUtc - offsetMs(wallAsUtc, retention.timeZone);
    if (at > createdAt) return at;
  }
  throw new RangeError('no business-day end found');
}

// Building a DateTimeFormat costs far more than using one, and every enqueue and list asks: one per zone and shape.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${withTime ? 't' : 'd'}:${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = withTime
      ? new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(key, f);
  }
  return f;
}

function localDate(t: number, timeZone: string) {
  const parts = formatFor(timeZone, false).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The zone's UTC offset around `t` (close enough for a wall time: DST moves only at night). */
function offsetMs(t: number, timeZone: string): number {
  const parts = formatFor(timeZone, true).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(t / 1000) * 1000;
}
