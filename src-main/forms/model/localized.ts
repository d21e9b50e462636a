import { z } from 'zod';

/**
 * A text shown to people at the kiosk. ja, やさしい日本語 and en are required; zh-Hans, ko, vi and pt are being
 * filled in for every shipped text and become required once they all carry them.
 */
/** The screen languages added after ja, やさしい日本語 and en. */
export const ADDED_LANGUAGES = ['zh-Hans', 'ko', 'vi', 'pt'] as const;
export type AddedLanguage = (typeof ADDED_LANGUAGES)[number];

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

/**
 * Every localized text in a template or bundle (or any part of one) that lacks one of the seven languages, as
 * `path: missing zh-Hans, ko`. A shipped file with any is a template error: the library refuses it, and
 * `kakanai templates check` names each text. (A designer draft may lack them until it is published: see publish-checks.)
 */
export function missingLanguages(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const id = v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? ` (id "${(v as { id: string }).id}")` : '';
      return missingLanguages(v, `${path}[${i}]${id}`);
    });
  }
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record['ja'] === 'string' && typeof record['en'] === 'string') {
    const missing = ADDED_LANGUAGES.filter((l) => typeof record[l] !== 'string' || record[l] === '');
    return missing.length === 0 ? [] : [`${path || '(top)'}: missing the ${missing.join(', ')} text (every text needs ja, easy, en, zh-Hans, ko, vi and pt)`];
  }
  return Object.entries(record).flatMap(([k, v]) => missingLanguages(v, path ? `${path}.${k}` : k));
}
