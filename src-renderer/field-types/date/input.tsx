// 和暦 date picker: era, then year, month and day, each a grid of big buttons; one tap per part, no typing.
// The answer is YYYY-MM-DD; the form decides whether it prints 和暦 or 西暦.
import { useState } from 'react';
import { eraYearText, eras, formatWareki, isIsoDate, toWareki, type EraName } from '../../../src-main/forms/binding/wareki';
import type { KioskInputProps } from '../kiosk-input';

type Parts = { era?: EraName; year?: number; month?: number; day?: number };
type Part = 'era' | 'year' | 'month' | 'day';

const pad = (n: number) => String(n).padStart(2, '0');
const eraOf = (name: EraName) => eras.find((e) => e.name === name)!;
const gregorianYear = (era: EraName, year: number) => Number(eraOf(era).firstDay.slice(0, 4)) + year - 1;

/** The era's years up to the next era (or today): 昭和 has 64, 令和 grows. */
/** How many years of an era the picker offers: a past era's own; the current one up to a "notAfter", else to next
 *  year (a nursery's April entry, a 退院予定日, a certification's end lie ahead). */
export function yearsOffered(era: EraName, range: KioskInputProps['question']['dateRange'], today: string): number {
  const i = eras.findIndex((e) => e.name === era);
  const notAfter = range?.notAfter === 'today' ? today : range?.notAfter;
  const endYear = i > 0 ? Number(eras[i - 1]!.firstDay.slice(0, 4)) : notAfter !== undefined ? Number(notAfter.slice(0, 4)) : Number(today.slice(0, 4)) + 1;
  return endYear - gregorianYear(era, 1) + 1;
}

/** The ISO date when the parts name a real day inside that era (昭和64年1月8日 does not exist). */
function isoOf(p: Parts): string | undefined {
  if (!p.era || !p.year || !p.month || !p.day) return undefined;
  const iso = `${gregorianYear(p.era, p.year)}-${pad(p.month)}-${pad(p.day)}`;
  return isIsoDate(iso) && toWareki(iso)?.era.name === p.era ? iso : undefined;
}

/** An answered date as the resident reads it back on the review screen: 昭和50年4月1日. */
export function dateAnswerText(iso: string): string {
  return formatWareki(iso) ?? iso;
}

function partsOf(value: unknown): Parts {
  const w = typeof value === 'string' ? toWareki(value) : undefined;
  return w ? { era: w.era.name, year: w.year, month: w.month, day: w.day } : {};
}

/** The eras that overlap the question's allowed days ("today" read as the service's today), newest first. */
export function erasAllowed(range: KioskInputProps['question']['dateRange'], today: string): EraName[] {
  const day = (d: string | undefined) => (d === 'today' ? today : d);
  const from = day(range?.notBefore) ?? '0000-01-01';
  const to = day(range?.notAfter) ?? '9999-12-31';
  return eras
    .filter((e, i) => {
      const end = i === 0 ? '9999-12-31' : eras[i - 1]!.firstDay;
      return e.firstDay <= to && end > from;
    })
    .map((e) => e.name);
}

export function DateInput(props: KioskInputProps) {
  const allowed = erasAllowed(props.question.dateRange, props.today);
  // A day near today (異動日, 転出予定日): the picker opens on this era's years, not on a list reaching 明治.
  const nearToday = props.question.dateRange?.notAfter === 'today' || props.question.dateRange?.notBefore === 'today';
  const [parts, setParts] = useState<Parts>(() => {
    const given = partsOf(props.value);
    if (given.era || !nearToday) return given;
    const current = toWareki(props.today)?.era.name;
    return current && allowed.includes(current) ? { era: current } : given;
  });
  const [part, setPart] = useState<Part>(partsOf(props.value).era ? 'day' : parts.era ? 'year' : 'era');
  const choose = (patch: Parts, next: Part) => {
    const p = { ...parts, ...patch };
    setParts(p);
    setPart(next);
    props.onChange(isoOf(p) ?? null);
  };
  const daysIn = parts.era && parts.year && parts.month ? new Date(Date.UTC(gregorianYear(parts.era, parts.year), parts.month, 0)).getUTCDate() : 31;
  const iso = isoOf(parts);
  const summary: { part: Part; text: string }[] = [
    { part: 'era', text: parts.era ?? '—' },
    { part: 'year', text: parts.year ? `${eraYearText(parts.year)}年` : '—年' },
    { part: 'month', text: parts.month ? `${parts.month}月` : '—月' },
    { part: 'day', text: parts.day ? `${parts.day}日` : '—日' },
  ];
  const grid = (count: number, label: (n: number) => string, chosen: number | undefined, onPick: (n: number) => void, disabled?: (n: number) => boolean) => (
    <div className={`date-grid date-grid-${part}`} role="radiogroup">
      {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
        <button key={n} type="button" role="radio" aria-checked={chosen === n} className="key key-date" disabled={disabled?.(n)} onClick={() => onPick(n)}>
          {label(n)}
        </button>
      ))}
    </div>
  );
  return (
    <div className="input-date" lang="ja">
      <div className="date-summary" role="group">
        {summary.map((s) => (
          <button key={s.part} type="button" className="date-part" aria-pressed={part === s.part} aria-label={`${props.wordText(s.part)}: ${s.text}`} onClick={() => setPart(s.part)}>
            <span className="date-part-name">{props.word(s.part)}</span>
            <span className="date-part-value">{s.text}</span>
          </button>
        ))}
      </div>
      <p className="date-seireki" aria-live="polite">{iso ? `西暦 ${iso.slice(0, 4)}年 (${iso})` : '\u00a0'}</p>
      {part === 'era' && (
        <div className="date-grid date-grid-era" role="radiogroup">
          {eras.filter((e) => allowed.includes(e.name)).map((e) => (
            <button key={e.name} type="button" role="radio" aria-checked={parts.era === e.name} className="key key-date" onClick={() => choose({ era: e.name, year: undefined }, 'year')}>
              {e.name}
            </button>
          ))}
        </div>
      )}
      {part === 'year' && parts.era && grid(yearsOffered(parts.era, props.question.dateRange, props.today), (n) => `${eraYearText(n)}`, parts.year, (year) => choose({ year }, 'month'))}
      {part === 'year' && !parts.era && <p className="date-hint">{props.word('era')}</p>}
      {part === 'month' && grid(12, String, parts.month, (month) => choose({ month }, 'day'))}
      {part === 'day' && grid(daysIn, String, parts.day, (day) => choose({ day }, 'day'), (n) => !!parts.era && !!parts.year && !!parts.month && !isoOf({ ...parts, day: n }))}
    </div>
  );
}
