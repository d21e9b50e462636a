import { z } from 'zod';
import { ID_PATTERN } from './ids';
import { PERSON_SOURCE, parsePersonSource, type PersonSource } from './people';

// Where a field's value comes from, as one short string an IT person can read:
//   card.name | card.address | card.birthDate | card.sex | card.myNumber   the 券面事項入力補助AP (myNumber: 番号 forms only)
//   answer | answer:KEY                                                   what the resident answers (KEY shared across a bundle)
//   computed.today | computed.age                                         derived on the day of the visit
//   session.ticketNumber | session.cityName | session.windowName          the counter visit
//   visit.address | visit.addressBefore                                   the address after this visit (a move's new
//                                                                          address, else the card's) and before it (the card's)
//   staff.idDocument | staff.fee                                          the 職員記入欄: empty at the kiosk, filled by the
//                                                                          desk (the identity document checked, the fee)
//   person:ROLE[i].ITEM | person:ROLE.ITEM                               a person entered once for the whole visit
//                                                                          (see people.ts: member, spouse, child)
//   value:TEXT                                                            a constant printed as is

export const cardItems = ['name', 'address', 'birthDate', 'sex', 'myNumber'] as const;
export const computedItems = ['today', 'age'] as const;
export const sessionItems = ['ticketNumber', 'cityName', 'windowName'] as const;
export const visitItems = ['address', 'addressBefore'] as const;
export const staffItems = ['idDocument', 'fee'] as const;
/** The option values a `staff.idDocument` field may offer: the identity documents the desk records. */
export const staffIdDocuments = ['my-number-card', 'driver-license', 'passport', 'residence-card', 'health-insurance', 'other'] as const;

const fixedSources = [
  ...cardItems.map((i) => `card.${i}` as const),
  ...computedItems.map((i) => `computed.${i}` as const),
  ...sessionItems.map((i) => `session.${i}` as const),
  ...visitItems.map((i) => `visit.${i}` as const),
  ...staffItems.map((i) => `staff.${i}` as const),
  'answer' as const,
];

export const answerKeyPattern = ID_PATTERN;

export const Source = z
  .union(
    [
      z.enum(fixedSources),
      z.string().regex(new RegExp(`^answer:${ID_PATTERN.source.slice(1)}`)),
      z.string().regex(PERSON_SOURCE),
      z.string().regex(/^value:[\s\S]+$/),
    ],
    {
      error: () =>
        `expected one of ${fixedSources.join(', ')}, "answer:KEY" (KEY like "applicant.phone"), "person:ROLE[i].ITEM" (like "person:child[0].birthDate") or "value:TEXT"`,
    },
  )
  .meta({ id: 'Source', description: 'Where the value comes from. Without one, the field is the resident\'s answer keyed by the field id.' });
export type Source = z.infer<typeof Source>;

export type ParsedSource =
  | { kind: 'card'; item: (typeof cardItems)[number] }
  | { kind: 'computed'; item: (typeof computedItems)[number] }
  | { kind: 'session'; item: (typeof sessionItems)[number] }
  | { kind: 'visit'; item: (typeof visitItems)[number] }
  | { kind: 'staff'; item: (typeof staffItems)[number] }
  | { kind: 'answer'; key: string }
  | PersonSource
  | { kind: 'value'; text: string };

/** The source of a field, with the default (the resident's answer under the field id) filled in. */
export function parseSource(source: Source | undefined, fieldId: string): ParsedSource {
  if (source === undefined || source === 'answer') return { kind: 'answer', key: fieldId };
  if (source.startsWith('answer:')) return { kind: 'answer', key: source.slice('answer:'.length) };
  if (source.startsWith('value:')) return { kind: 'value', text: source.slice('value:'.length) };
  if (source.startsWith('person:')) return parsePersonSource(source) ?? { kind: 'value', text: '' };
  const [kind, item] = source.split('.') as [string, string];
  if (kind === 'card') return { kind, item: item as (typeof cardItems)[number] };
  if (kind === 'computed') return { kind, item: item as (typeof computedItems)[number] };
  if (kind === 'visit') return { kind, item: item as (typeof visitItems)[number] };
  if (kind === 'staff') return { kind, item: item as (typeof staffItems)[number] };
  return { kind: 'session', item: item as (typeof sessionItems)[number] };
}
