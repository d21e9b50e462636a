import { describe, expect, it } from 'vitest';
import type { Question } from '../../src-main/contract/kiosk';
import { answerText } from './answer-text';

const words = { yes: 'はい', no: 'いいえ' };
const local = (l: { ja: string }) => l.ja;
const q = (extra: Partial<Question>): Question => ({ key: 'k', type: 'digits', label: { ja: '番号', easy: 'ばんごう', en: 'Number' }, required: true, usedBy: [], ...extra });

describe('an answer read back on the review', () => {
  it('shows a typed 個人番号 masked, its last 4 digits only', () => {
    const text = answerText(q({ myNumber: true, digitCount: 12 }), '111122223333', words, local);
    expect(text).toBe('********3333');
    expect(text).not.toContain('11112222');
  });

  it('shows other digits (an account number) as typed', () => {
    expect(answerText(q({ digitCount: 7 }), '1234567', words, local)).toBe('1234567');
  });
});
