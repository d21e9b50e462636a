// BER-TLV as the My Number Card uses it: tags of one or more bytes, lengths short or 81/82/83 long form.
// Decoding never throws: it returns a value or null, so parsers above it can map damage to a typed error.

export interface Tlv {
  tag: number;
  constructed: boolean;
  value: Uint8Array;
  /** Offset just past this TLV in the buffer it was read from. */
  end: number;
}

/** Reads one TLV at `offset`. Null when the bytes there are not a complete TLV. */
export function readTlv(buf: Uint8Array, offset = 0): Tlv | null {
  let p = offset;
  if (p >= buf.length) return null;
  const first = buf[p++]!;
  const constructed = (first & 0x20) !== 0;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Subsequent tag bytes: high bit set means more follow. Tags longer than 3 bytes do not occur here.
    for (let i = 0; ; i++) {
      if (p >= buf.length || i >= 3) return null;
      const b = buf[p++]!;
      tag = tag * 256 + b;
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= buf.length) return null;
  let length = buf[p++]!;
  if (length === 0x80) return null; // indefinite form: not used by this card
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 3 || p + n > buf.length) return null;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++]!;
  }
  if (p + length > buf.length) return null;
  return { tag, constructed, value: buf.subarray(p, p + length), end: p + length };
}

/** Reads consecutive TLVs until the end, or until padding (00 or FF where a tag would start). */
export function readTlvList(buf: Uint8Array): Tlv[] | null {
  const out: Tlv[] = [];
  let p = 0;
  while (p < buf.length) {
    const b = buf[p]!;
    if (b === 0xff && (p + 1 >= buf.length || buf[p + 1] === 0xff)) break; // FF padding
    if (b === 0x00) break;
    const t = readTlv(buf, p);
    if (!t) return null;
    out.push(t);
    p = t.end;
  }
  return out;
}

/** Total bytes a TLV starting at buf[0] will occupy, from its header alone; null if the header is incomplete. */
export function tlvTotalLength(header: Uint8Array): number | null {
  let p = 0;
  if (header.length === 0) return null;
  const first = header[p++]!;
  if ((first & 0x1f) === 0x1f) {
    for (let i = 0; ; i++) {
      if (p >= header.length || i >= 3) return null;
      if ((header[p++]! & 0x80) === 0) break;
    }
  }
  if (p >= header.length) return null;
  let length = header[p++]!;
  if (length === 0x80) return null;
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 3 || p + n > header.length) return null;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + header[p++]!;
  }
  return p + length;
}

function encodeLength(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  if (n < 0x10000) return [0x82, n >> 8, n & 0xff];
  return [0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function encodeTag(tag: number): number[] {
  const bytes: number[] = [];
  for (let t = tag; t > 0; t = Math.floor(t / 256)) bytes.unshift(t & 0xff);
  return bytes.length ? bytes : [0];
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const head = [...encodeTag(tag), ...encodeLength(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
