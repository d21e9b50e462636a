import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';

/** 署名: a captured signature image (PNG) where the city accepts one; otherwise the box stays blank for ink. */
export const signatureField = z
  .strictObject({
    type: z.literal('signature'),
    ...fieldBase,
    at: At,
    capture: z
      .enum(['wet', 'image-or-wet'])
      .default('wet')
      .meta({ description: 'wet: always signed in ink on the printout. image-or-wet: a captured PNG is embedded if given.' }),
  })
  .meta({ id: 'SignatureField', title: 'signature', description: 'A signature: a captured PNG, or a blank box for a wet signature.' });

const pngMagic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && pngMagic.every((b, i) => bytes[i] === b);
}

export const signature = defineFieldType({
  type: 'signature',
  schema: signatureField,
  valueKind: 'image',
  textLike: false,
  places: atPlace,
  sample: () => undefined,
  check: (_field, value) => (value instanceof Uint8Array && isPng(value) ? [] : ['notAPng']),
  printedTexts: () => [],
  async draw(ctx, field, value) {
    if (field.capture === 'image-or-wet' && value instanceof Uint8Array && isPng(value)) await ctx.image(ctx.rect(field.at), value);
  },
});
