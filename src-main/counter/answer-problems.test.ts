import { describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../card-reader/personal-data';
import { loadFonts, loadLibrary } from '../forms/load';
import type { Template } from '../forms/model/template';
import { answerProblems } from './answer-problems';

describe('the service checking an answer', () => {
  it('checks a pattern in time linear in the answer, even one validation would refuse', () => {
    const shipped = loadLibrary().templates.get('juminhyo-request')!;
    // Validation refuses this pattern; a template that slipped past it must still not freeze the counter.
    const template: Template = structuredClone(shipped);
    template.fields.find((f) => f.id === 'subject.householder')!.validation = { required: false, pattern: '(a+)+b' };
    const data = (householder: string) => ({
      resident: new ResidentInfo({ name: '見本 花子', address: '千葉県香取市佐原イ1', birthDate: '19800101', sex: '2' }),
      answers: { householder },
      today: '2026-12-04',
      session: { cityName: '香取市' },
    });
    const { fonts } = loadFonts();
    answerProblems([template], data('ab'), new Set(['householder']), fonts); // fonts' and engine's first use
    const started = performance.now();
    const problems = answerProblems([template], data(`${'a'.repeat(30)}!`), new Set(['householder']), fonts);
    expect(performance.now() - started).toBeLessThan(250);
    expect(problems).toContainEqual({ key: 'householder', code: 'pattern' });
  });

  it("refuses 0 copies on the copies screen with the template's own words, and says nothing of a screen not yet shown", () => {
    const juminhyo = loadLibrary().templates.get('juminhyo-request')!;
    const { fonts } = loadFonts();
    const data = (answers: Record<string, string>) => ({
      resident: new ResidentInfo({ name: '見本 花子', address: '千葉県香取市佐原イ1', birthDate: '19800101', sex: '2' }),
      answers,
      today: '2026-12-04',
      session: { cityName: '香取市' },
    });
    const zero = { 'copies.all': '0', 'copies.some': '0', 'copies.removed': '0', 'copies.certificate': '0' };
    // The resident cleared the copies they had: only the empty keys were sent, and every one counts as asked.
    const asked = new Set(Object.keys(zero));
    const problems = answerProblems([juminhyo], data(zero), asked, fonts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'copies.all', code: 'required', message: { ja: '通数を1つ以上書いてください' } });
    // The same rule lands on the copies field the resident did touch when the first was not on their screen.
    expect(answerProblems([juminhyo], data({ 'copies.some': '0' }), new Set(['copies.some']), fonts)).toMatchObject([{ key: 'copies.some', code: 'required' }]);
    // One copy of any kind is enough; and a screen the resident has not reached reports nothing.
    expect(answerProblems([juminhyo], data({ ...zero, 'copies.some': '1' }), asked, fonts)).toEqual([]);
    expect(answerProblems([juminhyo], data({}), new Set(['relation']), fonts)).toEqual([]);
  });
});
