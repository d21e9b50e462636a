// A household person read from their own My Number Card: the forms bind their kanji name (no clerk kanji for it),
// their card's items stand against typed ones, and everything read goes with the session's wipe.
import { describe, expect, it } from 'vitest';
import { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import { bindValues } from '../forms/binding/bind';
import { isReadingOnly } from '../forms/binding/reading';
import { loadLibrary } from '../forms/load';
import { buildCatalogue } from './catalogue';
import { cardAnswers, personCardView, personNeedsMyNumber, sameHolder, takeAnswers } from './person-card';
import { ResidentSession } from './resident-session';

const library = loadLibrary();
const catalogue = buildCatalogue(library);
const visitor = new ResidentInfo({ name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1985-04-12', sex: '2' });
const spouse = () => ({ resident: new ResidentInfo({ name: '見本　平太', address: '千葉県香取市見本町九丁目１０番１１号', birthDate: '1989-01-08', sex: '1' }), myNumber: new MyNumber('101010101019') });

function movingIn(): ResidentSession {
  const session = new ResidentSession(catalogue.plans.get('moving-in')!, 'ja');
  session.resident = visitor;
  for (const [k, v] of Object.entries({
    'linked.childAllowance': true,
    'household.1.relationship': 'spouse',
    'household.1.kana': 'みほん　へいた',
    'household.1.living': 'together',
  })) session.answers.set(k, v);
  return session;
}

function bound(session: ResidentSession, templateId: string) {
  return bindValues(library.templates.get(templateId)!, session.formData('2025-06-02', { cityName: '香取市' }));
}

describe("a household person's own card", () => {
  it('binds the kanji name from the card to every form that names that person, so no clerk kanji is needed for it', () => {
    const session = movingIn();
    // Typed only: the 異動届 and the 児童手当 hold the reading, which the clerk turns into kanji.
    expect(isReadingOnly(bound(session, 'resident-move').get('p2.name'))).toBe(true);
    expect(bound(session, 'jido-teate-nintei').get('spouse.myNumber')).toBeUndefined();

    const card = spouse();
    session.personCards.set(1, card);
    for (const [k, v] of cardAnswers(1, card)) session.answers.set(k, v);
    const move = bound(session, 'resident-move');
    expect(move.get('p2.name')).toBe('見本　平太');
    expect(isReadingOnly(move.get('p2.name'))).toBe(false);
    expect(move.get('p2.kana')).toBe('みほん　へいた');
    const claim = bound(session, 'jido-teate-nintei');
    expect(claim.get('spouse.name')).toBe('見本　平太');
    // The 児童手当 prints the spouse's My Number: it comes from their card, never typed and never an answer.
    expect(claim.get('spouse.myNumber')).toBe('101010101019');
    expect([...session.answers.values()]).not.toContain('101010101019');
    expect(session.answers.get('household.1.birthDate')).toBe('1989-01-08');
    expect(session.answers.get('household.1.sex')).toBe('1');
  });

  it('reads the My Number of a person only when a form that prints it for their role is in the visit', () => {
    const session = movingIn();
    expect(personNeedsMyNumber(session, 1)).toBe(true);
    session.answers.set('linked.childAllowance', false);
    expect(personNeedsMyNumber(session, 1)).toBe(false);
    // 住民票 prints nobody's number: no person's number is read.
    const juminhyo = new ResidentSession(catalogue.plans.get('juminhyo-request')!, 'ja');
    expect(personNeedsMyNumber(juminhyo, 1)).toBe(false);
  });

  it("keeps the card's items against typed ones, and drops the card when the person is taken off their screen", () => {
    const session = movingIn();
    session.personCards.set(1, spouse());
    const taken = takeAnswers(session, { 'household.1.birthDate': '2000-01-01', 'household.1.sex': '2', 'household.1.myNumber': '123456789018', 'household.1.living': 'apart' });
    expect(taken).toEqual({ 'household.1.living': 'apart' });
    expect(session.personCards.size).toBe(1);
    const skipped = takeAnswers(session, { 'household.1.kana': null, 'household.1.birthDate': null, 'household.1.sex': null });
    expect(skipped).toEqual({ 'household.1.kana': null, 'household.1.birthDate': null, 'household.1.sex': null });
    expect(session.personCards.size).toBe(0);
  });

  it('prints nothing of a person read from a card once they are no longer entered', () => {
    const session = movingIn();
    session.personCards.set(1, spouse());
    session.answers.delete('household.1.kana');
    expect(bound(session, 'resident-move').get('p2.name')).toBeUndefined();
  });

  it("tells the visitor's own card from another person's by the four items", () => {
    expect(sameHolder(visitor, new ResidentInfo({ ...visitor.reveal() }))).toBe(true);
    expect(sameHolder(visitor, spouse().resident)).toBe(false);
  });

  it('is wiped with the session: nothing read from any card is left', () => {
    const session = movingIn();
    session.personCards.set(1, spouse());
    session.personCardFor = 2;
    session.wipe();
    expect(session.personCards.size).toBe(0);
    expect(session.personCardFor).toBeUndefined();
    expect(session.formData('2025-06-02', { cityName: '香取市' }).answers).toEqual(Object.fromEntries(session.plan.fixedAnswers));
  });

  it("shows the person's screen what the card gave, without the My Number", () => {
    const view = personCardView(1, spouse());
    expect(view).toEqual({ person: 1, name: '見本　平太', address: '千葉県香取市見本町九丁目１０番１１号', birthDate: '1989-01-08', sex: '1', myNumberRead: true });
    expect(JSON.stringify(view)).not.toContain('101010101019');
  });
});
