// The words a resident reads, from the renderer's own messages: a reworded message does not break a journey.
import type { Language } from '../../src-main/contract/kiosk';
import { message, plainText, type MessageKey } from '../../src-renderer/i18n';

export const words = (key: MessageKey, language: Language = 'ja', params?: Record<string, string | number>): string => plainText(message(language, key, params));
