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
});
