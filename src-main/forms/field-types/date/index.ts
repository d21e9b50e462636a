import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { eraYearText, formatSeireki, formatWareki, isIsoDate, toWareki } from '../../binding/wareki';
import { defineFieldType, type FieldPlaceAt } from '../field-type';

/** A date, held as YYYY-MM-DD and printed in 和暦 (default) or 西暦, whole or into the form's 年・月・日 blanks. */
export const dateField = z
  .strictObject({
    type: z.literal('date'),
    ...fieldBase,
    at: At.optional().meta({ description: 'The whole date in one box ("令和7年4月1日"). Use this or parts.' }),
    parts: z
      .strictObject({
        era: At.optional().meta({ description: 'Where the era name goes (omit when the form prints it).' }),
        year: At,
        month: At,
        day: At,
      })
      .optional()
      .meta({ description: 'Boxes for a form that prints 年 月 日 itself: only the numbers go in.' }),
    calendar: z.enum(['wareki', 'seireki']).default('wareki'),
    ...TextStyle.shape,
  })
  .refine((f) => (f.at === undefined) !== (f.parts === undefined), { message: 'a date field needs either "at" or "parts"', path: ['at'] })
  .meta({ id: 'DateField', title: 'date', description: 'A date printed in 和暦 (元年 for the first year) or 西暦.' });
type DateField = z.infer<typeof dateField>;

function wholeText(field: DateField, iso: string): string | undefined {
  return field.calendar === 'wareki' ? formatWareki(iso) : formatSeireki(iso);
}

function partTexts(field: DateField, iso: string): { era?: string; year: string; month: string; day: string } | undefined {
  if (field.calendar === 'seireki') {
    if (!isIsoDate(iso)) return undefined;
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return { year: String(y), month: String(m), day: String(d) };
  }
  const w = toWareki(iso);
  return w && { era: w.era.name, year: eraYearText(w.year), month: String(w.month), day: String(w.day) };
}

export const date = defineFieldType({
  type: 'date',
  schema: dateField,
  valueKind: 'text',
  textLike: false,
  places: (field) => {
    const places: FieldPlaceAt[] = field.at ? [[field.at, ['at']]] : [];
    if (field.parts) {
      for (const k of ['era', 'year', 'month', 'day'] as const) {
        const at = field.parts[k];
        if (at) places.push([at, ['parts', k]]);
      }
    }
    return places;
  },
  sample: (field, today) => {
    const bound = (d: string | undefined) => (d === 'today' ? today : d);
    const notBefore = bound(field.validation?.notBefore);
    const notAfter = bound(field.validation?.notAfter);
    let date = '2000-04-01';
    if (notBefore && date < notBefore) date = notBefore;
    if (notAfter && date > notAfter) date = notAfter;
    return date;
  },
  question: (field) => ({ dateStyle: field.calendar }),
  check: (field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    if (!isIsoDate(value)) return ['notADate'];
    return field.calendar === 'wareki' && !toWareki(value) ? ['beforeMeiji'] : [];
  },
  printedTexts(field, value) {
    if (typeof value !== 'string') return [];
    if (field.parts) {
      const p = partTexts(field, value);
      return p ? [p.era ?? '', p.year, p.month, p.day].filter((t) => t !== '') : [];
    }
    const t = wholeText(field, value);
    return t ? [t] : [];
  },
  draw(ctx, field, value) {
    if (typeof value !== 'string') return;
    if (field.parts) {
      const p = partTexts(field, value);
      if (!p) return;
      const centred = { ...field, align: 'center' as const };
      if (field.parts.era && p.era) ctx.text(ctx.rect(field.parts.era), p.era, centred);
      ctx.text(ctx.rect(field.parts.year), p.year, centred);
      ctx.text(ctx.rect(field.parts.month), p.month, centred);
      ctx.text(ctx.rect(field.parts.day), p.day, centred);
      return;
    }
    const t = wholeText(field, value);
    if (t && field.at) ctx.text(ctx.rect(field.at), t, field);
  },
});
