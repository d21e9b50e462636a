// The city's own list of 町字 (templates/city/addresses.json, kept by IT staff and regenerated from 日本郵便's
// KEN_ALL): the kiosk's address picker offers it, so a new address in the city is answered in kanji.
import { z } from 'zod';
import { loadCityFile, templatesDir } from '../load';

const hiragana = z.string().regex(/^[\u3041-\u3096ー]+$/u, 'a reading in hiragana');

export const CityArea = z.strictObject({
  name: z.string().min(1).max(40).meta({ description: '町字 as printed after the city: 佐原イ, 小見川, 岩ケ崎台.' }),
  reading: hiragana.meta({ description: 'Its reading in hiragana: the kiosk sorts and groups by the first kana.' }),
  postalCode: z.string().regex(/^\d{3}-\d{4}$/, 'a postal code like 287-0003'),
});
export type CityArea = z.infer<typeof CityArea>;

export const CityAddresses = z
  .strictObject({
    $schema: z.string().optional(),
    source: z.string().min(1).meta({ description: 'Where the list comes from and when it was last checked against KEN_ALL.' }),
    prefecture: z.string().regex(/^.+[都道府県]$/u, 'a prefecture like 千葉県'),
    city: z.string().min(1),
    areas: z.array(CityArea).min(1),
  })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.areas.forEach((a, i) => {
      const key = `${a.name} ${a.postalCode}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `${a.name} (${a.postalCode}) is listed twice`, path: ['areas', i, 'name'] });
      seen.add(key);
    });
  })
  .meta({ id: 'CityAddresses', description: "The city's 町字 with reading and postal code, for the kiosk's address picker." });
export type CityAddresses = z.infer<typeof CityAddresses>;

/**
 * templates/city/addresses.json, validated. Absent: the kiosk asks addresses by their reading (the clerk writes the
 * kanji). Broken: the same, with one line per problem naming the file and the path of the bad entry.
 */
export function loadCityAddresses(dir = templatesDir): { list?: CityAddresses; problems: string[] } {
  const { data, problems } = loadCityFile(dir, 'addresses.json', CityAddresses);
  return data ? { list: data, problems } : { problems };
}
