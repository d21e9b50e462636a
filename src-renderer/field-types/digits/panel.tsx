// The designer's side of digit boxes: the area split into `count` boxes, one digit each (個人番号, 口座番号).
import type { z } from 'zod';
import { BooleanProp, FontSizePart, IdentityPart, LabelsPart, NumberProp, PositionPart, Section, SourcePart, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { digitsField } from '../../../src-main/forms/field-types/digits';

type Draft = z.input<typeof digitsField>;

export const digitsPanel = definePanel<Draft>({
  type: 'digits',
  name: { ja: '数字の枠（1桁ずつ）', en: 'Digit boxes' },
  mark: '⊞',
  size: [48, 8],
  create: ({ id, page, rect }) => ({ id, type: 'digits', label: { ja: '番号', easy: 'ばんごう', en: 'Number' }, ...(page > 1 ? { page } : {}), at: rect, count: 8 }),
  places: atPlace,
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <PositionPart {...props} />
        <Section title={say(ctx.lang, { ja: '桁', en: 'Digits' })}>
          <NumberProp label={say(ctx.lang, { ja: '桁数（枠の数）', en: 'Digit count (boxes)' })} value={field.count} integer min={1} max={40} optional={false} onChange={(n) => n !== undefined && onChange({ ...field, count: n }, 'count')} />
          <BooleanProp label={say(ctx.lang, { ja: 'ちょうどこの桁数（外すと以下）', en: 'Exactly this many (off: at most)' })} value={field.exact} fallback onChange={(on) => onChange(withOptional(field, 'exact', on ? undefined : false))} />
          <BooleanProp label={say(ctx.lang, { ja: '枠を描く（様式に印刷済みなら外す）', en: 'Draw the boxes (off when the form prints them)' })} value={field.drawBoxes} fallback onChange={(on) => onChange(withOptional(field, 'drawBoxes', on ? undefined : false))} />
          <NumberProp label={say(ctx.lang, { ja: '太線の間隔（個人番号は4）', en: 'Thicker line every N (4 for the My Number)' })} value={field.groupEvery} integer min={1} max={40} onChange={(n) => onChange(withOptional(field, 'groupEvery', n), 'groupEvery')} />
          <FontSizePart {...props} fallback={12} />
        </Section>
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <ValidationPart {...props} kinds={[]} />
      </>
    );
  },
});
