// A kiosk's and desk's request bodies to the hall as JSON in ASCII only: a single Japanese character made the whole 68 KB body of
// a submission a two-byte string, which cost the hall ~1 ms to decode and made its base64 PDF slow to read back.
// `\uXXXX` escapes are plain JSON: every reader gets the same values. Each string is written on its own and kept a
// one-byte string, so the body never becomes a two-byte one (a regex over the whole body cost the kiosk ~4 ms).

const NON_ASCII = /[\u0080-\uffff]/g;
/** What a JSON string literal cannot hold as it is: a quote, a backslash, a control or a non-ASCII character. */
const NEEDS_ESCAPE = /[^ !#-[\]-~]/;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

function stringLiteral(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  // Through latin1 and back: the escaped text is ASCII, now also stored as a one-byte string.
  return Buffer.from(JSON.stringify(text).replace(NON_ASCII, escape), 'latin1').toString('latin1');
}

/** `JSON.stringify(value)` of plain data (objects, arrays, strings, numbers, booleans, null) with every character
 * above U+007F written as a `\uXXXX` escape. */
export function wireJson(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : wireJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null && !('toJSON' in value)) {
    const members: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') members.push(`${stringLiteral(k)}:${wireJson(v)}`);
    return `{${members.join(',')}}`;
  }
  return (JSON.stringify(value) ?? 'null').replace(NON_ASCII, escape);
}
