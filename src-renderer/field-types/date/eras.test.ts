import { describe, expect, it } from 'vitest';
import { erasAllowed } from './input';

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
