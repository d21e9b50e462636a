import { describe, expect, it } from 'vitest';
import { Bundle, bundleQuestions } from './bundle';
import { formatIssues } from './issues';
import { Template, type TemplateInput } from './template';
import { conditionHolds } from '../../contract/kiosk';

const title = { ja: '試験用の届', easy: 'ためしの とどけ', en: 'Test form' };
const label = (ja: string) => ({ ja, easy: ja, en: ja });

function template(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    id: 'test-form',
    version: 1,
    title,
    category: 'other',
    legalBasis: '試験',
    myNumberUse: false,
    layout: [{ kind: 'grid', at: [10, 10], w: 190, rows: [{ h: 10, cells: [{ w: 30, label: '氏名' }, { id: 'name' }] }] }],
    fields: [{ id: 'name', type: 'text', label: label('氏名'), source: 'card.name', at: 'name' }],
    ...overrides,
  };
}

function problems(input: unknown): string[] {
  const r = Template.safeParse(input);
  return r.success ? [] : formatIssues(r.error, input);
}

describe('the template model', () => {
  it('accepts a plain template and fills in the defaults an author may leave out', () => {
    const t = Template.parse(template());
    expect(t.paper).toEqual({ size: 'A4', orientation: 'portrait', pages: 1 });
    const f = t.fields[0]!;
    expect(f.type === 'text' && [f.fontSize, f.fit, f.align, f.page]).toEqual([10.5, 'shrink', 'left', 1]);
  });

  it('rejects the My Number on a form that is not 番号利用事務, naming the field', () => {
    const input = template({ fields: [{ id: 'kojinBango', type: 'digits', count: 12, label: label('個人番号'), source: 'card.myNumber', at: [10, 30, 120, 8] }] });
    expect(problems(input)).toEqual([expect.stringMatching(/^fields\[0\] \(id "kojinBango"\)\.source: card\.myNumber is allowed only on a 番号利用事務 form/)]);
    expect(problems({ ...input, myNumberUse: true })).toEqual([]);
  });

  it('names the field, the property and the problem for a typo, a wrong type and an unknown source', () => {
    const input = template({
      fields: [
        { id: 'name', type: 'text', label: label('氏名'), source: 'card.name', at: 'name', fontsize: 12 } as never,
        { id: 'sex', type: 'circle', label: label('性別'), source: 'card.gender' as never, options: [] },
        { id: 'when', type: 'datee', label: label('日') } as never,
      ],
    });
    const lines = problems(input);
    expect(lines).toContainEqual(expect.stringMatching(/^fields\[0\] \(id "name"\): Unrecognized key: "fontsize"/));
    expect(lines).toContainEqual(expect.stringMatching(/^fields\[1\] \(id "sex"\)\.source: expected one of card\.name/));
    expect(lines).toContainEqual(expect.stringMatching(/^fields\[1\] \(id "sex"\)\.options: Too small/));
    expect(lines).toContainEqual(expect.stringMatching(/^fields\[2\] \(id "when"\)\.type: Invalid discriminator value\. Expected 'text' \| 'multiline'/));
  });

  it('rejects duplicate ids, unknown cells, boxes off the page and rows whose widths do not add up', () => {
    const input = template({
      layout: [{ kind: 'grid', at: [10, 10], w: 190, rows: [{ h: 10, cells: [{ w: 30 }, { w: 100, id: 'name' }] }] }],
      fields: [
        { id: 'name', type: 'text', label: label('氏名'), at: 'nam' },
        { id: 'name', type: 'text', label: label('氏名'), at: [180, 290, 40, 10] },
      ],
    });
    const lines = problems(input);
    expect(lines).toContainEqual('layout[0].rows[0]: cell widths add up to 130 mm, 60 mm short of the grid\'s 190 mm (leave one cell without "w" to fill)');
    expect(lines).toContainEqual('fields[0] (id "name").at: no layout grid cell has id "nam"');
    expect(lines).toContainEqual('fields[1] (id "name").id: duplicate field id "name" (also fields[0])');
    expect(lines).toContainEqual('fields[1] (id "name").at: [180, 290, 40, 10] leaves the 210×297 mm page');
  });

  it('rejects a rule that names a field the template does not have', () => {
    const input = template({ rules: [{ kind: 'requiredIf', field: 'reason', when: { field: 'name' } }] });
    expect(problems(input)).toEqual(['rules[0]: no field has id "reason"']);
  });

  it('rejects a field in an undeclared group, a duplicate group and a group condition on an answer the form never asks', () => {
    const spouse = { id: 'spouse', label: label('配偶者'), optional: { ask: label('配偶者について記入しますか') } };
    const input = template({
      groups: [spouse, { ...spouse, when: { answer: 'married', equals: true } }],
      fields: [
        { id: 'name', type: 'text', label: label('氏名'), source: 'card.name', at: 'name' },
        { id: 'spouse.name', type: 'text', label: label('配偶者の氏名'), at: [10, 30, 50, 8], group: 'spouse' },
        { id: 'child.name', type: 'text', label: label('児童の氏名'), at: [10, 40, 50, 8], group: 'child' },
      ],
    });
    expect(problems(input)).toEqual([
      'groups[1] (id "spouse").id: duplicate group id "spouse"',
      'fields[2] (id "child.name").group: no entry of "groups" has id "child"',
      'groups[1] (id "spouse").when: "when" uses answer "married", which no field of this form asks',
    ]);
    expect(problems({ ...input, groups: [spouse, { id: 'child', label: label('児童') }] })).toEqual([]);
  });

  it('rejects a date field with neither a box nor 年月日 parts', () => {
    const input = template({ fields: [{ id: 'day', type: 'date', label: label('日') }] });
    expect(problems(input)).toEqual(['fields[0] (id "day").at: a date field needs either "at" or "parts"']);
  });
});

