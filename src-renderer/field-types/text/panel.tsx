// The designer's side of a text field: one line, shrunk to fit its box.
import type { z } from 'zod';
import { IdentityPart, LabelsPart, PositionPart, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel } from '../panel-parts';
import type { textField } from '../../../src-main/forms/field-types/text';

type Draft = z.input<typeof textField>;

export const textPanel = definePanel<Draft>({
  type: 'text',
  name: { ja: 'テキスト（1行）', en: 'Text (one line)' },
  mark: 'T',
  size: [60, 8],
  create: ({ id, page, rect }) => ({ id, type: 'text', label: { ja: '項目', easy: 'こうもく', en: 'Item' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => (
    <>
      <FieldProblems ctx={props.ctx} />
      <IdentityPart {...props} />
      <PositionPart {...props} />
      <SourcePart {...props} />
      <LabelsPart {...props} />
      <TextStylePart {...props} />
      <ValidationPart {...props} kinds={['length', 'pattern']} />
    </>
  ),
});
