import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../../card-reader/personal-data';
import { renderForm } from '../../engine/render';
import { loadFonts, loadLibrary } from '../../load';
import { fieldTypeOf } from '../index';
import { formatAddress, kanaRowOf } from './index';

const pdfText = (pdf: Uint8Array) => execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
const resident = new ResidentInfo({ name: '見本 花子', address: '千葉県成田市花崎町１', birthDate: '1990-01-01', sex: '2' });

describe('the address field type', () => {
  it('puts the picked parts together as the city writes an address', () => {
    expect(formatAddress({ prefecture: '千葉県', city: '香取市', area: '佐原イ', number: '1234番地5' })).toBe('千葉県香取市佐原イ1234番地5');
    expect(formatAddress({ prefecture: '千葉県', city: '香取市', area: '小見川', number: '5の2', building: ' 香取ハイツ101 ' })).toBe('千葉県香取市小見川5の2\u3000香取ハイツ101');
  });

  it('files a reading under its 50音 row, voiced kana with their plain row', () => {
    expect(['さわらい', 'がくえん', 'ぱーく', 'おみがわ', 'わだ', 'ABC'].map(kanaRowOf)).toEqual(['さ', 'か', 'は', 'あ', 'わ', undefined]);
  });

  it('accepts any text (a reading for the clerk too), never a non-text value', () => {
    const t = fieldTypeOf('address');
    expect(t.check({} as never, 'かとりしさわら1')).toEqual([]);
    expect(t.check({} as never, true)).toEqual(['wrongValueKind']);
  });

  it('prints a picked address on the 異動届 in kanji, with no note for the clerk; a reading still gets the note', async () => {
    const template = loadLibrary().templates.get('resident-move')!;
    expect(template.fields.find((f) => f.id === 'newAddress')).toMatchObject({ type: 'address', kanji: 'clerk' });
    const { fonts } = loadFonts();
    const render = async (newAddress: string) =>
      pdfText((await renderForm(template, { resident, today: '2026-04-01', answers: { 'move.kind': 'in', 'move.newAddress': newAddress } }, fonts)).pdf);
    const picked = await render('千葉県香取市佐原イ1234番地5');
    expect(picked).toContain('千葉県香取市佐原イ1234番地5');
    expect(picked).not.toContain('漢字は職員が記入');
    const reading = await render('かとりしさわらい1234');
    expect(reading).toContain('よみ：かとりしさわらい1234（漢字は職員が記入）');
    expect(reading).not.toContain('佐原イ');
  });
});
