import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldTypeRegistry, fieldTypes } from '../../src-main/forms/field-types';
import { stamp, type stampField } from '../../src-main/forms/field-types/stamp-for-tests';
import { templateSchema } from '../../src-main/forms/model/template';
import { browserParts, browserTypes } from './index';
import type { KioskInputProps } from './kiosk-input';
import { atPlace, definePanel } from './panel-parts';
import { browserFieldTypes, defineBrowserPart } from './registry';

// The test-only stamp's browser part: a one-tap control and a bare panel, as a new type's folder would hold them.
const StampInput = (props: KioskInputProps) => createElement('button', { type: 'button', 'aria-pressed': props.value === true, onClick: () => props.onChange(props.value !== true) }, '済');
const stampPanel = definePanel<z.input<typeof stampField>>({
  type: 'stamp',
  name: { ja: '確認印', en: 'Check stamp' },
  mark: '済',
  size: [15, 15],
  create: ({ id, page, rect }) => ({ id, type: 'stamp', label: { ja: '確認', easy: 'かくにん', en: 'Checked' }, ...(page > 1 ? { page } : {}), at: rect }),
  places: atPlace,
  Panel: () => null,
});
const stampPart = defineBrowserPart({ Input: StampInput, panel: stampPanel, inline: true, typesText: false });

const withStamp = fieldTypeRegistry([...fieldTypes.list, stamp]);
const ui = browserFieldTypes(withStamp, { ...browserParts, stamp: stampPart });

describe('a field type added to the registry list, in the browser', () => {
  it("is the kiosk's control for a question of that type", () => {
    expect(ui.inputOf('stamp')).toBe(StampInput);
    expect(ui.isInline('stamp')).toBe(true);
    const Input = ui.inputOf('stamp')!;
    const html = renderToStaticMarkup(createElement(Input, { question: { key: 'checked', type: 'stamp' as never, label: { ja: '確認', easy: 'かくにん', en: 'Checked' }, required: false, usedBy: [] }, value: true, onChange: () => {}, word: String, wordText: String, localize: (t) => t.ja, today: '2026-04-01' }));
    expect(html).toContain('aria-pressed="true"');
    expect(browserTypes.inputOf('stamp')).toBeUndefined();
  });

  it("is in the designer's palette, after the app's types, and its new field is a field of the model", () => {
    expect(Object.keys(ui.panels)).toEqual([...fieldTypes.list.map((t) => t.type), 'stamp']);
    expect(ui.panelOf('stamp')).toBe(stampPanel);
    const field = ui.panelOf('stamp')!.create({ id: 'checked', page: 1, rect: [150, 20, 20, 20] });
    const parsed = templateSchema(withStamp).parse({
      id: 'stamp-request', version: 1, title: { ja: '確認票', easy: 'かくにんひょう', en: 'Check sheet' }, category: 'other', legalBasis: '香取市事務処理規則', myNumberUse: false, fields: [field],
    });
    expect(parsed.fields[0]).toMatchObject({ type: 'stamp', mark: '済' });
    expect(Object.keys(browserTypes.panels)).not.toContain('stamp');
  });

  it("keeps the app's own types where they were: every common type has its control and panel", () => {
    for (const t of fieldTypes.list) {
      expect(browserTypes.inputOf(t.type), t.type).toBeTypeOf('function');
      expect(browserTypes.panelOf(t.type)?.type, t.type).toBe(t.type);
    }
    expect(fieldTypes.list.filter((t) => browserTypes.isInline(t.type)).map((t) => t.type)).toEqual(['choice', 'checkbox', 'circle']);
  });
});
