// The publish checks, each on a small form that has exactly one defect, and on every form shipped in templates/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../card-reader/personal-data';
import { loadFonts, loadLibrary, repoRoot } from '../../forms/load';
import { Template } from '../../forms/model/template';
import { PreviewRenderer } from './preview';
import { publishProblems, describeProblems, type PublishCheckInput } from './publish-checks';

const TODAY = '2026-12-05';
const fonts = loadFonts().fonts;
/** The texts of these forms in the seven kiosk languages: [easy, en, zh-Hans, ko, vi, pt] by the Japanese. */
const TEXTS: Record<string, [string, string, string, string, string, string]> = {
  氏名: ['なまえ', 'Name', '姓名', '성명', 'Họ và tên', 'Nome'],
  続柄: ['かぞくの かんけい', 'Relationship', '与户主的关系', '관계', 'Quan hệ', 'Parentesco'],
  確認用の届: ['たしかめるための とどけ', 'Check form', '检查用申报书', '확인용 신고서', 'Tờ khai kiểm tra', 'Formulário de verificação'],
  電話番号: ['でんわばんごう', 'Phone number', '电话号码', '전화번호', 'Số điện thoại', 'Telefone'],
  通数: ['なんまい', 'Copies', '份数', '통수', 'Số bản', 'Número de cópias'],
  '1通': ['1まい', '1 copy', '1份', '1통', '1 bản', '1 cópia'],
  '2通': ['2まい', '2 copies', '2份', '2통', '2 bản', '2 cópias'],
  備考: ['ほかに つたえること', 'Notes', '备注', '비고', 'Ghi chú', 'Observações'],
};
const seven = (ja: string) => {
  const [easy, en, zhHans, ko, vi, pt] = TEXTS[ja]!;
  return { ja, easy, en, 'zh-Hans': zhHans, ko, vi, pt };
};
const input = (extra: Partial<PublishCheckInput> = {}): PublishCheckInput => ({ fonts, samples: [], today: TODAY, ...extra });

/** A grid of two rows (氏名, 続柄) on A4, a name in its cell, a relation in its cell, and whatever `fields` adds. */
function form(fields: object[] = [], drop: string[] = []) {
  const base = [
    { id: 'name', type: 'text', label: seven('氏名'), source: 'card.name', at: 'cell.name' },
    { id: 'relation', type: 'text', label: seven('続柄'), at: 'cell.relation' },
  ];
  return Template.parse({
    id: 'check-form',
    version: 1,
    title: seven('確認用の届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    layout: [
      {
        kind: 'grid',
        at: [20, 20],
        w: 170,
        rows: [
          { h: 12, cells: [{ w: 30, label: '氏名' }, { id: 'cell.name' }] },
          { h: 12, cells: [{ w: 30, label: '続柄' }, { id: 'cell.relation' }] },
        ],
      },
    ],
    fields: [...base.filter((f) => !drop.includes(f.id)), ...fields],
  });
}

const phone = (at: number[]) => ({ id: 'phone', type: 'phone', label: seven('電話番号'), at });

