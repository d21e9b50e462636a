// The clerk's mirror while the kiosk reads a family member's own card: it says whose card (their role and their
// number on the kiosk's 一緒に届け出るご家族 screens), in the desk's two languages, and nothing of the person beyond.
import { describe, expect, it } from 'vitest';
import type { Mirror } from '../../src-main/contract/clerk';
import { personCardLine } from './mirror-words';
import { clerkWord, type ClerkLanguage } from './words';

const L = (ja: string) => ({ ja, easy: ja, en: ja });

function mirrorReading(person: number, answers: Mirror['session'] extends infer S ? (S extends { answers: infer A } ? A : never) : never, typing = {}): Mirror {
  return {
    step: 'person-card',
    updatedAt: 0,
    session: {
      procedure: { id: 'moving-in', title: L('引っ越してきたとき（転入）') },
      resident: { name: '見本　花子', address: '千葉県香取市佐原イ1番地', birthDate: '1990-04-01', sex: '2' },
      questions: [1, 2].map((n) => ({
        key: `household.${n}.relationship`,
        type: 'choice' as const,
        label: L('あなたとの関係'),
        required: true,
        options: [{ value: 'spouse', label: L('配偶者（夫・妻）') }, { value: 'child', label: L('子ども') }],
      })),
      answers,
      typing,
      problems: [],
      clerkCalled: false,
      triesLeft: 3,
      lastTryAllowed: false,
      personCard: { person },
    },
  };
}

const render = (mirror: Mirror, language: ClerkLanguage = 'ja') => personCardLine(mirror.session!, (key, params) => clerkWord(language, key, params)) ?? '';

describe("the mirror during a family member's card", () => {
  it('names the role and the number of the person whose card is being read', () => {
    expect(render(mirrorReading(2, { 'household.1.relationship': 'spouse', 'household.2.relationship': 'child' }))).toContain('子（2人目）のカードを読んでいます');
    expect(render(mirrorReading(1, { 'household.1.relationship': 'spouse' }))).toContain('配偶者（1人目）のカードを読んでいます');
    expect(render(mirrorReading(1, { 'household.1.relationship': 'spouse' }), 'en')).toContain(clerkWord('en', 'mirror.personCard', { role: clerkWord('en', 'mirror.role.spouse'), n: 1 }));
  });

  it('takes the role as the resident is choosing it, and says family member before any is chosen', () => {
    expect(render(mirrorReading(1, {}, { 'household.1.relationship': 'spouse' }))).toContain('配偶者（1人目）のカードを読んでいます');
    expect(render(mirrorReading(1, {}))).toContain('ご家族（1人目）のカードを読んでいます');
  });

  it('says nothing of a card step when none runs', () => {
    const mirror = mirrorReading(1, { 'household.1.relationship': 'spouse' });
    expect(personCardLine({ ...mirror.session!, personCard: null }, (key, params) => clerkWord('ja', key, params))).toBeUndefined();
  });
});
