import { describe, expect, it } from 'vitest';
import { wireJson } from './wire-json';

describe('wireJson', () => {
  it('writes a submission body in ASCII only and reads back to the same values, surrogate pairs included', () => {
    const value = { values: { 'applicant.name': '見本　花子', note: '𠮷野家 ｱｲｳ é', quote: '"\\\n' }, pdfBase64: 'JVBERi0xLjc=' };
    const text = wireJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(Buffer.byteLength(text)).toBe(text.length);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('writes what JSON.stringify writes for plain data: nested arrays and objects, numbers, booleans, null, undefined members and array holes', () => {
    const value = { a: [1, 2.5, -0, true, null, undefined, 'x', { b: 'c\u0001' }], n: NaN, u: undefined, e: {}, at: new Date(0), long: 'A'.repeat(5000) };
    expect(wireJson(value)).toBe(JSON.stringify(value));
  });
});
