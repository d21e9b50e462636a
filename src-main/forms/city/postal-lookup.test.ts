import { expect, it } from 'vitest';
import { PostalLookup } from './postal-lookup';

const lookup = PostalLookup.installed();

it('finds the towns of a postal code anywhere in Japan, offline, with their readings', () => {
  expect(lookup).toBeDefined();
  expect(lookup!.towns('100-0005')).toEqual([{ prefecture: '東京都', city: '千代田区', town: '丸の内', reading: 'まるのうち' }]);
  expect(lookup!.towns('2860033')).toEqual([{ prefecture: '千葉県', city: '成田市', town: '花崎町', reading: 'はなざきちょう' }]);
  expect(lookup!.towns('287-0003')).toEqual([{ prefecture: '千葉県', city: '香取市', town: '佐原イ', reading: 'さわらい' }]);
});

it('gives a whole-city code with no town, and nothing for a business code, an unknown code or a malformed one', () => {
  expect(lookup!.towns('286-0000')).toEqual([{ prefecture: '千葉県', city: '成田市', town: '', reading: '' }]);
  expect(lookup!.towns('287-8501')).toEqual([]); // 香取市役所's own code
  expect(lookup!.towns('000-0000')).toEqual([]);
  expect(lookup!.towns('28700')).toEqual([]);
  expect(lookup!.towns('../../x')).toEqual([]);
});
