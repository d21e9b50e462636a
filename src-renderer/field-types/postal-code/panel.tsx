// The designer's side of a postal code: seven digits printed 123-4567, with 〒 when the form lacks it.
import type { z } from 'zod';
import { BooleanProp, IdentityPart, LabelsPart, PositionPart, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { postalCodeField } from '../../../src-main/forms/field-types/postal-code';

type Draft = z.input<typeof postalCodeField>;

export const postalCodePanel = definePanel<Draft>({
  type: 'postal-code',
  name: { ja: '郵便番号', en: 'Postal code' },
  mark: '〒',
  size: [28, 7],
  create: ({ id, page, rect }) => ({ id, type: 'postal-code', label: { ja: '郵便番号', easy: 'ゆうびんばんごう', en: 'Postal code' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => (
    <>
      <FieldProblems ctx={props.ctx} />
      <IdentityPart {...props} />
      <PositionPart {...props} />
      <BooleanProp
        label={say(props.ctx.lang, { ja: '〒を印字する', en: 'Print 〒 before the code' })}
        value={props.field.mark}
        fallback={false}
        onChange={(on) => props.onChange(withOptional(props.field, 'mark', on ? true : undefined))}
      />
      <SourcePart {...props} />
      <LabelsPart {...props} />
      <TextStylePart {...props} />
      <ValidationPart {...props} kinds={[]} />
    </>
  ),
});
