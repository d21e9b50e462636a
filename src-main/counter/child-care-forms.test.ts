// The child and care forms as a 子育て / 介護 clerk reads them: what is asked, what is required, what the paper shows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import { offeredOptions, type AnswerValue } from '../contract/kiosk';
import { formatIssues } from '../forms/model/issues';
import { Template } from '../forms/model/template';
import { bindValues } from '../forms/binding/bind';
import { checkValues } from '../forms/binding/check-values';
import { renderFinalForm } from '../forms/engine/render';
import { loadFonts, loadLibrary } from '../forms/load';
import { tickedOptions } from '../forms/test/ticked-options';
import { buildCatalogue } from './catalogue';
import { ResidentSession } from './resident-session';

const library = loadLibrary();
const catalogue = buildCatalogue(library);
const { fonts } = loadFonts();

const TODAY = '2026-12-05';
// Rendering and reading back PDFs on a shared machine: the first render also loads the fonts.
vi.setConfig({ testTimeout: 60_000 });

function session(procedureId: string, answers: Record<string, AnswerValue> = {}): ResidentSession {
  const s = new ResidentSession(catalogue.plans.get(procedureId)!, 'ja', TODAY);
  s.resident = new ResidentInfo({ name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1990-06-01', sex: '2' });
  s.myNumber = new MyNumber('123456789018');
  for (const [k, v] of Object.entries(answers)) s.answers.set(k, v);
  return s;
}

const question = (procedureId: string, key: string) => catalogue.plans.get(procedureId)!.questions.find((q) => q.key === key);

async function pdfOf(s: ResidentSession, templateId: string): Promise<Uint8Array> {
  const template = s.plan.templates.find((t) => t.id === templateId)!;
  return (await renderFinalForm(template, s.formData(TODAY, { ticketNumber: 'A-001', cityName: '香取市' }), fonts)).pdf;
}

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-child-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const field = (templateId: string, id: string) => library.templates.get(templateId)!.fields.find((f) => f.id === id);

// The household of the 児童手当 claim: one child living with the claimant.
const child = { 'household.1.relationship': 'child', 'household.1.kana': 'みほん たろう', 'household.1.birthDate': '2022-04-02', 'household.1.sex': '1', 'household.1.living': 'together' };
const bank = { 'account.bank': '香取信用金庫', 'account.branch': '佐原支店', 'account.kind': 'ordinary', 'account.number': '1234567', 'account.holderKana': 'ミホン ハナコ' };

describe('児童手当 認定請求書: the account is a required choice, 公金受取口座 or 指定の口座', () => {
  it('asks 公金受取口座 / 指定の口座 as one required choice, and no longer has the rule that was dropped when left untouched', () => {
    expect(question('jido-teate-nintei', 'account.method')).toMatchObject({ type: 'choice', required: true, options: [{ value: 'public' }, { value: 'bank' }] });
    expect(question('jido-teate-nintei', 'account.usePublic')).toBeUndefined();
    expect(library.templates.get('jido-teate-nintei')!.rules.filter((r) => r.kind === 'oneRequired')).toEqual([]);
  });

  it('asks and requires the bank, branch, kind, number and holder only for 指定の口座', () => {
    const keys = Object.keys(bank);
    for (const key of keys) expect(question('jido-teate-nintei', key)?.required, key).toBe(true);
    const withBank = session('jido-teate-nintei', { ...child, 'account.method': 'bank' }).liveKeys();
    for (const key of keys) expect(withBank).toContain(key);
    const publicOnly = session('jido-teate-nintei', { ...child, 'account.method': 'public' }).liveKeys();
    for (const key of keys) expect(publicOnly).not.toContain(key);
    expect(session('jido-teate-nintei', { ...child, 'account.method': 'bank', 'account.bank': '香取信用金庫' }).answersComplete()).toBe(false);
  });

  it('prints ✓ in 公金受取口座 and no bank even when one was typed before the choice changed', async () => {
    const method = field('jido-teate-nintei', 'account.method')!;
    const options = method.type === 'choice' ? method.options : [];
    const s = session('jido-teate-nintei', { ...child, kana: 'みほん はなこ', phone: '0478-12-3456', 'account.method': 'public', ...bank });
    const pdf = await pdfOf(s, 'jido-teate-nintei');
    expect(tickedOptions(pdf, options)).toEqual(['public']);
    const text = pdfText(pdf);
    expect(text).toContain('公金受取口座');
    expect(text).not.toContain('香取信用金庫');
    expect(text).not.toContain('ミホン');
  });

  it('prints ✓ in 指定の口座 with the account, and only that box', async () => {
    const method = field('jido-teate-nintei', 'account.method')!;
    const options = method.type === 'choice' ? method.options : [];
    const pdf = await pdfOf(session('jido-teate-nintei', { ...child, kana: 'みほん はなこ', phone: '0478-12-3456', 'account.method': 'bank', ...bank }), 'jido-teate-nintei');
    expect(tickedOptions(pdf, options)).toEqual(['bank']);
    expect(pdfText(pdf)).toContain('香取信用金庫');
  });

  it('does not report the bank lines as missing on the form when 公金受取口座 was chosen (the review would send it to a clerk)', () => {
    const s = session('jido-teate-nintei', { ...child, kana: 'みほん はなこ', phone: '0478-12-3456', pension: 'national', 'account.method': 'public' });
    const template = s.plan.templates[0]!;
    const issues = checkValues(template, bindValues(template, s.formData(TODAY, {})), TODAY).map((i) => `${i.fieldId}:${i.code}`);
    expect(issues.filter((i) => i.startsWith('account.'))).toEqual([]);
    const bankChosen = session('jido-teate-nintei', { ...child, 'account.method': 'bank' });
    expect(checkValues(template, bindValues(template, bankChosen.formData(TODAY, {})), TODAY).map((i) => `${i.fieldId}:${i.code}`)).toContain('account.bank:required');
  });

  it('exports the chosen way of payment, not the removed checkbox', () => {
    const exportMap = JSON.parse(readFileSync(join(import.meta.dirname, '../../templates/exports/jido-teate-nintei.json'), 'utf8')) as { columns: { field: string }[] };
    const fields = exportMap.columns.map((c) => c.field);
    expect(fields).toContain('account.method');
    expect(fields).not.toContain('account.public');
  });
});

describe('児童手当 変更届: 変更があった日 for every kind of change', () => {
  it('asks and requires the date on the screen of what changed, for a 氏名 change as for a move', () => {
    const changedOn = field('child-allowance-change', 'changedOn')!;
    expect(changedOn).toMatchObject({ group: 'changes', validation: { required: true } });
    expect(changedOn.label.ja).toBe('変更があった日');
    expect(session('child-allowance-change', { 'childAllowance.changeName': true, 'childAllowance.changeAddress': false }).liveKeys()).toContain('movedOn');
    expect(question('child-allowance-change', 'movedOn')?.required).toBe(true);
  });
});

describe('介護 認定: the hospital stay', () => {
  it('asks the hospital and its period (from, and to or 未定) only while in hospital, and requires them there', () => {
    for (const key of ['care.hospital', 'care.hospitalFrom', 'care.hospitalEnd']) {
      expect(question('care-certification', key)?.required, key).toBe(true);
      expect(session('care-certification', { 'care.hospitalized': 'yes' }).liveKeys()).toContain(key);
      expect(session('care-certification', { 'care.hospitalized': 'no' }).liveKeys()).not.toContain(key);
    }
    expect(question('care-certification', 'care.hospitalEnd')?.options?.map((o) => o.value)).toEqual(['date', 'undecided']);
    // The day of discharge only when one is known.
    expect(session('care-certification', { 'care.hospitalized': 'yes', 'care.hospitalEnd': 'date' }).liveKeys()).toContain('care.hospitalTo');
    expect(session('care-certification', { 'care.hospitalized': 'yes', 'care.hospitalEnd': 'undecided' }).liveKeys()).not.toContain('care.hospitalTo');
    expect(question('care-certification', 'care.hospitalTo')?.required).toBe(true);
  });

  it('prints the period on the form: from a date to 未定', async () => {
    const s = session('care-certification', {
      'care.kind': 'new', kana: 'みほん はなこ', phone: '0478-12-3456', 'care.hospitalized': 'yes', 'care.hospital': '香取中央病院',
      'care.hospitalFrom': '2026-10-01', 'care.hospitalEnd': 'undecided',
    });
    const text = pdfText(await pdfOf(s, 'care-certification'));
    expect(text).toContain('入院期間');
    expect(text).toMatch(/令和\s*8\s*年\s*10\s*月\s*1\s*日/);
    expect(text).toContain('香取中央病院');
  });
});

describe('保育: the child\'s 個人番号', () => {
  const nursery = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/answers/nursery-application.json'), 'utf8')) as Record<string, AnswerValue>;
  const { 'household.1.myNumber': _typed, ...withoutNumber } = nursery;
  const childCard = () => ({
    resident: new ResidentInfo({ name: '見本　さくら', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '2024-05-01', sex: '2' }),
    myNumber: new MyNumber('567856785678'),
  });

  it('is a field of the form, bound to the child entered once, 12 digits and required', () => {
    expect(field('nursery-application', 'child.myNumber')).toMatchObject({ type: 'digits', source: 'person:child.myNumber', count: 12, validation: { required: true } });
  });

  it('is asked on the child\'s screen as a required My Number (read back masked), and the visit is not complete without it', () => {
    const q = question('nursery-application', 'household.1.myNumber');
    expect(q).toMatchObject({ required: true, myNumber: true, digitCount: 12, when: { key: 'household.1.relationship', in: ['child'] } });
    expect(q?.help?.ja).not.toMatch(/空けて/);
    expect(session('nursery-application', withoutNumber).answersComplete()).toBe(false);
    expect(session('nursery-application', { ...withoutNumber, 'household.1.myNumber': '111122223333' }).answersComplete()).toBe(true);
  });

  it('is taken from the child\'s own card when it was read, so nothing is typed', () => {
    const s = session('nursery-application', withoutNumber);
    s.personCards.set(1, childCard());
    expect(s.answersComplete()).toBe(true);
  });

  it('prints the typed number, or the card\'s, in the child\'s 12 boxes', async () => {
    const typed = pdfText(await pdfOf(session('nursery-application', { ...withoutNumber, 'household.1.myNumber': '111122223333' }), 'nursery-application'));
    expect(typed.replace(/\s+/g, '')).toContain('111122223333');
    const s = session('nursery-application', withoutNumber);
    s.personCards.set(1, childCard());
    const fromCard = pdfText(await pdfOf(s, 'nursery-application'));
    expect(fromCard.replace(/\s+/g, '')).toContain('567856785678');
    expect(fromCard).not.toContain('窓口で記入');
  });
});

describe('a typed 個人番号 on the clerk\'s mirror', () => {
  it('reaches the desk masked (last 4 digits), answered or being typed, and the question says so', async () => {
    const { liveKiosk } = await import('./live-kiosk');
    const s = session('nursery-application', { 'household.1.relationship': 'child', 'household.1.kana': 'みほん さくら', 'household.1.myNumber': '111122223333' });
    s.typing.set('household.1.myNumber', '99998888');
    const host = { session: () => s, screen: () => ({ step: 'questions' as const, updatedAt: 0 }), lastTryAllowedFor: () => undefined };
    const mirror = liveKiosk(host as never).mirror();
    expect(JSON.stringify(mirror)).not.toMatch(/111122223333|99998888/);
    expect(mirror.session?.answers['household.1.myNumber']).toBe('********3333');
    expect(mirror.session?.typing['household.1.myNumber']).toBe('****8888');
    expect(mirror.session?.questions.find((q) => q.key === 'household.1.myNumber')?.myNumber).toBe(true);
  });
});

describe('保育: 認定区分 from the child\'s age on 1 April of the fiscal year of entry', () => {
  const child = (birthDate: string) => ({ 'household.1.relationship': 'child', 'household.1.kana': 'みほん さくら', 'household.1.birthDate': birthDate, 'household.1.sex': '2' });
  const offered = (answers: Record<string, AnswerValue>) => {
    const s = session('nursery-application', answers);
    return offeredOptions(question('nursery-application', 'nursery.category')!, Object.fromEntries(s.answers), s.conditionFacts()).map((o) => o.value);
  };

  it('offers only 3号 under 3, and 1号・2号 from 3, on 1 April of the year the child enters', () => {
    expect(offered({ ...child('2024-05-01'), 'nursery.startOn': '2027-04-01' })).toEqual(['3']);
    expect(offered({ ...child('2023-04-01'), 'nursery.startOn': '2026-10-01' })).toEqual(['2', '1']);
    // 3 on the day of entry, but 2 on that fiscal year's 1 April: still 3号.
    expect(offered({ ...child('2023-04-02'), 'nursery.startOn': '2026-10-01' })).toEqual(['3']);
    // January belongs to the fiscal year that began the April before.
    expect(offered({ ...child('2023-04-02'), 'nursery.startOn': '2027-01-04' })).toEqual(['3']);
    expect(offered({ ...child('2023-04-02'), 'nursery.startOn': '2027-04-01' })).toEqual(['2', '1']);
  });

  it('offers every option while the birth date or the entry date is not known yet', () => {
    expect(offered({ ...child('2024-05-01') })).toEqual(['2', '3', '1']);
  });

  it('does not keep or print a 区分 the child\'s age no longer allows (the entry date changed afterwards)', () => {
    const s = session('nursery-application', { ...child('2024-05-01'), 'nursery.startOn': '2027-10-01', 'nursery.category': '2' });
    expect(s.effectiveAnswers().has('nursery.category')).toBe(false);
    s.answers.set('nursery.category', '3');
    expect(s.effectiveAnswers().get('nursery.category')).toBe('3');
  });

  it('is a template error to name a date the form does not ask, or a field that is not a date', () => {
    const nursery = structuredClone(library.templates.get('nursery-application')!) as unknown as { fields: { id: string; options?: { when?: Record<string, unknown> }[] }[] };
    const category = nursery.fields.find((f) => f.id === 'category')!;
    expect(category.options?.[0]?.when).toMatchObject({ computed: 'age', of: 'child.birthDate', on: 'startOn', fiscalYearStart: true });
    const parse = (when: Record<string, unknown>) => {
      category.options![0]!.when = when;
      const r = Template.safeParse(nursery);
      return r.success ? [] : formatIssues(r.error, nursery);
    };
    expect(parse({ computed: 'age', of: 'child.birthDate', on: 'startOn', fiscalYearStart: true, between: [3, 5] })).toEqual([]);
    expect(parse({ computed: 'age', of: 'child.brithDate', on: 'startOn', between: [3, 5] })).toEqual([expect.stringMatching(/"of" names "child\.brithDate", which is not a date field of this form/)]);
    expect(parse({ computed: 'age', of: 'child.birthDate', on: 'facility1', between: [3, 5] })).toEqual([expect.stringMatching(/"on" names "facility1", which is not a date field of this form/)]);
  });
});
