// A household person's own My Number Card, read at the kiosk during the visitor's session (a second card): what it
// gives that person's answers and forms, and what it must never do (take the visitor's place, print a typed value).
import type { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import type { AnswerValue, PersonCardView } from '../contract/kiosk';
import { conditionMet, personCardKeys } from '../contract/kiosk';
import { householdKey } from '../forms/model/people';
import type { ResidentSession } from './resident-session';

/** What was read from one person's card; held by the session and wiped with it. */
export interface PersonCard {
  resident: ResidentInfo;
  myNumber?: MyNumber;
}

/** The answers a card gives its person: the birth date, and the sex when it is one the forms print (1 男, 2 女). */
export function cardAnswers(n: number, card: PersonCard): Map<string, AnswerValue> {
  const r = card.resident.reveal();
  const out = new Map<string, AnswerValue>([[householdKey(n, 'birthDate'), r.birthDate]]);
  if (r.sex === '1' || r.sex === '2') out.set(householdKey(n, 'sex'), r.sex);
  return out;
}

/** The same card holder: the four basic items all equal (a card has no number we may read without its PIN). */
export function sameHolder(a: ResidentInfo, b: ResidentInfo): boolean {
  const x = a.reveal();
  const y = b.reveal();
  return x.name === y.name && x.birthDate === y.birthDate && x.address === y.address && x.sex === y.sex;
}

/** Whether that person's My Number is, or may still be, printed: their `myNumber` question is asked (a form takes
 *  `person:…myNumber` for their role, once chosen). Before the relationship is chosen it may be: read it. */
export function personNeedsMyNumber(session: ResidentSession, n: number): boolean {
  const q = session.plan.questions.find((x) => x.key === householdKey(n, 'myNumber'));
  if (!q) return false;
  const facts = session.conditionFacts();
  return conditionMet(q.when, session.answers, facts, true) && conditionMet(q.also, session.answers, facts, true);
}

/** A family member's My Number no form of the visit takes any more (their relationship changed): dropped at once. */
export function dropUnneededMyNumbers(session: ResidentSession): void {
  for (const [n, card] of session.personCards) if (card.myNumber && !personNeedsMyNumber(session, n)) delete card.myNumber;
}

/** What the forms bind of the people read from their cards: the name in kanji, the My Number where it is asked. */
export function personCardBindings(session: ResidentSession, effective: ReadonlyMap<string, AnswerValue>): Record<string, string> {
  const live = session.liveKeys();
  const out: Record<string, string> = {};
  for (const [n, card] of session.personCards) {
    // Only a person still entered (their reading given): one skipped on their screen prints nothing.
    if (!effective.has(householdKey(n, 'kana'))) continue;
    out[householdKey(n, 'name')] = card.resident.reveal().name;
    const myNumberKey = householdKey(n, 'myNumber');
    if (card.myNumber && live.has(myNumberKey)) out[myNumberKey] = card.myNumber.reveal();
  }
  return out;
}

/**
 * The answers a screen sends, as the session takes them for the people read from their cards: a card's own items
 * keep the card's value (a typed one is dropped), and a person cleared from their screen (no reading) loses the card.
 */
export function takeAnswers(session: ResidentSession, answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const out = { ...answers };
  for (const n of [...session.personCards.keys()]) {
    const kana = householdKey(n, 'kana');
    if (kana in out && (out[kana] === null || out[kana] === '')) {
      session.personCards.delete(n);
      continue;
    }
    for (const key of personCardKeys(n)) delete out[key];
  }
  return out;
}

/** The person's screen's copy of what their card gave. */
export function personCardView(n: number, card: PersonCard): PersonCardView {
  const r = card.resident.reveal();
  return { person: n, name: r.name, address: r.address, birthDate: r.birthDate, sex: r.sex, myNumberRead: card.myNumber !== undefined };
}
