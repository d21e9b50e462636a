// The post office's data as the npm package jquery-jpostal-ja ships it (MIT; one JSONP file per first three digits,
// made from 日本郵便's KEN_ALL and JIGYOSYO): read offline into KEN_ALL's own CSV shape, so one parser serves both.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A row: [_zip7, prefecture, city, town, 大口事業所の番地, 大口事業所の名称, prefecture kana, city kana, town kana]. */
type Row = [string, string, string, string, string, string, string, string, string];

/** The package's folder and version, or undefined when it is not installed. */
export function jpostalPackage(): { dir: string; version: string } | undefined {
  try {
    const file = createRequire(import.meta.url).resolve('jquery-jpostal-ja/package.json');
    return { dir: dirname(file), version: (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version };
  } catch {
    return undefined;
  }
}

/** One JSONP file's rows (`jQuery_jpostal_callback([...])`). */
export function jpostalRows(jsonp: string): Row[] {
  return JSON.parse(jsonp.slice(jsonp.indexOf('(') + 1, jsonp.lastIndexOf(')'))) as Row[];
}

/** A row of a place where people live, not a business's own code (大口事業所: its 番地 and name are set). */
export const isAreaRow = (r: Row): boolean => r[4] === '' && r[5] === '';

/** The rows of every town in KEN_ALL's CSV columns, leaving out a business's own code (大口事業所). */
export function kenAllCsvFromJpostal(rows: readonly Row[]): string {
  const q = (s: string) => `"${s}"`;
  return rows
    .filter(isAreaRow)
    .map((r) => [q(''), q(''), q(r[0].replace(/^_/u, '')), q(r[6]), q(r[7]), q(r[8]), q(r[1]), q(r[2]), q(r[3])].join(','))
    .join('\n');
}

/** Every row of the installed package, as KEN_ALL CSV text. */
export function kenAllCsvFromPackage(dir: string): string {
  const files = readdirSync(join(dir, 'json')).filter((f) => /^\d{3}\.json$/u.test(f)).sort();
  return files.map((f) => kenAllCsvFromJpostal(jpostalRows(readFileSync(join(dir, 'json', f), 'utf8')))).filter((s) => s !== '').join('\n');
}
