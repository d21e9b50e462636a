// An address anywhere in Japan by its postal code, offline, from the installed postal data package: the kiosk's
// address picker offers the towns of a code so an address outside the city prints in kanji too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAreaRow, jpostalPackage, jpostalRows } from './jpostal';
import { townOf } from './ken-all';

export interface PostalTown {
  prefecture: string;
  city: string;
  /** The 町域 as printed after the city; empty when the code covers the whole city without naming a town. */
  town: string;
  /** The town's reading in hiragana (empty with the town). */
  reading: string;
}

export class PostalLookup {
  private readonly files = new Map<string, ReturnType<typeof jpostalRows>>();

  private constructor(private readonly dir: string) {}

  /** undefined when the package is not installed: the kiosk then offers no lookup. */
  static installed(): PostalLookup | undefined {
    const pkg = jpostalPackage();
    return pkg && new PostalLookup(pkg.dir);
  }

  /** The towns of a 7-digit code (123-4567 or 1234567); a business's own code (大口事業所) gives none. */
  towns(postalCode: string): PostalTown[] {
    const digits = postalCode.replace('-', '');
    if (!/^\d{7}$/u.test(digits)) return [];
    const rows = this.file(digits.slice(0, 3)).filter((r) => r[0] === `_${digits}` && isAreaRow(r));
    const out: PostalTown[] = [];
    for (const r of rows) {
      const named = townOf(r[3], r[8]);
      const item = { prefecture: r[1], city: r[2], town: named?.name ?? '', reading: named?.reading ?? '' };
      if (!out.some((o) => o.prefecture === item.prefecture && o.city === item.city && o.town === item.town)) out.push(item);
    }
    return out;
  }

  private file(first3: string): ReturnType<typeof jpostalRows> {
    let rows = this.files.get(first3);
    if (!rows) {
      try {
        rows = jpostalRows(readFileSync(join(this.dir, 'json', `${first3}.json`), 'utf8'));
      } catch {
        rows = []; // no such first three digits
      }
      // A kiosk looks up a few codes a day: keep the last few files, not the country.
      if (this.files.size >= 16) this.files.delete(this.files.keys().next().value!);
      this.files.set(first3, rows);
    }
    return rows;
  }
}
