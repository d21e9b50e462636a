// The designer's side of a checkbox: a □ at the left of its area, ticked when the value is true.
import type { z } from 'zod';
import { BooleanProp, FontSizePart, IdentityPart, LabelsPart, PositionPart, Section, SourcePart, TextProp, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { checkboxField } from '../../../src-main/forms/field-types/checkbox';

type Draft = z.input<typeof checkboxField>;

export const checkboxPanel = definePanel<Draft>({
  type: 'checkbox',
  name: { ja: 'チェック（□）', en: 'Checkbox (□)' },
  mark: '☑',
  size: [40, 6],
  create: ({ id, page, rect }) => ({ id, type: 'checkbox', label: { ja: '確認', easy: 'かくにん', en: 'Confirm' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <PositionPart {...props} />
        <Section title={say(ctx.lang, { ja: 'チェック欄', en: 'Checkbox' })}>
          <BooleanProp label={say(ctx.lang, { ja: '□を描く（様式に印刷済みなら外す）', en: 'Draw the □ (off when the form prints it)' })} value={field.drawBox} fallback onChange={(on) => onChange(withOptional(field, 'drawBox', on ? undefined : false))} />
          <TextProp label={say(ctx.lang, { ja: '□の後に印字する文字（任意）', en: 'Caption after the □ (optional)' })} value={field.caption} onChange={(c) => onChange(withOptional(field, 'caption', c), 'caption')} />
          <FontSizePart {...props} fallback={9} />
        </Section>
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <ValidationPart {...props} kinds={[]} />
      </>
    );
  },
});
