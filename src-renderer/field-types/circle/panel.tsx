// The designer's side of a circle field: a ○ drawn around the chosen option's box (男・女, 本人・代理人).
import type { z } from 'zod';
import { BooleanProp, FontSizePart, IdentityPart, LabelsPart, OptionsPart, Section, SourcePart, ValidationPart, FieldProblems, definePanel, optionPlaces, say, twoOptionBoxes, withOptional } from '../panel-parts';
import type { circleField } from '../../../src-main/forms/field-types/circle';

type Draft = z.input<typeof circleField>;

export const circlePanel = definePanel<Draft>({
  type: 'circle',
  name: { ja: '丸で囲む（○）', en: 'Circle one (○)' },
  mark: '◯',
  size: [20, 8],
  create: ({ id, page, rect }) => {
    const [male, female] = twoOptionBoxes(rect);
    return {
      id,
      type: 'circle',
      label: { ja: '性別', easy: 'せいべつ', en: 'Sex' },
      source: 'card.sex',
      ...(page > 1 ? { page } : {}),
      options: [
        { value: '1', label: { ja: '男', easy: 'おとこ', en: 'Male' }, at: male },
        { value: '2', label: { ja: '女', easy: 'おんな', en: 'Female' }, at: female },
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
          <BooleanProp label={say(ctx.lang, { ja: '選択肢の文字を印字する（様式に印刷済みなら外す）', en: 'Print the labels (off when the form prints them)' })} value={field.drawLabels} fallback onChange={(on) => onChange(withOptional(field, 'drawLabels', on ? undefined : false))} />
          <FontSizePart {...props} fallback={10} />
        </Section>
        <OptionsPart {...props} />
        <SourcePart {...props} />
        <LabelsPart {...props} />
        <ValidationPart {...props} kinds={[]} />
      </>
    );
  },
});
