// The kiosk's keyboards type kana, Latin letters and digits, never kanji: a value with no kanji in a field that needs
// kanji is a reading the resident typed, to be written in kanji by a clerk. A value read from the card (its address,
// its name) carries kanji and prints as it is.
const KANJI = /\p{Script=Han}/u;

export function isReadingOnly(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !KANJI.test(value);
}
