// The designer's side of a kana field: the reading, printed in the script the paper asks for.
import type { z } from 'zod';
import { ChoiceProp, IdentityPart, LabelsPart, PositionPart, Section, SourcePart, TextStylePart, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { kanaField } from '../../../src-main/forms/field-types/kana';

type Draft = z.input<typeof kanaField>;

export const kanaPanel = definePanel<Draft>({
  type: 'kana',
  name: { ja: 'ふりがな', en: 'Kana reading' },
  mark: 'ア',
  size: [60, 6],
  create: ({ id, page, rect }) => ({ id, type: 'kana', label: { ja: 'ふりがな', easy: 'なまえの よみかた', en: 'Name in kana' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <PositionPart {...props} />
        <Section title={say(ctx.lang, { ja: 'ふりがなの文字', en: 'Kana script' })}>
          <ChoiceProp
            label={say(ctx.lang, { ja: '印字する文字', en: 'Printed in' })}
            value={field.script}
            fallback="hiragana"
            options={[
              { value: 'hiragana', text: say(ctx.lang, { ja: 'ひらがな', en: 'Hiragana' }) },
              { value: 'katakana', text: say(ctx.lang, { ja: 'カタカナ', en: 'Katakana' }) },
            ]}
            onChange={(s) => onChange(withOptional(field, 'script', s === 'hiragana' ? undefined : s))}
          />
        </Section>
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <TextStylePart {...props} defaults={{ fontSize: 8 }} />
        <ValidationPart {...props} kinds={['length']} />
      </>
    );
  },
});