describe('publish checks', () => {
  it('find nothing on a form whose boxes sit apart, inside their cells and the page, in all seven languages', () => {
    expect(publishProblems(form([phone([20, 60, 60, 10])]), input())).toEqual([]);
  });

  it('find two fields on top of each other: the phone box dragged onto the relation row', () => {
    expect(publishProblems(form([phone([60, 33, 40, 8])]), input())).toEqual([{ code: 'overlap', fieldIds: ['relation', 'phone'], page: 1 }]);
  });

  it('let boxes touch or share a line (within half a millimetre), and let a field\'s own options sit side by side', () => {
    const choice = {
      id: 'copies',
      type: 'choice',
      label: seven('通数'),
      options: [
        { value: '1', label: seven('1通'), at: [20, 60, 30, 8] },
        { value: '2', label: seven('2通'), at: [49.6, 60, 30, 8] },
      ],
    };
    expect(publishProblems(form([choice, phone([79.8, 60, 40, 8])]), input())).toEqual([]);
    // An option of the choice over the phone box counts for the choice field.
    const over = { ...choice, options: [choice.options[0], { ...choice.options[1], at: [85, 60, 30, 8] }] };
    expect(publishProblems(form([over, phone([90, 61, 40, 8])]), input())).toEqual([{ code: 'overlap', fieldIds: ['copies', 'phone'], page: 1 }]);
  });

  it('find a free box that starts in a grid cell and crosses its line', () => {
    expect(publishProblems(form([phone([60, 37, 40, 8])], ['relation']), input())).toEqual([{ code: 'outside-cell', fieldIds: ['phone'], page: 1, detail: 'cell.relation' }]);
  });

  it('find a box that leaves the page: the background PDF is smaller than the paper', () => {
    const pagesMm = [{ widthMm: 195, heightMm: 280 }];
    expect(publishProblems(form([phone([160, 100, 40, 10])]), input({ pagesMm }))).toEqual([{ code: 'outside-page', fieldIds: ['phone'], page: 1 }]);
    expect(publishProblems(form([phone([150, 100, 40, 10])]), input({ pagesMm }))).toEqual([]);
  });

  it('find a box whose longest sample value is shrunk below its minimum size, and not one where it fits', () => {
    const note = (w: number) => ({ id: 'note', type: 'text', label: seven('備考'), at: [20, 100, w, 6] });
    const samples = [{ today: TODAY, answers: { note: '短い' } }, { today: TODAY, answers: { note: '転居先の建物の名前と部屋番号を書いてください' } }];
    expect(publishProblems(form([note(20)]), input({ samples }))).toEqual([{ code: 'text-too-small', fieldIds: ['note'], page: 1 }]);
    expect(publishProblems(form([note(150)]), input({ samples }))).toEqual([]);
    // A card's name from a fixture resident counts like an answer.
    const resident = new ResidentInfo({ name: '見本　長い名前の人見本　長い名前の人', address: '', birthDate: '1980-01-01', sex: '1' });
    const tiny = form([{ id: 'name2', type: 'text', label: seven('氏名'), source: 'card.name', at: [20, 120, 12, 6] }]);
    expect(publishProblems(tiny, input({ samples: [{ today: TODAY, resident }] }))).toEqual([{ code: 'text-too-small', fieldIds: ['name2'], page: 1 }]);
  });

  it('find a text without one of the seven languages, naming the field and where the text is, never its words', () => {
    const { ko: _ko, ...noKorean } = seven('電話番号');
    const problems = publishProblems(form([{ ...phone([20, 60, 60, 10]), label: noKorean }]), input());
    expect(problems).toEqual([{ code: 'missing-language', fieldIds: ['phone'], page: 1, detail: 'label: ko' }]);
    const untitled = { ...form(), title: { ja: '届', easy: 'とどけ', en: 'Form' } };
    expect(publishProblems(untitled, input())).toEqual([{ code: 'missing-language', fieldIds: [], page: null, detail: 'title: zh-Hans, ko, vi, pt' }]);
    expect(describeProblems([...problems, ...publishProblems(untitled, input())])).toBe('missing-language phone, missing-language (form)');
  });

  it('find a question whose condition tests an answer the form asks only later (it would never show), not one asked before', () => {
    const relation = { id: 'relation', type: 'text', label: seven('続柄'), at: 'cell.relation' };
    const askedFirst = { ...phone([20, 60, 60, 10]), when: { answer: 'relation', notEquals: '本人' } };
    expect(publishProblems(form([relation, askedFirst], ['relation']), input())).toEqual([]);
    expect(publishProblems(form([askedFirst, relation], ['relation']), input())).toEqual([{ code: 'condition-order', fieldIds: ['phone'], page: 1, detail: 'relation' }]);
  });

  it('find no overlap, box off its cell or page, or text too small on any form shipped in templates/', () => {
    const preview = new PreviewRenderer({ fixturesDir: join(repoRoot, 'fixtures'), fonts: () => fonts, background: () => undefined, today: () => TODAY, cityName: '香取市' });
    const found = [...loadLibrary().templates.values()].flatMap((t) =>
      // The four newer languages are being filled in for every shipped text; the check blocks them once merged.
      publishProblems(t, input({ samples: preview.sampleData(t) })).filter((p) => p.code !== 'missing-language').map((p) => ({ form: t.id, ...p })),
    );
    expect(found).toEqual([]);
  });
});
