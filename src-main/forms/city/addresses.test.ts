import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CityAddresses, loadCityAddresses } from './addresses';
import { addressesFromKenAll, toHiraganaReading } from './ken-all';
import { jpostalPackage, jpostalRows, kenAllCsvFromJpostal, kenAllCsvFromPackage } from './jpostal';
import { writeCityAddresses, writeCityAddressesFromPackage } from './write-addresses';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function templatesWith(addresses: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-city-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'city'));
  writeFileSync(join(dir, 'city', 'addresses.json'), addresses);
  return dir;
}
const good = { source: 'test', prefecture: '千葉県', city: '香取市', areas: [{ name: '佐原イ', reading: 'さわらい', postalCode: '287-0003' }] };
const fixtureCsv = join(import.meta.dirname, 'fixtures', 'ken-all-sample.csv');

describe("the city's address list", () => {
  it('ships for 香取市 with 佐原イ and marks where it comes from', () => {
    const { list, problems } = loadCityAddresses();
    expect(problems).toEqual([]);
    expect(list?.city).toBe('香取市');
    expect(list?.source).toMatch(/KEN_ALL/);
    expect(list?.areas).toContainEqual(expect.objectContaining({ name: '佐原イ', reading: 'さわらい' }));
  });

  it('is refused when an entry is malformed, naming the file and the path of the bad entry', () => {
    const bad = { ...good, areas: [...good.areas, { name: '佐原ロ', reading: 'サワラロ', postalCode: '2870003' }] };
    const { list, problems } = loadCityAddresses(templatesWith(JSON.stringify(bad)));
    expect(list).toBeUndefined();
    expect(problems).toContainEqual(expect.stringMatching(/city\/addresses\.json: areas\[1\]\.reading: a reading in hiragana/));
    expect(problems).toContainEqual(expect.stringMatching(/city\/addresses\.json: areas\[1\]\.postalCode: a postal code like 287-0003/));
  });

  it('is refused when a 町字 is listed twice, or the file is not JSON', () => {
    const twice = loadCityAddresses(templatesWith(JSON.stringify({ ...good, areas: [...good.areas, ...good.areas] })));
    expect(twice.problems).toEqual([expect.stringMatching(/areas\[1\]\.name: 佐原イ \(287-0003\) is listed twice/)]);
    expect(loadCityAddresses(templatesWith('{ nope')).problems[0]).toMatch(/addresses\.json: not valid JSON/);
  });
});

describe('npm run city:addresses (KEN_ALL → the list)', () => {
  it('reads half-width katakana readings as hiragana', () => {
    expect(toHiraganaReading('ｲﾜｶﾞｻｷﾀﾞｲ')).toBe('いわがさきだい');
  });

  it("writes the city's 町字 from a Shift_JIS KEN_ALL, leaving out other cities, notes and 以下に掲載がない場合", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-city-'));
    dirs.push(dir);
    const out = join(dir, 'addresses.json');
    expect(writeCityAddresses(fixtureCsv, { city: '香取市', out, today: '2026-12-05' })).toBe(4);
    const list = CityAddresses.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(list.prefecture).toBe('千葉県');
    expect(list.source).toBe('日本郵便 郵便番号データ ken-all-sample.csv (2026-12-05)');
    expect(list.areas).toEqual([
      { name: '岩ケ崎台', reading: 'いわがさきだい', postalCode: '287-0006' },
      { name: '小見川', reading: 'おみがわ', postalCode: '289-0313' },
      { name: '佐原イ', reading: 'さわらい', postalCode: '287-0003' },
      { name: '佐原ロ', reading: 'さわらろ', postalCode: '287-0003' },
    ]);
  });

  it('refuses a CSV without the city', () => {
    expect(() => addressesFromKenAll('12211,"286  ","2860033","ﾁﾊﾞｹﾝ","ﾅﾘﾀｼ","ﾊﾅｻｷﾁｮｳ","千葉県","成田市","花崎町",0,0,0,0,0,0', { city: '香取市', source: 's' })).toThrow(/no town of 香取市/);
  });
});

describe("the postal data package (jquery-jpostal-ja, offline)", () => {
  const pkg = jpostalPackage();

  it('is installed, and the shipped list is exactly what it gives for 香取市: every 町字, its reading and its postal code', () => {
    expect(pkg).toBeDefined();
    const shipped = loadCityAddresses().list!;
    const fromPackage = addressesFromKenAll(kenAllCsvFromPackage(pkg!.dir), { city: '香取市', source: shipped.source });
    expect(shipped.areas).toEqual(fromPackage.areas);
    expect(shipped.source).toContain(`jquery-jpostal-ja ${pkg!.version}`);
    // The post office's own rows, as a clerk would check them on a 転入 to 香取市.
    expect(shipped.areas).toContainEqual({ name: '佐原イ', reading: 'さわらい', postalCode: '287-0003' });
    expect(shipped.areas).toContainEqual({ name: '佐原ロ', reading: 'さわらろ', postalCode: '287-0001' });
    expect(shipped.areas).toContainEqual({ name: '岩ケ崎台', reading: 'いわがさきだい', postalCode: '287-0004' });
  });

  it("leaves out a business's own code (大口事業所) and 以下に掲載がない場合", () => {
    const rows = jpostalRows(
      'jQuery_jpostal_callback([["_2870000","千葉県","香取市","","","","ﾁﾊﾞｹﾝ","ｶﾄﾘｼ",""],["_2870003","千葉県","香取市","佐原イ","","","ﾁﾊﾞｹﾝ","ｶﾄﾘｼ","ｻﾜﾗｲ"],["_2878501","千葉県","香取市","佐原","ロ２１２７","香取市役所","ﾁﾊﾞｹﾝ","ｶﾄﾘｼ",""]])',
    );
    expect(addressesFromKenAll(kenAllCsvFromJpostal(rows), { city: '香取市', source: 's' }).areas).toEqual([{ name: '佐原イ', reading: 'さわらい', postalCode: '287-0003' }]);
  });

  it('npm run city:addresses without a CSV writes the list from the package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-city-'));
    dirs.push(dir);
    const out = join(dir, 'addresses.json');
    expect(writeCityAddressesFromPackage({ city: '香取市', out, today: '2026-12-05' })).toBe(loadCityAddresses().list!.areas.length);
    expect(CityAddresses.parse(JSON.parse(readFileSync(out, 'utf8'))).source).toMatch(/^日本郵便 郵便番号データ（KEN_ALL 由来、npm jquery-jpostal-ja /);
  });
});
