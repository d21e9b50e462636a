// The designer's side of a multiline field: wrapped, then shrunk until every line fits.
import type { z } from 'zod';
import { IdentityPart, LabelsPart, PositionPart, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel } from '../panel-parts';
import type { multilineField } from '../../../src-main/forms/field-types/multiline';

type Draft = z.input<typeof multilineField>;

export const multilinePanel = definePanel<Draft>({
  type: 'multiline',
  name: { ja: '複数行テキスト', en: 'Multiline text' },
  mark: '¶',
  size: [100, 16],
  create: ({ id, page, rect }) => ({ id, type: 'multiline', label: { ja: '内容', easy: 'ないよう', en: 'Details' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => (
    <>
      <FieldProblems ctx={props.ctx} />
      <IdentityPart {...props} />
      <PositionPart {...props} />
      <SourcePart {...props} />
      <LabelsPart {...props} />
      <TextStylePart {...props} defaults={{ fit: 'wrap', valign: 'top' }} />
      <ValidationPart {...props} kinds={['length', 'pattern']} />
    </>
  ),
});
