// A captured signature rides in a form's sealed values as base64 text, so the desk can render the form again (a
// correction, the 職員記入欄) with the resident's signature instead of refusing a signed form.
import type { FieldValues } from './store';

const PNG_PREFIX = 'image/png;base64,';
/** Set on every form the kiosk queues since signatures are kept: a form without it was queued before. */
export const IMAGES_KEPT_KEY = 'form:imagesKept';

export function encodeImageValue(bytes: Uint8Array): string {
  return PNG_PREFIX + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The image of a stored value; undefined for anything that is not one. */
export function decodeImageValue(value: string | boolean | undefined): Uint8Array | undefined {
  if (typeof value !== 'string' || !value.startsWith(PNG_PREFIX)) return undefined;
  return new Uint8Array(Buffer.from(value.slice(PNG_PREFIX.length), 'base64'));
}

export function imagesKept(values: FieldValues): boolean {
  return values[IMAGES_KEPT_KEY] === true;
}
