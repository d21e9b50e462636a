import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBasicInfo } from './card-model';
import { isValidMyNumber, myNumberCheckDigit } from './my-number-check-digit';
import {
  CARDS_DIR,
  FixtureError,
  RESIDENTS_DIR,
  loadAllResidentFixtures,
  loadCardFixture,
  loadResidentFixture,
  parseResidentFixture,
  residentFixturePath,
  type ResidentFixture,
} from './resident-fixture';

const residents = loadAllResidentFixtures();
const byId = (id: string) => residents.find((r) => r.id === id);
const anyResident = (pred: (r: ResidentFixture) => boolean) => residents.filter(pred).map((r) => r.id);

describe('the My Number check digit', () => {
  it('matches a hand-computed example (123456789018)', () => {
    // Σ P×Q over 1 0 9 8 7 6 5 4 3 2 1 (from the right) with Q = 2..7,2..6 is 212; 212 mod 11 = 3; 11 − 3 = 8.
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidMyNumber('123456789018')).toBe(true);
  });

  it('is 0 when the remainder is 0 or 1', () => {
    // 00000000000: sum 0 → 0. 00000000010: P2 = 1, Q2 = 3, sum 3 → 11 − 3 = 8.
    expect(myNumberCheckDigit('00000000000')).toBe(0);
    expect(myNumberCheckDigit('00000000010')).toBe(8);
    // 00000000006: 6 × 2 = 12, r = 1 → 0. 00000000005: 10, r = 10 → 1.
    expect(myNumberCheckDigit('00000000006')).toBe(0);
    expect(myNumberCheckDigit('00000000005')).toBe(1);
  });

  it('rejects a number whose last digit was changed, and anything not 12 digits', () => {
    expect(isValidMyNumber('123456789019')).toBe(false);
    expect(isValidMyNumber('12345678901')).toBe(false);
    expect(isValidMyNumber('１２３４５６７８９０１８')).toBe(false);
  });
});

describe('the resident fixtures', () => {
  it('all load and validate, each id equal to its file name', () => {
    const files = readdirSync(RESIDENTS_DIR).filter((f) => f.endsWith('.json'));
    expect(residents.map((r) => `${r.id}.json`)).toEqual(files.sort());
    expect(residents.length).toBeGreaterThanOrEqual(10);
  });

  it('all have My Numbers with a valid check digit, all different', () => {
    for (const r of residents) expect(isValidMyNumber(r.myNumber), r.id).toBe(true);
    expect(new Set(residents.map((r) => r.myNumber)).size).toBe(residents.length);
  });

  it('include a demo resident whose PIN has all its tries', () => {
    expect(byId('demo')?.pinTriesLeft).toBe(3);
  });

  it('include an address whose EF 0002 passes 256 bytes', () => {
    expect(anyResident((r) => encodeBasicInfo(r).length > 256)).not.toEqual([]);
    expect(anyResident((r) => new TextEncoder().encode(r.address).length >= 256)).not.toEqual([]);
  });

  it('include the old forms 髙 﨑 齋 邉 and a compatibility ideograph that NFC would change', () => {
    const text = residents.map((r) => r.name + r.address).join('');
    for (const ch of ['髙', '\uFA11', '齋', '邉']) expect(text, ch).toContain(ch);
    expect(anyResident((r) => (r.name + r.address).normalize('NFC') !== r.name + r.address)).not.toEqual([]);
  });

  it('include a name with 𠮷 (U+20BB7), outside the BMP', () => {
    expect(anyResident((r) => r.name.includes('\u{20BB7}'))).not.toEqual([]);
  });

  it('include full-width digits and a full-width hyphen in an address', () => {
    expect(anyResident((r) => /[０-９]/.test(r.address) && r.address.includes('－'))).not.toEqual([]);
  });

  it('include a foreign resident with a Latin-capital name and a 通称', () => {
    expect(anyResident((r) => /^[A-Z][A-Z -]+$/.test(r.name) && r.tsusho !== undefined)).not.toEqual([]);
  });

  it('include sex codes 1, 2 and 9', () => {
    const codes = new Set(residents.map((r) => r.sex));
    for (const code of ['1', '2', '9']) expect(codes.has(code), code).toBe(true);
  });

  it('include a card with one PIN try left and a blocked card', () => {
    expect(anyResident((r) => r.pinTriesLeft === 1)).not.toEqual([]);
    expect(anyResident((r) => r.pinTriesLeft === 0)).not.toEqual([]);
  });

  it('include births on both sides of the Shōwa/Heisei and Heisei/Reiwa boundaries, and a resident born in Taishō', () => {
    const births = new Set(residents.map((r) => r.birthDate));
    for (const d of ['1989-01-07', '1989-01-08', '2019-04-30', '2019-05-01']) expect(births.has(d), d).toBe(true);
    expect(anyResident((r) => r.birthDate < '1926-12-25')).not.toEqual([]);
  });

  it('all live in 香取市 (fictional addresses in the first city)', () => {
    for (const r of residents) expect(r.address, r.id).toMatch(/^千葉県香取市/);
  });
});

