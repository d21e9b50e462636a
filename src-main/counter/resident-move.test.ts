// The 住民異動届 as a 市民課 clerk reads a 転入: the 戸籍の表示 of a Japanese national (住基法第7条), the one proof of the
// move-in, and 続柄 picked from a list so the paper says 妻 and 子 in kanji, not つま and こ.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../card-reader/personal-data';
import { bindValues } from '../forms/binding/bind';
import { checkValues } from '../forms/binding/check-values';
import { renderForm } from '../forms/engine/render';
import { loadFonts, loadLibrary } from '../forms/load';
import { relationshipText, relationshipToHead } from '../forms/model/people';
import { tickedOptions } from '../forms/test/ticked-options';
import { buildCatalogue } from './catalogue';
import { ResidentSession } from './resident-session';

const library = loadLibrary();
const catalogue = buildCatalogue(library);
const { fonts } = loadFonts();
const move = library.templates.get('resident-move')!;
const resident = new ResidentInfo({ name: '見本 花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1985-04-01', sex: '2' });

function liveWith(procedureId: string, answers: Record<string, string | boolean>): Set<string> {
  const session = new ResidentSession(catalogue.plans.get(procedureId)!, 'ja');
  for (const [k, v] of Object.entries(answers)) session.answers.set(k, v);
  return session.liveKeys();
}

const questionOf = (procedureId: string, key: string) => catalogue.plans.get(procedureId)!.questions.find((q) => q.key === key);

function issuesWith(templateId: string, answers: Record<string, string | boolean>): string[] {
  const template = library.templates.get(templateId)!;
  const values = bindValues(template, { answers, today: '2026-12-05', session: { ticketNumber: '', cityName: '', windowName: '' } });
  return checkValues(template, values, '2026-12-05').map((i) => `${i.fieldId}:${i.code}`);
}

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-move-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const moveIn = {
  'move.kind': 'in',
  movedOn: '2026-11-30',
  'move.notifier': 'self',
  phone: '0478-54-1111',
  kana: 'みほん はなこ',
  'move.newAddress': '千葉県香取市佐原イ1234番地5',
  'move.newHouseholder': 'みほん たろう',
};

describe('the 転入 asks 本籍・筆頭者 of a Japanese national', () => {
  it('asks 日本の国籍ですか on a 転入 only, never on a 転居', () => {
    expect(questionOf('moving-in', 'move.japanese')?.type).toBe('checkbox');
    expect(questionOf('moving-in', 'move.japanese')?.required).toBe(true);
    expect(liveWith('moving-in', {})).toContain('move.japanese');
    expect(questionOf('moving-within', 'move.japanese')).toBeUndefined();
    expect(liveWith('resident-move', { 'move.kind': 'within' })).not.toContain('move.japanese');
    expect(liveWith('resident-move', { 'move.kind': 'in' })).toContain('move.japanese');
  });

  it('asks 本籍 and 筆頭者 of a Japanese national, and the 国籍・在留資格 of anyone else', () => {
    const japanese = liveWith('moving-in', { 'move.japanese': true });
    expect(japanese).toContain('move.honseki');
    expect(japanese).toContain('move.hittosha');
    expect(japanese).not.toContain('move.nationality');
    const foreign = liveWith('moving-in', { 'move.japanese': false });
    expect(foreign).not.toContain('move.honseki');
    expect(foreign).not.toContain('move.hittosha');
    for (const key of ['move.nationality', 'move.residenceStatus', 'move.stayExpiry']) expect(foreign).toContain(key);
    // A 転居 keeps the 本籍 on file: neither is asked.
    expect(liveWith('moving-within', {})).not.toContain('move.honseki');
  });

  it('marks 本籍 and 筆頭者, and 国籍・在留資格, required on their screens (the rule\'s condition is the screen\'s)', () => {
    for (const key of ['move.honseki', 'move.hittosha', 'move.nationality', 'move.residenceStatus', 'move.stayExpiry']) expect([key, questionOf('moving-in', key)?.required]).toEqual([key, true]);
    // The form alone: 日本の国籍ですか and the proof are asked only on a 転入, and required there.
    for (const key of ['move.japanese', 'attach.proof']) expect([key, questionOf('resident-move', key)?.required]).toEqual([key, true]);
    expect(questionOf('resident-move', 'move.newKatagaki')?.required).toBe(false);
  });

  it('refuses a 転入 of a Japanese national without 本籍 and 筆頭者, and of a foreign national without 国籍 and 在留資格', () => {
    expect(issuesWith('resident-move', { ...moveIn, 'move.japanese': true })).toEqual(expect.arrayContaining(['honseki:required', 'hittosha:required']));
    const foreign = issuesWith('resident-move', { ...moveIn, 'move.japanese': false });
    expect(foreign).not.toContain('honseki:required');
    expect(foreign).toEqual(expect.arrayContaining(['nationality:required', 'residenceStatus:required', 'stayExpiry:required']));
  });
});

