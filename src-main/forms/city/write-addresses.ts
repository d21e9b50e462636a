// npm run city:addresses -- [KEN_ALL.CSV] [--city 香取市] [--out file]: regenerates templates/city/addresses.json
// from 日本郵便's CSV (Shift_JIS as downloaded, or UTF-8), or without one from the postal data package installed with
// Kakanai (jquery-jpostal-ja, offline), so IT staff can follow the post office's updates.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CityAddresses } from './addresses';
import { addressesFromKenAll } from './ken-all';
import { jpostalPackage, kenAllCsvFromPackage } from './jpostal';
import { templatesDir } from '../load';

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

export function writeCityAddresses(csvPath: string, options: { city: string; out: string; today: string }): number {
  const source = `日本郵便 郵便番号データ ${basename(csvPath)} (${options.today})`;
  const list = CityAddresses.parse(addressesFromKenAll(decode(readFileSync(csvPath)), { city: options.city, source }));
  writeFileSync(options.out, `${JSON.stringify(list, null, 2)}\n`);
  return list.areas.length;
}

/** The same from the installed postal data package. */
export function writeCityAddressesFromPackage(options: { city: string; out: string; today: string }): number {
  const pkg = jpostalPackage();
  if (!pkg) throw new Error('the postal data package jquery-jpostal-ja is not installed (npm install)');
  const source = `日本郵便 郵便番号データ（KEN_ALL 由来、npm jquery-jpostal-ja ${pkg.version}）(${options.today})`;
  const list = CityAddresses.parse(addressesFromKenAll(kenAllCsvFromPackage(pkg.dir), { city: options.city, source }));
  writeFileSync(options.out, `${JSON.stringify(list, null, 2)}\n`);
  return list.areas.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const city = option('--city') ?? '香取市';
  const out = option('--out') ?? join(templatesDir, 'city', 'addresses.json');
  const csv = args[0];
  const today = new Date().toISOString().slice(0, 10);
  const n = csv ? writeCityAddresses(csv, { city, out, today }) : writeCityAddressesFromPackage({ city, out, today });
  console.log(`${out}: ${n} 町字 of ${city}`);
}
