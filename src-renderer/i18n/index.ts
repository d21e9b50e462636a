// The interface words, by language. Form values are never translated: they go on the city's forms in Japanese.
import type { CardReadOutcome, Language, Localized } from '../../src-main/contract/kiosk';
import { easy } from './easy';
import { en } from './en';
import { ja, type MessageKey, type Messages } from './ja';
import { ko } from './ko';
import { pt } from './pt';
import { vi } from './vi';
import { zhHans } from './zh-Hans';

export type { MessageKey, Messages };

export const messages: Record<Language, Messages> = { ja, easy, en, 'zh-Hans': zhHans, ko, vi, pt };

/** Each language named in itself, so a resident finds theirs without reading any other. */
export const languageNames: Record<Language, { name: string; lang: string }> = {
  ja: { name: '日本語', lang: 'ja' },
  easy: { name: 'やさしい にほんご', lang: 'ja' },
  en: { name: 'English', lang: 'en' },
  'zh-Hans': { name: '简体中文', lang: 'zh-Hans' },
  ko: { name: '한국어', lang: 'ko' },
  vi: { name: 'Tiếng Việt', lang: 'vi' },
  pt: { name: 'Português', lang: 'pt' },
};

type Params = Record<string, string | number>;

/** The message with its {slots} filled; may still carry [漢字|かんじ] furigana marks (see <T> / plainText). */
export function message(language: Language, key: MessageKey, params: Params = {}): string {
  return messages[language][key].replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

const furigana = /\[([^|\]]+)\|([^\]]+)\]/g;

/** For attributes (aria-label, title): the base text without furigana. */
export function plainText(marked: string): string {
  return marked.replace(furigana, '$1');
}

export type MarkedPart = { text: string; reading?: string };

/** Splits a marked message into plain runs and ruby runs. */
export function markedParts(marked: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let last = 0;
  for (const m of marked.matchAll(furigana)) {
    if (m.index > last) parts.push({ text: marked.slice(last, m.index) });
    parts.push({ text: m[1] ?? '', reading: m[2] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < marked.length) parts.push({ text: marked.slice(last) });
  return parts;
}

/** A template text in the resident's language. */
export function localized(text: Localized, language: Language): string {
  // Every shipped and published text carries the seven languages (the library refuses one that does not); English
  // stands in only for a designer's draft in the preview, or a form IT staff published anyway without one.
  return text[language] ?? text.en;
}

type CardErrorCode = Extract<CardReadOutcome, { ok: false }>['error'];

/** What kind of trouble a card error is, in the resident's words. Never the thrown message. */
export function cardErrorKey(code: CardErrorCode): MessageKey {
  switch (code) {
    case 'WrongPin':
      return 'pin.wrong';
    case 'PinBlocked':
    case 'CheckCodeBBlocked':
      return 'pin.blockedTitle';
    case 'PinGuard':
      return 'pin.guardTitle';
    case 'CardRemoved':
    case 'NoCard':
      return 'cardError.removed';
    case 'NotMyNumberCard':
      return 'cardError.notMyNumber';
    case 'NoReader':
    case 'PcscUnavailable':
      return 'cardError.noReader';
    case 'ReaderBusy':
      return 'cardError.busy';
    case 'Timeout':
      return 'cardError.timeout';
    case 'FileNotFound':
    case 'WrongParameters':
    case 'WrongLength':
    case 'MalformedData':
    case 'InvalidMyNumber':
    case 'UnexpectedStatus':
      return 'cardError.damaged';
    case 'InvalidPinFormat':
    case 'WrongCheckCodeB':
    case 'InvalidCheckCodeB':
    case 'SecurityStatusNotSatisfied':
    case 'CommandNotAllowed':
      return 'cardError.internal';
  }
}
