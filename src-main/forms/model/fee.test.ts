import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../load';
import { feeOf } from './fee';
import { Template } from './template';

describe('the fee of a form', () => {
  it('is a flat amount, or an amount per copy summed over the copies fields', () => {
    expect(feeOf(undefined, {})).toBeUndefined();
    expect(feeOf({ yen: 0 }, {})).toBe(0);
    expect(feeOf({ yen: 300, perCopies: ['a', 'b'] }, { a: '2', b: '1' })).toBe(900);
    expect(feeOf({ yen: 300, perCopies: ['a', 'b'] }, { a: '', b: true, c: '5' })).toBe(0);
    expect(feeOf({ yen: 300, perCopies: ['a'] }, { a: '-1' })).toBe(0);
  });

  it('names only number fields of the form as copies', () => {
    const base = {
      id: 'fee-check', version: 1, title: { ja: 'a', easy: 'a', en: 'a' }, category: 'other', legalBasis: 'x', myNumberUse: false,
      fields: [{ id: 'name', type: 'text', page: 1, at: [10, 10, 50, 8], label: { ja: 'a', easy: 'a', en: 'a' } }],
    };
    const missing = Template.safeParse({ ...base, fee: { yen: 300, perCopies: ['copies'] } });
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toContain('no field has id \\"copies\\"');
    const notNumber = Template.safeParse({ ...base, fee: { yen: 300, perCopies: ['name'] } });
    expect(JSON.stringify(notNumber.error?.issues)).toContain('copies are counted in number fields');
  });

  it('is declared by every shipped form: 300 yen a copy for 住民票 and 印鑑登録証明書', () => {
    const lib = loadLibrary();
    const juminhyo = lib.templates.get('juminhyo-request');
    expect(feeOf(juminhyo?.fee, { 'copies.all': '2', 'copies.some': '0' })).toBe(600);
    for (const t of lib.templates.values()) if (!t.example) expect(t.fee, t.id).toBeDefined();
  });
});
