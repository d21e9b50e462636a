// 和暦: the era of a Gregorian date, with the exact first day of each era; the first year of an era is 元年.

export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

export type Era = { name: EraName; initial: 'M' | 'T' | 'S' | 'H' | 'R'; firstDay: string };

/** Newest first. The first day is the day the era began (改元の日), in the Gregorian calendar. */
export const eras: readonly Era[] = [
  { name: '令和', initial: 'R', firstDay: '2019-05-01' },
  { name: '平成', initial: 'H', firstDay: '1989-01-08' },
  { name: '昭和', initial: 'S', firstDay: '1926-12-25' },
  { name: '大正', initial: 'T', firstDay: '1912-07-30' },
  { name: '明治', initial: 'M', firstDay: '1868-10-23' },
];

export type WarekiDate = { era: Era; year: number; month: number; day: number };

/** YYYY-MM-DD that names a real day of the Gregorian calendar. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The 和暦 of an ISO date, or undefined before 明治 began (1868-10-23) or for a malformed date. */
export function toWareki(iso: string): WarekiDate | undefined {
  if (!isIsoDate(iso)) return undefined;
  // ISO dates compare correctly as strings.
  const era = eras.find((e) => iso >= e.firstDay);
  if (!era) return undefined;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { era, year: y - Number(era.firstDay.slice(0, 4)) + 1, month: m, day: d };
}

/** 1 → 元, as 和暦 years are written; others as digits. */
export function eraYearText(year: number): string {
  return year === 1 ? '元' : String(year);
}

/** 令和元年5月1日 */
export function formatWareki(iso: string): string | undefined {
  const w = toWareki(iso);
  return w && `${w.era.name}${eraYearText(w.year)}年${w.month}月${w.day}日`;
}

/** 2019年5月1日 */
export function formatSeireki(iso: string): string | undefined {
  if (!isIsoDate(iso)) return undefined;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** Age in whole years on `today` (one is a year older from the birthday on; 2-29 births from 3-1 in common years). */
export function ageOn(birthIso: string, todayIso: string): number | undefined {
  if (!isIsoDate(birthIso) || !isIsoDate(todayIso) || todayIso < birthIso) return undefined;
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = todayIso.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}