describe('how the move-in is proven', () => {
  it('is one required choice on a 転入, 転出証明書 or the My Number Card (特例転入), and not asked on a 転居', () => {
    const proof = questionOf('moving-in', 'attach.proof');
    expect(proof?.type).toBe('choice');
    expect(proof?.required).toBe(true);
    expect(proof?.options?.map((o) => o.value)).toEqual(['certificate', 'card']);
    expect(proof?.help?.ja).toContain('全員のマイナンバーカード');
    for (const old of ['attach.moveOut', 'attach.myNumberCard']) expect(questionOf('moving-in', old)).toBeUndefined();
    expect(questionOf('moving-within', 'attach.proof')).toBeUndefined();
    expect(liveWith('resident-move', { 'move.kind': 'out' })).not.toContain('attach.proof');
    expect(issuesWith('resident-move', { ...moveIn, 'move.japanese': false })).toContain('attach.proof:required');
  });

  it('prints the box of the proof chosen, and only that one', async () => {
    const field = move.fields.find((f) => f.id === 'attach.proof');
    expect(field?.type).toBe('choice');
    const options = (field as { options: { value: string; at: unknown }[] }).options;
    for (const value of ['certificate', 'card']) {
      const r = await renderForm(move, { resident, today: '2026-12-05', answers: { ...moveIn, 'move.japanese': true, 'attach.proof': value } }, fonts);
      expect(tickedOptions(r.pdf, options)).toEqual([value]);
    }
  }, 60_000);
});

