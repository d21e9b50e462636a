// The designer's side of a phone field: printed as the resident typed it.
import type { z } from 'zod';
import { IdentityPart, LabelsPart, PositionPart, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel } from '../panel-parts';
import type { phoneField } from '../../../src-main/forms/field-types/phone';

type Draft = z.input<typeof phoneField>;

export const phonePanel = definePanel<Draft>({
  type: 'phone',
  name: { ja: '電話番号', en: 'Phone number' },
  mark: '☎',
  size: [45, 8],
  create: ({ id, page, rect }) => ({ id, type: 'phone', label: { ja: '電話番号', easy: 'でんわばんごう', en: 'Phone number' }, source: 'answer:phone', ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => (
    <>
      <FieldProblems ctx={props.ctx} />
      <IdentityPart {...props} />
      <PositionPart {...props} />
      <SourcePart {...props} />
      <LabelsPart {...props} />
      <TextStylePart {...props} />
      <ValidationPart {...props} kinds={[]} />
    </>
  ),
});
