// AES-256-GCM for one column of one record. The AAD names the record and the column, so a sealed value copied into
// another row or column fails to open instead of showing one resident's data under another's ticket.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { QueueError } from './errors';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Layout of a sealed value: version byte, nonce, tag, ciphertext. The version leaves room for a key rotation. */
const FORMAT_V1 = 1;

export function sealColumn(key: Uint8Array, aad: string, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_V1), nonce, cipher.getAuthTag(), body]);
}

export function openColumn(key: Uint8Array, aad: string, sealed: Uint8Array, submissionId?: number): Buffer {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (b.length < 1 + NONCE_BYTES + TAG_BYTES || b[0] !== FORMAT_V1) throw new QueueError('tampered', submissionId);
  const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(1, 1 + NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(b.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(b.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new QueueError('tampered', submissionId);
  }
}

/** The AAD of one sealed column: the table, the record (submission id + form position) and the column. */
export function columnAad(table: string, submissionId: number, position: number, column: string): string {
  return `kakanai-queue/v1/${table}/${submissionId}/${position}/${column}`;
}
