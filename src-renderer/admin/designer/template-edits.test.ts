// A field in a table cell moved like any box: it becomes a free box at the cell's millimetres, and the designer's one
// undo step puts it back in its cell.
import { describe, expect, it } from 'vitest';
import type { DraftTemplate } from '../../field-types';
import { createDesignerStore } from './store';
import { movePlaces, placesOf } from './template-edits';

const label = { ja: '続柄', easy: 'かぞくの かんけい', en: 'Relationship', 'zh-Hans': '与户主的关系', ko: '관계', vi: 'Quan hệ', pt: 'Parentesco' };
const doc = {
  id: 'cell-form',
  version: 1,
  title: { ja: '届', easy: 'とどけ', en: 'Form', 'zh-Hans': '申报书', ko: '신고서', vi: 'Tờ khai', pt: 'Formulário' },
  category: 'other',
  legalBasis: '香取市事務処理規則',
  myNumberUse: false,
  layout: [{ kind: 'grid', at: [20, 30], w: 170, rows: [{ h: 14, cells: [{ w: 30, label: '続柄' }, { id: 'cell.relation' }] }] }],
  fields: [{ id: 'relation', type: 'text', label, at: 'cell.relation' }],
} as unknown as DraftTemplate;

describe('a field in a table cell', () => {
  it('is placed at its cell and, moved, becomes a free box at the new millimetres; one undo restores the cell', () => {
    const [place] = placesOf(doc);
    expect(place).toMatchObject({ key: 'relation@at', inCell: 'cell.relation', rect: [50, 30, 140, 14] });
    const store = createDesignerStore(doc, 'cell-form', 1);
    // A drag shows each step and commits once at the end.
    store.getState().show(movePlaces(doc, new Map([['relation@at', [50, 40, 140, 14]]])));
    store.getState().show(movePlaces(doc, new Map([['relation@at', [50, 60, 140, 14]]])));
    store.getState().commit(store.getState().doc);
    expect(placesOf(store.getState().doc)[0]).toMatchObject({ inCell: null, rect: [50, 60, 140, 14] });
    store.getState().undo();
    expect(store.getState().doc.fields[0]).toMatchObject({ at: 'cell.relation' });
    expect(store.getState().past).toEqual([]);
  });
});