describe('bundles', () => {
  const a = Template.parse(template({ id: 'form-a', fields: [
    { id: 'name', type: 'text', label: label('氏名'), source: 'card.name', at: 'name' },
    { id: 'phone', type: 'phone', label: label('電話'), source: 'answer:phone', at: [10, 40, 50, 8] },
    { id: 'reason', type: 'multiline', label: label('理由'), at: [10, 50, 100, 20] },
  ] }));
  const b = Template.parse(template({ id: 'form-b', fields: [
    { id: 'tel', type: 'phone', label: label('電話番号'), source: 'answer:phone', at: [10, 40, 50, 8] },
    { id: 'moved', type: 'date', label: label('異動日'), source: 'answer:movedOn', at: [10, 50, 50, 8] },
  ] }));
  const templates = new Map([a, b].map((t) => [t.id, t]));

  it('asks a question shared by two forms once, and lists both fields under it', () => {
    const bundle = Bundle.parse({ id: 'moving-in', event: 'moving-in', title, templates: [{ id: 'form-a' }, { id: 'form-b' }] });
    const { questions, problems: found } = bundleQuestions(bundle, templates);
    expect(found).toEqual([]);
    expect(questions.map((q) => [q.key, q.usedBy.length])).toEqual([['phone', 2], ['reason', 1], ['movedOn', 1]]);
  });

  it('reports an unknown template and an answer used as two incompatible types', () => {
    const c = Template.parse(template({ id: 'form-c', fields: [{ id: 'phone', type: 'checkbox', label: label('電話'), source: 'answer:phone', at: [10, 40, 50, 8] }] }));
    const bundle = Bundle.parse({ id: 'x', event: 'other', title, templates: [{ id: 'form-a' }, { id: 'form-c' }, { id: 'nope' }] });
    const { problems: found } = bundleQuestions(bundle, new Map([...templates, ['form-c', c]]));
    expect(found).toEqual([
      { templateId: 'form-c', fieldId: 'phone', problem: 'answer "phone" is a checkbox here but a phone in form-a' },
      { templateId: 'nope', problem: 'no template with this id' },
    ]);
  });

  it('never asks an answer the life event gives, and reports a given answer that no form of the bundle uses', () => {
    const bundle = Bundle.parse({ id: 'moving-in', event: 'moving-in', title, answers: { movedOn: '2026-12-01', 'move.kind': 'in' }, templates: [{ id: 'form-a' }, { id: 'form-b' }] });
    const { questions, problems: found } = bundleQuestions(bundle, templates);
    expect(questions.map((q) => q.key)).toEqual(['phone', 'reason']);
    expect(found).toEqual([{ problem: '"answers" gives "move.kind", which no form of this bundle uses' }]);
    expect(Bundle.safeParse({ ...bundle, answers: { 'bad key': 'x' } }).success).toBe(false);
  });

  it('accepts the address of the visit as a source, and nothing else under visit.', () => {
    const field = { id: 'addr', type: 'multiline' as const, label: label('住所'), at: [10, 40, 100, 10] as [number, number, number, number] };
    expect(problems(template({ fields: [{ ...field, source: 'visit.address' }, { ...field, id: 'before', source: 'visit.addressBefore', at: [10, 60, 100, 10] }] }))).toEqual([]);
    expect(problems(template({ fields: [{ ...field, source: 'visit.postalCode' }] }))).not.toEqual([]);
  });

  it('accepts the 職員記入欄 sources only as the desk fills them: the document as a choice among the desk\'s documents', () => {
    const option = (value: string, x: number) => ({ value, label: label(value), at: [x, 40, 20, 6] as [number, number, number, number] });
    const idDocument = { id: 'staff.idDocument', type: 'choice' as const, label: label('本人確認'), source: 'staff.idDocument', options: [option('my-number-card', 10), option('driver-license', 40)] };
    const fee = { id: 'staff.fee', type: 'text' as const, label: label('手数料'), source: 'staff.fee', at: [10, 60, 40, 8] as [number, number, number, number] };
    expect(problems(template({ fields: [idDocument, fee] }))).toEqual([]);
    expect(problems(template({ fields: [{ ...idDocument, options: [option('my-number-card', 10), option('library-card', 40)] }] }))).toEqual([
      expect.stringMatching(/staff\.idDocument options must be among my-number-card, .*; not library-card/),
    ]);
    expect(problems(template({ fields: [{ ...fee, id: 'doc', source: 'staff.idDocument' }] }))).toEqual([expect.stringMatching(/staff\.idDocument goes in a choice or circle field/)]);
    expect(problems(template({ fields: [{ ...fee, source: 'staff.stamp' }] }))).not.toEqual([]);
  });

  it('lets a group be asked for one of several answers (in), and refuses an empty list', () => {
    const fields = [
      { id: 'relation', type: 'choice' as const, label: label('関係'), group: 'a', options: [{ value: 'self', label: label('本人'), at: [10, 40, 20, 6] as [number, number, number, number] }, { value: 'agent', label: label('代理人'), at: [40, 40, 20, 6] as [number, number, number, number] }] },
      { id: 'agentName', type: 'text' as const, label: label('代理人'), group: 'b', at: [10, 60, 60, 8] as [number, number, number, number] },
    ];
    const groups = (when: unknown) => [{ id: 'a', label: label('あなた') }, { id: 'b', label: label('代理人'), when } as never];
    expect(problems(template({ fields, groups: groups({ answer: 'relation', in: ['agent', 'self'] }) }))).toEqual([]);
    expect(problems(template({ fields, groups: groups({ answer: 'relation', in: [] }) }))).not.toEqual([]);
    expect(conditionHolds({ in: ['agent', 'household'] }, 'agent')).toBe(true);
    expect(conditionHolds({ in: ['agent', 'household'] }, 'self')).toBe(false);
    expect(conditionHolds({ equals: 'self' }, 'self')).toBe(true);
  });

  it('refuses a condition naming a value no option of its answer has (a misspelt 代理人 would never hold)', () => {
    const fields = [
      { id: 'relation', type: 'choice' as const, label: label('関係'), group: 'a', options: [{ value: 'self', label: label('本人'), at: [10, 40, 20, 6] as [number, number, number, number] }, { value: 'agent', label: label('代理人'), at: [40, 40, 20, 6] as [number, number, number, number] }] },
      { id: 'agentName', type: 'text' as const, label: label('代理人'), group: 'b', at: [10, 60, 60, 8] as [number, number, number, number] },
    ];
    const groups = (when: unknown) => [{ id: 'a', label: label('あなた') }, { id: 'b', label: label('代理人'), when } as never];
    expect(problems(template({ fields, groups: groups({ answer: 'relation', in: ['agent', 'third-party'] }) })).join('\n')).toMatch(/third-party/);
    expect(problems(template({ fields, groups: groups({ answer: 'relation', notEquals: 'slef' }) })).join('\n')).toMatch(/slef/);
    expect(problems(template({ fields, groups: groups({ answer: 'relation', notEquals: 'self' }) }))).toEqual([]);
    const withSourceIf = (sourceIf: unknown) => template({ fields: [fields[0]!, { ...fields[1]!, sourceIf } as never], groups: groups(undefined) });
    expect(problems(withSourceIf({ when: { answer: 'relation', equals: 'self' }, source: 'card.name' }))).toEqual([]);
    expect(problems(withSourceIf({ when: { answer: 'relation', in: ['self'] }, source: 'card.name' })).join('\n')).toMatch(/equals/);
    expect(problems(withSourceIf({ when: { answer: 'relation', equals: 'self' }, source: 'answer:other' })).join('\n')).toMatch(/not another answer/);
    const rules = [{ kind: 'requiredIf', field: 'agentName', when: { field: 'relation', in: ['agnet'] } }] as never;
    expect(problems(template({ fields, groups: groups(undefined), rules })).join('\n')).toMatch(/agnet/);
  });
});
