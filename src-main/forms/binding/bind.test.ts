import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../card-reader/personal-data';
import { loadLibrary } from '../load';
import { bindValues, type FormData } from './bind';

const library = loadLibrary();
const template = (id: string) => library.templates.get(id)!;
const cardAddress = '千葉県香取市佐原イ１２３４番地５';
const newAddress = '千葉県香取市佐原ロ５６番地';

function data(answers: FormData['answers']): FormData {
  return { resident: new ResidentInfo({ name: '見本 太郎', address: cardAddress, birthDate: '1985-04-01', sex: '1' }), answers, today: '2026-12-05' };
}

describe('the address of a visit', () => {
  it('prints the new address of a move on the forms of the visit, and the card address as the address before it', () => {
    const moving = data({ 'move.kind': 'in', 'move.newAddress': newAddress });
    expect(bindValues(template('jido-teate-nintei'), moving).get('claimant.address')).toBe(newAddress);
    expect(bindValues(template('juminhyo-request'), moving).get('applicant.address')).toBe(newAddress);
    expect(bindValues(template('nursery-application'), moving).get('parent.address')).toBe(newAddress);
    const move = bindValues(template('resident-move'), moving);
    expect(move.get('previousAddress')).toBe(cardAddress);
    expect(move.get('newAddress')).toBe(newAddress);
    const change = bindValues(template('child-allowance-change'), { ...moving, answers: { ...moving.answers, 'move.kind': 'within' } });
    expect([change.get('recipient.address'), change.get('before.address'), change.get('after.address')]).toEqual([newAddress, cardAddress, newAddress]);
  });

  it('keeps the card address when nobody moves in or within the city, or the new address is blank', () => {
    expect(bindValues(template('juminhyo-request'), data({})).get('applicant.address')).toBe(cardAddress);
    expect(bindValues(template('juminhyo-request'), data({ 'move.newAddress': '  ' })).get('applicant.address')).toBe(cardAddress);
    // A 転出届's new address is in another city: the forms of this city still go to the card address.
    expect(bindValues(template('juminhyo-request'), data({ 'move.kind': 'out', 'move.newAddress': newAddress })).get('applicant.address')).toBe(cardAddress);
  });
});