describe('続柄 picked from a list', () => {
  it('offers the 続柄 of the 異動届 and of the 住民票 as a pick list with その他 typed, in seven languages', () => {
    for (const [procedureId, key] of [['moving-in', 'move.newRelationship'], ['juminhyo-request', 'relationshipToHouseholder']] as const) {
      const q = questionOf(procedureId, key)!;
      expect(q.type).toBe('text');
      expect(q.options?.map((o) => o.value)).toEqual(['本人', '妻', '夫', '子', '父', '母', '祖父', '祖母', '孫', '兄', '姉', '弟', '妹']);
      for (const o of q.options!) expect(Object.keys(o.label).sort()).toEqual(['easy', 'en', 'ja', 'ko', 'pt', 'vi', 'zh-Hans']);
      expect(Object.keys(q.typedOther ?? {}).sort()).toEqual(['easy', 'en', 'ja', 'ko', 'pt', 'vi', 'zh-Hans']);
    }
  });

  it('prints the picked 続柄 in kanji on the 異動届 and a typed one as its reading for the clerk', async () => {
    const picked = await renderForm(move, { resident, today: '2026-12-05', answers: { ...moveIn, 'move.japanese': true, 'move.newRelationship': '妻' } }, fonts);
    const text = pdfText(picked.pdf);
    expect(text).toContain('妻');
    expect(text).not.toContain('つま');
    const typed = await renderForm(move, { resident, today: '2026-12-05', answers: { ...moveIn, 'move.japanese': true, 'move.newRelationship': 'おじ' } }, fonts);
    expect(pdfText(typed.pdf)).toContain('よみ：おじ');
  }, 60_000);

  it('prints the 続柄 of each person moving with the card holder in kanji, from the same fuller list', async () => {
    const q = questionOf('moving-in', 'household.1.relationship')!;
    expect(q.options?.map((o) => o.value)).toEqual(['spouse', 'child', 'parent', 'grandparent', 'grandchild', 'elder-sibling', 'younger-sibling', 'other']);
    for (const o of q.options!) expect(Object.keys(o.label).sort()).toEqual(['easy', 'en', 'ja', 'ko', 'pt', 'vi', 'zh-Hans']);
    const pairs = [['grandparent', '1'], ['grandparent', '2'], ['grandchild', '1'], ['elder-sibling', '1'], ['elder-sibling', '2'], ['younger-sibling', '1'], ['younger-sibling', '2']];
    expect(pairs.map(([r, sex]) => relationshipText(r, sex))).toEqual(['祖父', '祖母', '孫', '兄', '姉', '弟', '妹']);
    const person = { 'household.1.relationship': 'grandparent', 'household.1.kana': 'みほん うめ', 'household.1.birthDate': '1940-01-02', 'household.1.sex': '2' };
    const r = await renderForm(move, { resident, today: '2026-12-05', answers: { ...moveIn, 'move.japanese': true, ...person } }, fonts);
    expect(pdfText(r.pdf)).toContain('祖母');
  }, 60_000);

  it('writes each person\'s 続柄 to the 世帯主, not to the card holder: the 妻 files, so her 夫 is 世帯主 and her 父 妻の父', async () => {
    // Before: rows 2–4 printed the 続柄 to whoever held the card — the head of household as 夫.
    const family = {
      'household.1.relationship': 'spouse', 'household.1.kana': 'みほん たろう', 'household.1.birthDate': '1984-02-03', 'household.1.sex': '1',
      'household.2.relationship': 'parent', 'household.2.kana': 'みほん いちろう', 'household.2.birthDate': '1950-05-05', 'household.2.sex': '1',
      'household.3.relationship': 'child', 'household.3.kana': 'みほん さくら', 'household.3.birthDate': '2021-05-01', 'household.3.sex': '2',
    };
    const answers = { ...moveIn, 'move.japanese': true, 'move.newRelationship': '妻', ...family };
    const values = bindValues(move, { answers, today: '2026-12-05', session: { ticketNumber: '', cityName: '', windowName: '' } });
    expect(['p1', 'p2', 'p3', 'p4'].map((p) => values.get(`${p}.relationship`))).toEqual(['妻', '世帯主', '妻の父', 'とどけでるひとの こ']);
    const text = pdfText((await renderForm(move, { resident, today: '2026-12-05', answers }, fonts)).pdf);
    expect(text).toContain('妻の父');
    // Her child may be the head's 子 or only hers (妻の子): the box waits for the clerk, with the reading as the hint.
    expect(text).toContain('よみ：とどけでるひとの こ');
    // The card holder heads the household (or files as 世帯主): the 続柄 to her are the 続柄 to the head.
    const asHead = bindValues(move, { answers: { ...answers, 'move.newRelationship': '本人' }, today: '2026-12-05', session: { ticketNumber: '', cityName: '', windowName: '' } });
    expect(['p2', 'p3', 'p4'].map((p) => asHead.get(`${p}.relationship`))).toEqual(['夫', '父', '子']);
  }, 60_000);

  it('derives a 続柄 to the head only where it follows for certain', () => {
    const cases: [unknown, string, string, string | undefined][] = [
      [undefined, 'spouse', '2', '妻'],
      ['世帯主', 'child', '1', '子'],
      ['夫', 'spouse', '2', '世帯主'],
      ['妻', 'grandchild', '1', '孫'],
      ['妻', 'younger-sibling', '2', '妻の妹'],
      ['夫', 'parent', '2', '夫の母'],
      ['子', 'child', '2', '孫'],
      ['子', 'spouse', '2', '子の妻'],
      ['子', 'parent', '1', 'とどけでるひとの ちち'],
      ['子', 'elder-sibling', '1', 'とどけでるひとの あに'],
      ['父', 'spouse', '2', 'とどけでるひとの つま'],
      ['妻', 'other', '1', undefined],
    ];
    expect(cases.map(([head, r, sex]) => relationshipToHead(head, r, sex))).toEqual(cases.map((c) => c[3]));
  });
});
