import { z } from 'zod';
import { AnswerWhen } from './condition';
import { LocalizedText } from './localized';

export const GroupId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]*$/, 'a group id starts with a lowercase letter, then letters, digits, _ -')
  .meta({ description: 'Fields name it in "group". Forms of a bundle that use the same id share one screen.' });

/** Answers asked together on one kiosk screen, such as the spouse's name, occupation and My Number. */
export const QuestionGroup = z
  .strictObject({
    id: GroupId,
    label: LocalizedText.meta({ description: 'The screen title, e.g. 配偶者について.' }),
    optional: z
      .strictObject({
        ask: LocalizedText.meta({ description: 'A yes/no question, e.g. 配偶者について記入しますか.' }),
        after: GroupId.optional().meta({ description: 'Offered only when the resident did not skip this optional group (3人目 after 2人目).' }),
      })
      .optional()
      .meta({ description: 'The screen first asks this; "no" skips the group and clears its answers.' }),
    when: AnswerWhen.optional().meta({ description: 'Ask the group only while this holds; else its answers are neither checked nor printed.' }),
  })
  .meta({ id: 'QuestionGroup' });
export type QuestionGroup = z.infer<typeof QuestionGroup>;