describe('fixture validation', () => {
  const valid = JSON.parse(JSON.stringify(byId('demo'))) as Record<string, unknown>;
  const errorOf = (json: unknown): FixtureError => {
    try {
      parseResidentFixture(json, 'fixtures/residents/broken.json');
    } catch (e) {
      if (e instanceof FixtureError) return e;
      throw e;
    }
    throw new Error('expected a FixtureError');
  };

  it('names the file and the field, never the value, for a wrong check digit', () => {
    const e = errorOf({ ...valid, myNumber: '123456789019' });
    expect(e.file).toBe('fixtures/residents/broken.json');
    expect(e.issues).toEqual([{ field: 'myNumber', message: 'check digit does not match the first 11 digits' }]);
    expect(e.message).not.toContain('123456789019');
  });

  it('never echoes a malformed PIN', () => {
    const e = errorOf({ ...valid, pin: '12a4' });
    expect(e.issues.map((i) => i.field)).toEqual(['pin']);
    expect(e.message).not.toContain('12a4');
  });

  it('refuses a 照合番号B birth that disagrees with the birth date', () => {
    const e = errorOf({ ...valid, checkCodeB: { birth: '850413', expiryYear: '2034', securityCode: '1234' } });
    expect(e.issues.map((i) => i.field)).toEqual(['checkCodeB.birth']);
  });

  it('refuses more tries than the card allows, an impossible date, an unknown field and a missing one', () => {
    expect(errorOf({ ...valid, pinTriesLeft: 4 }).issues.map((i) => i.field)).toEqual(['pinTriesLeft']);
    expect(errorOf({ ...valid, birthDate: '1985-02-30' }).issues.map((i) => i.field)).toContain('birthDate');
    expect(errorOf({ ...valid, nmae: 'x' }).issues.map((i) => i.field)).toEqual(['nmae']);
    const { address: _address, ...noAddress } = valid;
    expect(errorOf(noAddress).issues.map((i) => i.field)).toEqual(['address']);
  });

  it('fills in the default tries', () => {
    const { pinTriesLeft: _p, checkCodeBTriesLeft: _b, checkCodeATriesLeft: _a, ...bare } = valid;
    const r = parseResidentFixture(bare, 'x.json');
    expect([r.pinTriesLeft, r.checkCodeBTriesLeft, r.checkCodeATriesLeft]).toEqual([3, 10, 10]);
  });

  it('requires the id to equal the file name, and reports unreadable or invalid JSON by file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-fixture-'));
    try {
      writeFileSync(join(dir, 'other-name.json'), JSON.stringify(valid));
      expect(() => loadResidentFixture(join(dir, 'other-name.json'))).toThrow(/other-name\.json: id: must equal the file name/);
      writeFileSync(join(dir, 'bad.json'), '{ "id": ');
      expect(() => loadResidentFixture(join(dir, 'bad.json'))).toThrow(/bad\.json: \(file\): is not valid JSON/);
      expect(() => loadResidentFixture(join(dir, 'missing.json'))).toThrow(/missing\.json: \(file\): cannot be read \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells a resident from a card that is not a My Number Card', () => {
    expect(loadCardFixture(residentFixturePath('demo')).kind).toBe('resident');
    expect(loadCardFixture(join(CARDS_DIR, 'not-my-number-card.json')).kind).toBe('other-card');
  });
});
