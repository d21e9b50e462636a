// The designer's side of a date: 和暦 or 西暦, in one box or into the form's own 年・月・日 blanks (each its box).
import type { z } from 'zod';
import type { At, RectMm } from '../../../src-main/forms/model/geometry';
import { BooleanProp, ChoiceProp, IdentityPart, LabelsPart, RectPart, Section, SourcePart, TextStylePart, ValidationPart, FieldProblems, definePanel, say, withOptional, type FieldPlace } from '../panel-parts';
import type { dateField } from '../../../src-main/forms/field-types/date';

type Draft = z.input<typeof dateField>;
type Parts = NonNullable<Draft['parts']>;
const partNames = ['era', 'year', 'month', 'day'] as const;
const partWords = { era: { ja: '元号', en: 'Era' }, year: { ja: '年', en: 'Year' }, month: { ja: '月', en: 'Month' }, day: { ja: '日', en: 'Day' } };

/** Four blanks side by side across the whole box, as a form prints 令和 □年 □月 □日. */
function splitIntoParts(at: At | undefined, fallback: RectMm): Parts {
  const [x, y, w, h] = typeof at === 'string' || at === undefined ? fallback : at;
  const pw = w / 4;
  const box = (i: number): RectMm => [round(x + i * pw), y, round(pw * 0.7), h];
  return { era: box(0), year: box(1), month: box(2), day: box(3) };
}

/** The rectangle around every blank, for going back to one box. */
function around(parts: Parts): RectMm | undefined {
  const rects = partNames.map((k) => parts[k]).filter((a): a is RectMm => Array.isArray(a));
  if (rects.length === 0) return undefined;
  const x = Math.min(...rects.map((r) => r[0]));
  const y = Math.min(...rects.map((r) => r[1]));
  return [x, y, round(Math.max(...rects.map((r) => r[0] + r[2])) - x), round(Math.max(...rects.map((r) => r[1] + r[3])) - y)];
}

const round = (n: number) => Math.round(n * 100) / 100;

export const datePanel = definePanel<Draft>({
  type: 'date',
  name: { ja: '日付（和暦）', en: 'Date (和暦)' },
  mark: '暦',
  size: [50, 8],
  create: ({ id, page, rect }) => ({ id, type: 'date', label: { ja: '日付', easy: 'ひづけ', en: 'Date' }, source: 'computed.today', ...(page > 1 ? { page } : {}), at: rect }),
  places(field): FieldPlace[] {
    const places: FieldPlace[] = field.at ? [{ path: ['at'], at: field.at }] : [];
    for (const k of partNames) {
      const at = field.parts?.[k];
      if (at) places.push({ path: ['parts', k], at, caption: partWords[k].ja });
    }
    return places;
  },
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    const inParts = field.parts !== undefined;
    const setLayout = (layout: 'whole' | 'parts') => {
      if (layout === 'parts' && !inParts) {
        const { at, ...rest } = field;
        onChange({ ...rest, parts: splitIntoParts(at, [10, 10, 60, 8]) });
      } else if (layout === 'whole' && inParts) {
        const { parts, ...rest } = field;
        onChange({ ...rest, at: around(parts!) ?? [10, 10, 50, 8] });
      }
    };
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <Section title={say(ctx.lang, { ja: '日付の書き方', en: 'How the date is printed' })}>
          <ChoiceProp
            label={say(ctx.lang, { ja: '暦', en: 'Calendar' })}
            value={field.calendar}
            fallback="wareki"
            options={[
              { value: 'wareki', text: say(ctx.lang, { ja: '和暦（令和7年4月1日）', en: 'Japanese era (令和7年4月1日)' }) },
              { value: 'seireki', text: say(ctx.lang, { ja: '西暦（2025年4月1日）', en: 'Gregorian (2025年4月1日)' }) },
            ]}
            onChange={(c) => onChange(withOptional(field, 'calendar', c === 'wareki' ? undefined : c))}
          />
          <ChoiceProp
            label={say(ctx.lang, { ja: '配置', en: 'Layout' })}
            value={inParts ? 'parts' : 'whole'}
            fallback="whole"
            options={[
              { value: 'whole', text: say(ctx.lang, { ja: '1つの枠に全体', en: 'The whole date in one box' }) },
              { value: 'parts', text: say(ctx.lang, { ja: '年・月・日の欄に数字だけ', en: 'Numbers into the 年・月・日 blanks' }) },
            ]}
            onChange={setLayout}
          />
          {!inParts && field.at !== undefined && <RectPart at={field.at} lang={ctx.lang} cells={ctx.cells} onChange={(at, c) => onChange({ ...field, at }, c)} />}
          {inParts && (
            <>
              <BooleanProp
                label={say(ctx.lang, { ja: '元号も印字する（様式に印刷済みなら外す）', en: 'Print the era too (off when the form prints it)' })}
                value={field.parts!.era !== undefined}
                fallback={false}
                onChange={(on) => {
                  const year = field.parts!.year;
                  const eraAt: RectMm = typeof year === 'string' ? [10, 10, 10, 8] : [Math.max(year[0] - year[2] - 1, 0), year[1], year[2], year[3]];
                  onChange({ ...field, parts: withOptional(field.parts!, 'era', on ? eraAt : undefined) });
                }}
              />
              {partNames.map((k) => {
                const at = field.parts![k];
                return at === undefined ? null : (
                  <RectPart key={k} title={say(ctx.lang, partWords[k])} at={at} lang={ctx.lang} cells={ctx.cells} onChange={(next, c) => onChange({ ...field, parts: { ...field.parts!, [k]: next } }, c && `${k}.${c}`)} />
                );
              })}
            </>
          )}
        </Section>
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <TextStylePart {...props} />
        <ValidationPart {...props} kinds={['dates']} />
      </>
    );
  },
});
