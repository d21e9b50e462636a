// The 個人番号 check digit (12th digit), as the ordinance defines it and docs/card.md restates.
// The fixtures need valid numbers; the reader side has its own check so a wrong one here cannot hide a bug there.

/** Check digit for the first 11 digits of a My Number. */
export function myNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new RangeError('expected 11 ASCII digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(digits: string): boolean {
  return /^[0-9]{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}
