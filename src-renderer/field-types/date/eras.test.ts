import { describe, expect, it } from 'vitest';
import { erasAllowed, yearsOffered } from './input';

describe('the eras a date question offers', () => {
  const today = '2026-12-05';
  it('offers only this era for a day from today on (転出予定日), and none before the range for a recent past day', () => {
    expect(erasAllowed({ notBefore: 'today' }, today)).toEqual(['令和']);
    expect(erasAllowed({ notBefore: '2019-06-01', notAfter: 'today' }, today)).toEqual(['令和']);
    expect(erasAllowed({ notBefore: '1988-01-01', notAfter: 'today' }, today)).toEqual(['令和', '平成', '昭和']);
  });
  it('offers every era for a birth date with no bounds', () => {
    expect(erasAllowed(undefined, today)).toEqual(['令和', '平成', '昭和', '大正', '明治']);
  });
});

describe('the years the picker offers in the current era', () => {
  const today = '2026-12-05';
  it('reach next year for a day that may lie ahead (保育\'s 4月 entry, a 退院予定日), and stop at a "notAfter"', () => {
    expect(yearsOffered('令和', { notBefore: 'today' }, today)).toBe(9);
    expect(yearsOffered('令和', undefined, today)).toBe(9);
    expect(yearsOffered('令和', { notAfter: 'today' }, today)).toBe(8);
    expect(yearsOffered('令和', { notAfter: '2028-03-31' }, today)).toBe(10);
    // A past era keeps its own years.
    expect(yearsOffered('平成', undefined, today)).toBe(31);
  });
});
