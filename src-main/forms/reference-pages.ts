// The inputs behind the committed reference page images, and how pages become PNGs. Used by templates.test.ts
// and by write-reference-pages.ts, which regenerates the images deliberately after an intended layout change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import type { AnswerValue, FormData } from './binding/bind';

export const referenceDir = join(import.meta.dirname, 'reference-pages');

/** Answers for every answer key the committed templates use; each form picks what it needs. */
export const sampleAnswers: Record<string, AnswerValue> = {
  kana: 'よしだ たかさき はなこ',
  phone: '0478-12-3456',
  postalCode: '2878501',
  occupation: '会社員',
  pension: 'employees',
  who: 'self',
  householder: '𠮷田 一郎',
  relationshipToHouseholder: '妻',
  'juminhyo.relation': 'self',
  'juminhyo.householder': true,
  'copies.all': 2,
  // The household, entered once: the spouse and two children (the second lives apart). `name` in kanji stands for
  // what the clerk writes at the desk; the kiosk itself asks only the reading.
  'household.1.relationship': 'spouse',
  'household.1.kana': 'よしだ いちろう',
  'household.1.name': '𠮷田 一郎',
  'household.1.birthDate': '1987-07-07',
  'household.1.sex': '1',
  'household.1.myNumber': '987654321098',
  'household.1.occupation': '自営業',
  'household.1.living': 'together',
  'household.2.relationship': 'child',
  'household.2.kana': 'よしだ さくら',
  'household.2.name': '𠮷田 さくら',
  'household.2.birthDate': '2019-05-01',
  'household.2.sex': '2',
  'household.2.living': 'together',
  'household.3.relationship': 'child',
  'household.3.kana': 'よしだ たかし',
  'household.3.name': '𠮷田 髙志',
  'household.3.birthDate': '2022-03-10',
  'household.3.sex': '1',
  'household.3.living': 'apart',
  'household.3.myNumber': '111122223333',
  'household.2.myNumber': '222233334444',
  'account.method': 'bank',
  'account.bank': '香取信用金庫',
  'account.branch': '佐原支店',
  'account.kind': 'ordinary',
  'account.number': '1234567',
  'account.holderKana': 'ヨシダ ハナコ',
};

export function referenceData(): FormData {
  return {
    resident: new ResidentInfo({
      name: '𠮷田 髙﨑 花子',
      address: '千葉県香取市佐原イ１２３４番地５　香取ハイツ南棟１０２号室（見本ビル管理組合気付）',
      birthDate: '1989-01-08',
      sex: '2',
    }),
    myNumber: new MyNumber('123456789018'),
    answers: sampleAnswers,
    today: '2025-04-01',
    session: { ticketNumber: 'A-012', cityName: '香取市' },
  };
}

/** Each page of the PDF as PNG bytes, rendered by poppler's pdftoppm at the given resolution. */
export function rasterize(pdf: Uint8Array, dpi = 50): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-pages-'));
  try {
    writeFileSync(join(dir, 'form.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'form.pdf'), join(dir, 'page')], { timeout: 60_000 });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type PdfWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number; page: number };

/** The words of the PDF in poppler's reading order, with their boxes in points from the page's top-left corner. */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-words-'));
  try {
    writeFileSync(join(dir, 'form.pdf'), pdf);
    const html = execFileSync('pdftotext', ['-bbox', join(dir, 'form.pdf'), '-'], { encoding: 'utf8', timeout: 60_000 });
    const words: PdfWord[] = [];
    let page = 0;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m) words.push({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: unescapeHtml(m[5]!), page });
    }
    return words;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
