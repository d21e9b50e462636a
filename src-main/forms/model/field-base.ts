import { z } from 'zod';
import { AnswerWhen } from './condition';
import { ID_PATTERN } from './ids';
import { LocalizedText } from './localized';
import { At, Page } from './geometry';
import { Source } from './source';
import { GroupId } from './question-group';
import { FieldValidation } from './validation';

export const FieldId = z
  .string()
  .regex(ID_PATTERN, 'a field id starts with a lowercase letter, then letters, digits, . _ -')
  .meta({ description: 'Unique in the template; also the answer key when there is no source.' });

/** What every field has, whatever its type. Each field type (field-types/<type>/) extends this with its own props. */
export const fieldBase = {
  id: FieldId,
  label: LocalizedText.meta({ description: 'The question or caption shown in the kiosk.' }),
  help: LocalizedText.optional().meta({ description: 'A longer hint shown under the question.' }),
  source: Source.optional(),
  sourceIf: z
    .strictObject({ when: AnswerWhen, source: Source })
    .optional()
    .meta({
      description:
        'The value comes from this source while an earlier answer equals (or differs from) a value, else from "source"; the question of "source" is then not asked. E.g. the 新世帯主 is the card holder (card.name) when the 届出人 is the 世帯主.',
    }),
  relationshipVia: z
    .string()
    .regex(ID_PATTERN)
    .optional()
    .meta({
      description:
        'With a person\'s "relationship" source: the answer holding the card holder\'s own 続柄 to the head of household (本人, 妻…). The box then prints the person\'s 続柄 to the head (夫 of a 妻 → 世帯主, 父 → 妻の父), and what the kiosk cannot tell (a 子\'s 父: the head or the head\'s spouse?) as a reading the clerk writes in kanji.',
    }),
  validation: FieldValidation.optional(),
  page: Page.default(1),
  when: AnswerWhen.optional().meta({ description: 'Ask this question only while this holds (shown or hidden on its screen as the answers change); else it is neither checked nor printed.' }),
  group: GroupId.optional().meta({ description: 'The id of a template "groups" entry: its answers are asked on one screen.' }),
  kanji: z
    .literal('clerk')
    .optional()
    .meta({ description: 'A name or address the form needs in kanji: the kiosk takes the reading, the clerk writes the kanji at the desk before the form is final.' }),
};

/** An option of a choice or circle field: the stored value, its label, and where it is on paper. */
export const FieldOption = z.strictObject({
  value: z.string().min(1),
  label: LocalizedText,
  at: At,
  kiosk: z
    .literal(false)
    .optional()
    .meta({ description: 'false: printed on the paper, but the kiosk does not offer it (an agent, whose card would print as the principal\'s: the counter takes those).' }),
  when: AnswerWhen.optional().meta({
    description: 'Offer this option at the kiosk only while this holds (保育\'s 2号 from age 3 on 1 April of the year of entry); a chosen option that no longer fits is neither kept nor printed.',
  }),
}).meta({ id: 'FieldOption' });
export type FieldOption = z.infer<typeof FieldOption>;
