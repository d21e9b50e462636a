import { z } from 'zod';

/** A text shown to people in the kiosk's three languages: 日本語, やさしい日本語, English. */
export const LocalizedText = z
  .strictObject({
    ja: z.string().min(1),
    easy: z.string().min(1).meta({ description: 'やさしい日本語 (plain Japanese, kana-friendly)' }),
    en: z.string().min(1),
  })
  .meta({ id: 'LocalizedText', description: 'The same text in Japanese, やさしい日本語 and English.' });
export type LocalizedText = z.infer<typeof LocalizedText>;
