import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, eras, formatSeireki, formatWareki, isIsoDate, toWareki } from './wareki';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('和暦', () => {
  it.each([
    ['1868-10-22', undefined],
    ['1868-10-23', '明治元年10月23日'],
    ['1868-12-31', '明治元年12月31日'],
    ['1869-01-01', '明治2年1月1日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-12-31', '大正元年12月31日'],
    ['1913-01-01', '大正2年1月1日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1926-12-31', '昭和元年12月31日'],
    ['1927-01-01', '昭和2年1月1日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1990-01-01', '平成2年1月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-12-31', '令和元年12月31日'],
    ['2020-01-01', '令和2年1月1日'],
    ['2025-04-01', '令和7年4月1日'],
  ])('%s is %s', (iso, expected) => {
    expect(formatWareki(iso)).toBe(expected);
  });

  it('changes era exactly on each first day, for every day in the year around it', () => {
    for (const era of eras) {
      for (let offset = -366; offset <= 366; offset++) {
        const day = addDays(era.firstDay, offset);
        const w = toWareki(day);
        if (offset < 0) expect(w?.era.name).not.toBe(era.name);
        else {
          expect(w?.era.name).toBe(era.name);
          const sameGregorianYear = day.slice(0, 4) === era.firstDay.slice(0, 4);
          expect(w?.year === 1).toBe(sameGregorianYear);
        }
      }
    }
  });

  it('maps every day from 明治 on to an era whose first day is not after it, and never the wrong one', () => {
    const days = fc.integer({ min: 0, max: 365 * 200 }).map((n) => addDays('1868-10-23', n));
    fc.assert(
      fc.property(days, (day) => {
        const w = toWareki(day)!;
        expect(day >= w.era.firstDay).toBe(true);
        const newer = eras[eras.indexOf(w.era) - 1];
        if (newer) expect(day < newer.firstDay).toBe(true);
        expect(w.year).toBe(Number(day.slice(0, 4)) - Number(w.era.firstDay.slice(0, 4)) + 1);
      }),
    );
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '20240401', '1900-02-29']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(formatWareki(bad)).toBeUndefined();
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(formatSeireki('2024-02-29')).toBe('2024年2月29日');
  });
});

describe('age', () => {
  it.each([
    ['1990-04-01', '2025-03-31', 34],
    ['1990-04-01', '2025-04-01', 35],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
    ['2000-02-29', '2024-02-29', 24],
    ['2025-04-01', '2025-04-01', 0],
  ])('born %s is %s years old on %s', (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });
});
