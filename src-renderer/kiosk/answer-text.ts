// An answer as the resident reads it back (the review's list, a group's collapsed fields): 和暦 dates, the option's
// label, はい / いいえ, a 個人番号 masked as the card's own is; undefined while unanswered.
import { maskedMyNumber, type AnswerValue, type Localized, type Question } from '../../src-main/contract/kiosk';
import { dateAnswerText } from '../field-types/date/input';

export function answerText(q: Question, v: AnswerValue | undefined, words: { yes: string; no: string }, local: (l: Localized) => string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (q.type === 'date' && typeof v === 'string') return dateAnswerText(v);
  if (q.myNumber && typeof v === 'string') return maskedMyNumber(v);
  const option = q.options?.find((o) => o.value === v);
  return option ? local(option.label) : String(v);
}
