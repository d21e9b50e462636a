// Every text a resident reads comes in the seven screen languages, from the shipped files themselves (the printed
// form stays Japanese): a text left in English under a Korean heading fails here, before any kiosk shows it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary, repoRoot, templatesDir } from './load';
import { ADDED_LANGUAGES } from './model/localized';
import { LocalizedText, missingLanguages } from './model/localized';
import { loadCatalogues, translatableFiles, translateText } from './translate-templates';

/** Words spelt the same in English and in that language. */
const SAME_AS_ENGLISH = new Set(['pt: Hospital']);

function localizedTexts(value: unknown, out: Record<string, string>[] = []): Record<string, string>[] {
  if (Array.isArray(value)) value.forEach((v) => localizedTexts(v, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['ja'] === 'string' && typeof record['en'] === 'string') out.push(record as Record<string, string>);
    else Object.values(record).forEach((v) => localizedTexts(v, out));
  }
  return out;
}

describe('the shipped texts in seven languages', () => {
  it.each(translatableFiles().map((f) => [relative(repoRoot, f), f] as const))('%s has every text in ja, easy, en, zh-Hans, ko, vi and pt', (_name, file) => {
    const texts = localizedTexts(JSON.parse(readFileSync(file, 'utf8')));
    const lacking = texts.flatMap((t) => (LocalizedText.safeParse(t).success ? [] : [`${t['en']}: ${ADDED_LANGUAGES.filter((l) => !t[l]).join(', ')}`]));
    expect(lacking).toEqual([]);
    // A translation that only repeats the English is not one.
    const copied = texts.flatMap((t) => ADDED_LANGUAGES.filter((l) => t[l] === t['en']).map((l) => `${l}: ${t['en']}`)).filter((c) => !SAME_AS_ENGLISH.has(c));
    expect(copied).toEqual([]);
  });

  it('the translate script has nothing left to fill, and inserts after "en" without touching anything else', () => {
    const catalogues = loadCatalogues();
    for (const file of translatableFiles()) expect(translateText(readFileSync(file, 'utf8'), catalogues).untranslated).toEqual([]);
    const text = '{\n  "title": {"ja": "申請日", "easy": "しんせいび", "en": "Date of application"},\n  "x": 1\n}\n';
    const { text: filled } = translateText(text, catalogues);
    expect(filled).toBe('{\n  "title": {"ja": "申請日", "easy": "しんせいび", "en": "Date of application", "zh-Hans": "申请日期", "ko": "신청일", "vi": "Ngày nộp đơn", "pt": "Data do pedido"},\n  "x": 1\n}\n');
    expect(translateText('{"t": {"ja": "未知", "easy": "みち", "en": "Unknown text"}}', catalogues).untranslated).toEqual(['zh-Hans: Unknown text', 'ko: Unknown text', 'vi: Unknown text', 'pt: Unknown text']);
  });

  it('the library loads every shipped form and bundle with the seven languages', () => {
    const library = loadLibrary();
    expect(library.broken).toEqual([]);
    for (const t of library.templates.values()) expect(Object.keys(t.title).sort()).toEqual(['easy', 'en', 'ja', 'ko', 'pt', 'vi', 'zh-Hans']);
  });

  it('refuses a template file that lacks one language in one text, naming the field and the language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-languages-'));
    try {
      cpSync(templatesDir, dir, { recursive: true });
      const file = join(dir, 'juminhyo-request.json');
      const template = JSON.parse(readFileSync(file, 'utf8')) as { fields: { id: string; label: Record<string, string> }[] };
      delete template.fields.find((f) => f.id === 'purpose')!.label['ko'];
      writeFileSync(file, JSON.stringify(template));
      const library = loadLibrary(dir);
      expect(library.templates.has('juminhyo-request')).toBe(false);
      expect(library.broken).toEqual([
        { file: expect.stringContaining('juminhyo-request.json'), problems: [expect.stringMatching(/^fields\[\d+\] \(id "purpose"\)\.label: missing the ko text/)] },
      ]);
      expect(library.templates.size).toBe(loadLibrary().templates.size - 1); // the others stay
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(missingLanguages({ title: { ja: '申請日', easy: 'ひ', en: 'Date', 'zh-Hans': '日期', ko: '날짜', vi: 'Ngày' } })).toEqual(['title: missing the pt text (every text needs ja, easy, en, zh-Hans, ko, vi and pt)']);
  });

  it('explains every term of the counter\'s jargon where the resident meets it, in one line', () => {
    const jargon: Record<string, string[]> = {
      'juminhyo-request': ['copies.all', 'copies.some', 'copies.removed', 'copies.certificate', 'include.householder', 'include.honseki', 'include.code', 'include.myNumber', 'subject.relationship'],
      'resident-move': ['newKatagaki', 'attach.proof', 'honseki', 'hittosha', 'newRelationship'],
      'jido-teate-nintei': ['account.method'],
      'nursery-application': ['category', 'hours'],
      'care-certification': ['kind', 'disease'],
      'care-card-reissue': ['reissue.burden', 'reissue.limit'],
      'pregnancy-notification': ['parity'],
      'disaster-certificate': ['building'],
    };
    const library = loadLibrary();
    const unexplained = Object.entries(jargon).flatMap(([id, fields]) =>
      fields.filter((f) => {
        const help = library.templates.get(id)?.fields.find((x) => x.id === f)?.help;
        return !help || missingLanguages(help).length > 0 || help.ja.length > 90;
      }).map((f) => `${id} ${f}`),
    );
    expect(unexplained).toEqual([]);
  });
});
