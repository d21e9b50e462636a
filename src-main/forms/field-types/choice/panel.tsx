// The designer's side of a choice: options with a □ each, the chosen one ticked; every option has its own box.
import type { z } from 'zod';
import { BooleanProp, FontSizePart, IdentityPart, LabelsPart, OptionsPart, Section, SourcePart, ValidationPart, FieldProblems, definePanel, say, withOptional } from '../panel-parts';
import type { choiceField } from './index';

type Draft = z.input<typeof choiceField>;

export const choicePanel = definePanel<Draft>({
  type: 'choice',
  name: { ja: '選択（□に✓）', en: 'Choice (✓ in □)' },
  mark: '☐',
  size: [62, 6],
  create: ({ id, page, rect: [x, y, w, h] }) => {
    const ow = Math.max((w - 2) / 2, 1);
    return {
      id,
      type: 'choice',
      label: { ja: '選択', easy: 'えらぶ', en: 'Choose' },
      ...(page > 1 ? { page } : {}),
      options: [
        { value: 'yes', label: { ja: 'はい', easy: 'はい', en: 'Yes' }, at: [x, y, ow, h] },
        { value: 'no', label: { ja: 'いいえ', easy: 'いいえ', en: 'No' }, at: [x + ow + 2, y, ow, h] },
      ],
    };
  },
  places: (field) => field.options.map((o, i) => ({ path: ['options', i, 'at'], at: o.at, caption: o.value })),
  Panel: (props) => {
    const { field, onChange, ctx } = props;
    return (
      <>
        <FieldProblems ctx={ctx} />
        <IdentityPart {...props} />
        <Section title={say(ctx.lang, { ja: '印字', en: 'Printing' })}>
          <BooleanProp label={say(ctx.lang, { ja: '□を描く', en: 'Draw each □' })} value={field.drawBoxes} fallback onChange={(on) => onChange(withOptional(field, 'drawBoxes', on ? undefined : false))} />
          <BooleanProp label={say(ctx.lang, { ja: '選択肢の文字を印字する', en: 'Print the option labels' })} value={field.drawLabels} fallback onChange={(on) => onChange(withOptional(field, 'drawLabels', on ? undefined : false))} />
          <FontSizePart {...props} fallback={9} />
        </Section>
        <OptionsPart {...props} />
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <ValidationPart {...props} kinds={[]} />
      </>
    );
  },
});
