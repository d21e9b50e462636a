import { z } from 'zod';

/**
 * A text shown to people at the kiosk. ja, やさしい日本語 and en are required; zh-Hans, ko, vi and pt are being
 * filled in for every shipped text and become required once they all carry them.
 */
export const LocalizedText = z
  .strictObject({
    ja: z.string().min(1),
    easy: z.string().min(1).meta({ description: 'やさしい日本語 (plain Japanese, kana-friendly)' }),
    en: z.string().min(1),
    'zh-Hans': z.string().min(1).optional(),
    ko: z.string().min(1).optional(),
    vi: z.string().min(1).optional(),
    pt: z.string().min(1).optional(),
  })
  .meta({ id: 'LocalizedText', description: 'The same text in the kiosk languages.' });
export type LocalizedText = z.infer<typeof LocalizedText>;
