// The designer's side of a number field: right-aligned, bounded by validation min / max, with an optional unit.
import type { z } from 'zod';
import { BooleanProp, IdentityPart, LabelsPart, PositionPart, Section, SourcePart, TextProp, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { numberField } from '../../../src-main/forms/field-types/number';

type Draft = z.input<typeof numberField>;

export const numberPanel = definePanel<Draft>({
  type: 'number',
  name: { ja: '数値', en: 'Number' },
  mark: '#',
  size: [20, 8],
  create: ({ id, page, rect }) => ({ id, type: 'number', label: { ja: '数', easy: 'かず', en: 'Number' }, ...(page > 1 ? { page } : {}), at: rect, validation: { min: 0 } }),
  places: atPlace,
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <PositionPart {...props} />
        <Section title={say(ctx.lang, { ja: '数値', en: 'Number' })}>
          <BooleanProp label={say(ctx.lang, { ja: '整数のみ', en: 'Whole numbers only' })} value={field.integer} fallback onChange={(on) => onChange(withOptional(field, 'integer', on ? undefined : false))} />
          <TextProp
            label={say(ctx.lang, { ja: '単位（印字、例: 通）', en: 'Unit (printed, e.g. 通)' })}
            value={field.unit}
            hint={say(ctx.lang, { ja: '様式に印刷済みなら空欄', en: 'Leave empty when the form prints it' })}
            onChange={(u) => onChange(withOptional(field, 'unit', u), 'unit')}
          />
        </Section>
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <TextStylePart {...props} defaults={{ align: 'right' }} />
        <ValidationPart {...props} kinds={['range']} />
      </>
    );
  },
});
