import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../card-reader/personal-data';
import { sampleValue } from '../../counter/admin/preview';
import { renderForms } from '../engine/render';
import { loadFonts } from '../load';
import { Template, templateSchema, type Field } from '../model/template';
import { fieldTypeRegistry, fieldTypes } from './index';
import { stamp } from './stamp-for-tests';

const withStamp = fieldTypeRegistry([...fieldTypes.list, stamp]);
const today = '2026-04-01';

const document = {
  id: 'stamp-request',
  version: 1,
  title: { ja: '確認票', easy: 'かくにんひょう', en: 'Check sheet' },
  category: 'other',
  legalBasis: '香取市事務処理規則',
  myNumberUse: false,
  fields: [
    { id: 'name', type: 'text', label: { ja: '氏名', easy: 'なまえ', en: 'Name' }, source: 'card.name', at: [20, 20, 100, 10] },
    { id: 'checked', type: 'stamp', label: { ja: '確認済み', easy: 'かくにん', en: 'Checked' }, at: [150, 20, 20, 20] },
  ],
};

const pdfText = (pdf: Uint8Array) => execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8', timeout: 30_000 });

describe('a field type added to the registry list', () => {
  it('is a field of the template model built from that registry, and of no other', () => {
    expect(Template.safeParse(document).success).toBe(false);
    const parsed = templateSchema(withStamp).parse(document);
    expect(parsed.fields.map((f) => f.type)).toEqual(['text', 'stamp']);
    expect(parsed.fields[1]).toMatchObject({ mark: '済', page: 1 });
  });

  it("gets a sample value in the designer's preview from its own plugin", () => {
    const field = templateSchema(withStamp).parse(document).fields[1] as unknown as Field;
    expect(sampleValue(field, today, withStamp)).toBe(true);
    expect(() => sampleValue(field, today)).toThrow(/unknown field type stamp/);
  });

  it('is drawn into the PDF by the engine, with the preview sample as its answer', async () => {
    const template = templateSchema(withStamp).parse(document) as unknown as Template;
    const field = template.fields[1]!;
    const { fonts } = loadFonts();
    const r = await renderForms({
      templates: [template],
      data: { resident: new ResidentInfo({ name: '見本 花子', address: '千葉県香取市佐原イ１', birthDate: '1990-01-01', sex: '2' }), today, answers: { checked: sampleValue(field, today, withStamp)! } },
      fonts,
      fieldTypes: withStamp,
    });
    expect(r.issues).toEqual([]);
    expect(pdfText(r.pdf)).toContain('済');
    const blank = await renderForms({ templates: [template], data: { resident: new ResidentInfo({ name: '見本 花子', address: '千葉県', birthDate: '1990-01-01', sex: '2' }), today, answers: {} }, fonts, fieldTypes: withStamp });
    expect(pdfText(blank.pdf)).not.toContain('済');
  });
});
