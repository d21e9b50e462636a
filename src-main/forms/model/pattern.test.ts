import { describe, expect, it } from 'vitest';
import { matchesPattern, patternProblem } from './pattern';

describe('a template pattern', () => {
  it('accepts what the shipped templates and ordinary forms use', () => {
    for (const p of ['[0-9A-Za-z-]{1,12}', '[0-9]{11}', '[A-Z]{2}[0-9]{8}[A-Z]{2}', '^[a-z][a-z0-9-]*$', '\\d{3}-?\\d{4}', '[ぁ-ゖー　]+', '[\\u30A1-\\u30FA]+', '(?:ab|cd)+', '((ab){2})+', '(0|1|2)*', '(?<code>[A-Z]{2})\\d+'])
      expect([p, patternProblem(p)]).toEqual([p, undefined]);
  });

  it('refuses nested and ambiguous repeats a backtracking engine could take minutes on', () => {
    for (const p of ['(a+)+b', '(a*)*', '(.*)*', '(?:\\d+-?)+', '(a?){2,}', '(a+){3}', '([0-9]{1,3})+'])
      expect([p, patternProblem(p)]).toEqual([p, 'nested-quantifier']);
    for (const p of ['(a|a)*', '(a|ab)*c', '((a|a)b)+', '(\\d|[0-5])+', '(.|x)*', '(a|)+'])
      expect([p, patternProblem(p)]).toEqual([p, 'ambiguous-alternation']);
  });

  it('refuses what RE2 cannot run, and what is no regular expression', () => {
    for (const p of ['(a)\\1', '(?<x>a)\\k<x>', '(?=a)a', '(?!a)b', '(?<=a)b', '(?<!a)b', '\\p{Script=Han}+'])
      expect([p, patternProblem(p)]).toEqual([p, 'unsupported']);
    for (const p of ['(', '[a', 'a{', '\\', '*a']) expect([p, patternProblem(p)]).toEqual([p, 'invalid']);
  });

  it('matches the whole value in linear time, even for a pattern validation would refuse', () => {
    expect(matchesPattern('[0-9]{3}', '123')).toBe(true);
    expect(matchesPattern('[0-9]{3}', '1234')).toBe(false);
    expect(matchesPattern('\\u3042+', 'ああ')).toBe(true);
    const started = performance.now();
    expect(matchesPattern('(a+)+b', `${'a'.repeat(10_000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
