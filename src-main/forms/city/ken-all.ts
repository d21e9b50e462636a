// 日本郵便's KEN_ALL.CSV (free to use) → the city's address list. Pure: the CSV's text in, the list out.
import type { CityAddresses, CityArea } from './addresses';

/** One CSV line's quoted and bare cells (KEN_ALL quotes text cells and never puts a quote inside one). */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/u, '$1'));
}

/** Half-width katakana → full-width (NFKC), then katakana → hiragana: the readings the kiosk groups by. */
export function toHiraganaReading(kana: string): string {
  return kana.normalize('NFKC').replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** A town name without KEN_ALL's notes in brackets (（１～３丁目）, （次のビルを除く）…). */
const withoutNotes = (s: string) => s.replace(/[（(].*$/u, '');

/**
 * The 町域 of a row as printed after the city, with its reading in hiragana; undefined for a row that names no town
 * (empty, 「以下に掲載がない場合」, a city-wide 「…一円」).
 */
export function townOf(town: string, townKana: string): { name: string; reading: string } | undefined {
  if (town === '' || town === '以下に掲載がない場合' || town.endsWith('一円')) return undefined;
  return { name: withoutNotes(town).normalize('NFKC'), reading: toHiraganaReading(withoutNotes(townKana)) };
}

/**
 * The 町字 of one city from KEN_ALL rows: a town split over several rows (an unclosed bracket) is joined first,
 * "以下に掲載がない場合" and the city-wide "…一円" rows are left out, duplicates (one town, one code) kept once.
 */
export function addressesFromKenAll(csv: string, wanted: { city: string; source: string }): CityAddresses {
  const rows = csv.split(/\r?\n/u).filter((l) => l.trim() !== '').map(cells);
  const joined: string[][] = [];
  for (const row of rows) {
    const prev = joined.at(-1);
    const open = (t: string) => (t.match(/[（(]/gu)?.length ?? 0) > (t.match(/[）)]/gu)?.length ?? 0);
    if (prev && open(prev[8] ?? '') && prev[2] === row[2]) {
      prev[8] += row[8] ?? '';
      prev[5] += row[5] ?? '';
    } else joined.push([...row]);
  }
  let prefecture = '';
  const areas: CityArea[] = [];
  const seen = new Set<string>();
  for (const r of joined) {
    const [, , code = '', , , townKana = '', pref = '', city = '', town = ''] = r;
    const named = city === wanted.city ? townOf(town, townKana) : undefined;
    if (!named) continue;
    prefecture = pref;
    const { name, reading } = named;
    const postalCode = `${code.slice(0, 3)}-${code.slice(3)}`;
    if (name === '' || seen.has(`${name} ${postalCode}`)) continue;
    seen.add(`${name} ${postalCode}`);
    areas.push({ name, reading, postalCode });
  }
  if (areas.length === 0) throw new Error(`no town of ${wanted.city} in the CSV`);
  areas.sort((a, b) => a.reading.localeCompare(b.reading, 'ja') || a.postalCode.localeCompare(b.postalCode));
  return { source: wanted.source, prefecture, city: wanted.city, areas };
}
