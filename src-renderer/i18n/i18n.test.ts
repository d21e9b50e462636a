import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src-main/contract/kiosk';
import { cardErrorKey, markedParts, message, messages, plainText } from './index';
import { ja } from './ja';

const referenceKeys = Object.keys(ja).sort();

describe('interface words', () => {
  it.each(LANGUAGES)('%s has exactly the keys of the Japanese reference, none empty', (language) => {
    const table = messages[language];
    expect(Object.keys(table).sort()).toEqual(referenceKeys);
    for (const key of referenceKeys) expect(table[key as keyof typeof ja].trim(), `${language} ${key}`).not.toBe('');
  });

  it.each(LANGUAGES)('%s keeps the same {slots} as Japanese in every message', (language) => {
    for (const key of referenceKeys) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(messages[language][key as keyof typeof ja]), `${language} ${key}`).toEqual(slots(ja[key as keyof typeof ja]));
    }
  });

  it('やさしい日本語 puts furigana on every kanji', () => {
    for (const [key, text] of Object.entries(messages.easy)) {
      const outsideRuby = markedParts(text).filter((p) => p.reading === undefined).map((p) => p.text).join('');
      expect(outsideRuby, key).not.toMatch(/\p{Script=Han}/u);
      for (const p of markedParts(text)) if (p.reading !== undefined) expect(p.reading, key).toMatch(/^[\u3041-\u309F]+$/u);
    }
  });

  it('fills slots and strips furigana for attributes', () => {
    expect(message('en', 'pin.triesLeft', { n: 2 })).toBe('2 tries left');
    expect(plainText(message('easy', 'pin.triesLeft', { n: 3 }))).toBe('あと 3回 入れられます');
    expect(markedParts('[字|じ]を [大|おお]きく')).toEqual([{ text: '字', reading: 'じ' }, { text: 'を ' }, { text: '大', reading: 'おお' }, { text: 'きく' }]);
  });

  it('words a card error by its kind, never by a thrown message', () => {
    expect(cardErrorKey('CardRemoved')).toBe('cardError.removed');
    expect(cardErrorKey('NotMyNumberCard')).toBe('cardError.notMyNumber');
    expect(cardErrorKey('MalformedData')).toBe('cardError.damaged');
  });
});
