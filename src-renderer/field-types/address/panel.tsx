// The designer's side of an address: wrapped like a multiline field; the kiosk offers the city's 町字 list.
import type { z } from 'zod';
import { IdentityPart, LabelsPart, PositionPart, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel } from '../panel-parts';
import type { addressField } from '../../../src-main/forms/field-types/address';

type Draft = z.input<typeof addressField>;

export const addressPanel = definePanel<Draft>({
  type: 'address',
  name: { ja: '住所（町字から選ぶ）', en: 'Address (picked from the city list)' },
  mark: '〶',
  size: [100, 12],
  create: ({ id, page, rect }) => ({ id, type: 'address', label: { ja: '住所', easy: 'じゅうしょ', en: 'Address' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => (
    <>
      <FieldProblems ctx={props.ctx} />
      <IdentityPart {...props} />
      <PositionPart {...props} />
      <SourcePart {...props} />
      <LabelsPart {...props} />
      <TextStylePart {...props} defaults={{ fit: 'wrap' }} />
      <ValidationPart {...props} kinds={['length']} />
    </>
  ),
});
