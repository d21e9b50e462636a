// Fills the four added screen languages (zh-Hans, ko, vi, pt) into every localized text of the shipped templates,
// bundles and city data, from the catalogues in templates/translations/<lang>.json (English text → translation).
// The files keep their hand formatting: each missing member is inserted right after the object's "en" member, and
// nothing else changes. A text with no translation is listed and left as it is (exit 1), never filled from English.
//   npm run templates:translate            fill and write
//   npm run templates:translate -- --check  only report what is missing (exit 1 when anything is)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_LANGUAGES, type AddedLanguage } from './model/localized';

const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const translationsDir = join(repo, 'templates', 'translations');

export type Catalogues = Record<AddedLanguage, Record<string, string>>;

export function loadCatalogues(dir = translationsDir): Catalogues {
  return Object.fromEntries(ADDED_LANGUAGES.map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>])) as Catalogues;
}

/** One localized object of a file: where its "en" value ends, its English text and which added languages it lacks. */
type Found = { enEnd: number; en: string; missing: AddedLanguage[]; multiline: string | null };

/** A small JSON scanner that keeps offsets: finds every object with string members ja and en. */
function localizedObjects(text: string): Found[] {
  const found: Found[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void str();
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  const object = (): void => {
    i++;
    const members = new Map<string, { end: number; text?: string }>();
    let enIndent: string | null = null;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      const key = str();
      ws();
      i++; // ':'
      ws();
      const isString = text[i] === '"';
      const start = i;
      if (isString) {
        const v = str();
        members.set(key, { end: i, text: v });
      } else {
        value();
        members.set(key, { end: i });
      }
      if (key === 'en') {
        const lineStart = text.lastIndexOf('\n', start) + 1;
        const before = text.slice(lineStart, text.indexOf('"en"', lineStart) === -1 ? lineStart : text.indexOf('"en"', lineStart));
        enIndent = /^\s*$/.test(before) ? before : null;
      }
      ws();
      if (text[i++] === '}') break;
    }
    const ja = members.get('ja');
    const en = members.get('en');
    if (ja?.text !== undefined && en?.text !== undefined) {
      const missing = ADDED_LANGUAGES.filter((l) => !members.has(l));
      if (missing.length > 0) found.push({ enEnd: en.end, en: en.text, missing, multiline: enIndent });
    }
  };
  value();
  return found;
}

/** The file with the missing languages inserted, and the English texts no catalogue has. */
export function translateText(text: string, catalogues: Catalogues): { text: string; untranslated: string[] } {
  const untranslated = new Set<string>();
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const f of localizedObjects(text).reverse()) {
    const members = f.missing.flatMap((l) => {
      const t = catalogues[l][f.en];
      if (t === undefined) untranslated.add(`${l}: ${f.en}`);
      return t === undefined ? [] : [`${JSON.stringify(l)}: ${JSON.stringify(t)}`];
    });
    if (members.length === 0) continue;
    const insert = f.multiline !== null ? members.map((m) => `,\n${f.multiline}${m}`).join('') : members.map((m) => `, ${m}`).join('');
    out = out.slice(0, f.enEnd) + insert + out.slice(f.enEnd);
  }
  return { text: out, untranslated: [...untranslated] };
}

/** The shipped files that carry texts for the kiosk. */
export function translatableFiles(templatesDir = join(repo, 'templates')): string[] {
  const inDir = (dir: string) => readdirSync(join(templatesDir, dir), { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(templatesDir, dir, e.name));
  return [...inDir('.').filter((f) => !f.endsWith('fonts.json')), ...inDir('bundles'), ...inDir('examples'), ...inDir('city')].sort();
}

function main(): void {
  const check = process.argv.includes('--check');
  const catalogues = loadCatalogues();
  let missing = 0;
  for (const file of translatableFiles()) {
    const before = readFileSync(file, 'utf8');
    const { text, untranslated } = translateText(before, catalogues);
    JSON.parse(text);
    for (const u of untranslated) console.log(`${relative(repo, file)}: no translation for ${u}`);
    missing += untranslated.length;
    if (!check && text !== before) {
      writeFileSync(file, text);
      console.log(`filled ${relative(repo, file)}`);
    }
  }
  if (missing > 0) {
    console.log(`${missing} text(s) without a translation: add them to templates/translations/<lang>.json`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
