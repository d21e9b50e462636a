// The designer's side of a choice: options with a □ each, the chosen one ticked; every option has its own box.
import type { z } from 'zod';
import { BooleanProp, FontSizePart, IdentityPart, LabelsPart, OptionsPart, Section, SourcePart, ValidationPart, FieldProblems, definePanel, optionPlaces, say, twoOptionBoxes, withOptional } from '../panel-parts';
import type { choiceField } from '../../../src-main/forms/field-types/choice';

type Draft = z.input<typeof choiceField>;

export const choicePanel = definePanel<Draft>({
  type: 'choice',
  name: { ja: '選択（□に✓）', en: 'Choice (✓ in □)' },
  mark: '☐',
  size: [62, 6],
  create: ({ id, page, rect }) => {
    const [yes, no] = twoOptionBoxes(rect);
    return {
      id,
      type: 'choice',
      label: { ja: '選択', easy: 'えらぶ', en: 'Choose' },
      ...(page > 1 ? { page } : {}),
      options: [
        { value: 'yes', label: { ja: 'はい', easy: 'はい', en: 'Yes' }, at: yes },
        { value: 'no', label: { ja: 'いいえ', easy: 'いいえ', en: 'No' }, at: no },
      ],
    };
  },
  places: optionPlaces,
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
