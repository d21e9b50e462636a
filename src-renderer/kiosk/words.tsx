// The screens' words in the resident's language: t() for display (with furigana), say() for attributes.
import type { ReactNode } from 'react';
import { localized, message, plainText, type MessageKey } from '../i18n';
import type { Localized } from '../../src-main/contract/kiosk';
import { Marked } from '../ui/marked';
import { useKiosk } from './context';

type Params = Record<string, string | number>;

export function useWords() {
  const language = useKiosk((s) => s.language);
  return {
    language,
    t: (key: MessageKey, params?: Params): ReactNode => <Marked text={message(language, key, params)} />,
    say: (key: MessageKey, params?: Params): string => plainText(message(language, key, params)),
    local: (text: Localized): string => localized(text, language),
  };
}
