// The hall's request and answer bodies as JSON in ASCII only: a single Japanese character made the whole 68 KB body of
// a submission a two-byte string, which cost the hall ~1 ms to decode and made its base64 PDF slow to read back.
// `\uXXXX` escapes are plain JSON: every reader gets the same values.

const NON_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify(value)` with every character above U+007F written as a `\uXXXX` escape. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escape);
}
