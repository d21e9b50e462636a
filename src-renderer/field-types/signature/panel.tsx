// The designer's side of a signature: a captured PNG where the city accepts one, else a blank box for ink.
import type { z } from 'zod';
import { ChoiceProp, IdentityPart, LabelsPart, PositionPart, SourcePart, ValidationPart, FieldProblems, atPlace, definePanel, say, withOptional } from '../panel-parts';
import type { signatureField } from '../../../src-main/forms/field-types/signature';

type Draft = z.input<typeof signatureField>;

export const signaturePanel = definePanel<Draft>({
  type: 'signature',
  name: { ja: '署名', en: 'Signature' },
  mark: '✍',
  size: [60, 14],
  create: ({ id, page, rect }) => ({ id, type: 'signature', label: { ja: '署名', easy: 'なまえを かく', en: 'Signature' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <PositionPart {...props} />
        <ChoiceProp
          label={say(ctx.lang, { ja: '署名の方法', en: 'How it is signed' })}
          value={field.capture}
          fallback="wet"
          options={[
            { value: 'wet', text: say(ctx.lang, { ja: '印刷後に手書き', en: 'In ink on the printout' }) },
            { value: 'image-or-wet', text: say(ctx.lang, { ja: '画面で署名（なければ手書き）', en: 'On the screen, else in ink' }) },
          ]}
          onChange={(c) => onChange(withOptional(field, 'capture', c === 'wet' ? undefined : c))}
        />
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <ValidationPart {...props} kinds={[]} />
      </>
    );
  },
});
