// Fixture files for the virtual card: a resident (fixtures/residents/*.json) or a card that is not a My Number Card
// (fixtures/cards/*.json). Validated with zod so a typo in a fixture fails loudly with the file and the field,
// and never with the value (a fixture holds a PIN and a My Number, fictional or not).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHECK_CODE_B_MAX_TRIES, PIN_MAX_TRIES } from '../protocol/constants';
import { isValidMyNumber } from './my-number-check-digit';

/** 照合番号A tries: public sources say nothing; we give it the same budget as 照合番号B. */
export const CHECK_CODE_A_MAX_TRIES = 10;
export const JPKI_AUTH_PIN_MAX_TRIES = 3;
export const JPKI_SIGN_PASSWORD_MAX_TRIES = 5;

const asciiDigits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`), `must be ${n} ASCII digits`);

const isoDate = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');

const triesLeft = (max: number) => z.int().min(0).max(max).default(max);

/** A demo/test id: also the file name, so a fixture is found by the name a test uses. */
const fixtureId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

export const residentFixtureSchema = z
  .strictObject({
    id: fixtureId,
    description: z.string().min(1),
    /** 氏名 exactly as EF 0002 holds it (UTF-8, never normalised). */
    name: z.string().min(1),
    /** 住所 exactly as EF 0002 holds it, 方書 included. */
    address: z.string().min(1),
    birthDate: isoDate,
    /** 性別 code as on the card: "1" male, "2" female, "9" (or any other digit) other/unknown. */
    sex: z.string().regex(/^[0-9]$/, 'must be one ASCII digit'),
    myNumber: asciiDigits(12).refine(isValidMyNumber, 'check digit does not match the first 11 digits'),
    pin: asciiDigits(4),
    pinTriesLeft: triesLeft(PIN_MAX_TRIES),
    /** 照合番号B as printed on the card face: birth YYMMDD + expiry year YYYY + security code. */
    checkCodeB: z.strictObject({
      birth: asciiDigits(6),
      expiryYear: asciiDigits(4),
      securityCode: asciiDigits(4),
    }),
    checkCodeBTriesLeft: triesLeft(CHECK_CODE_B_MAX_TRIES),
    checkCodeATriesLeft: triesLeft(CHECK_CODE_A_MAX_TRIES),
    /** 通称 of a foreign resident, from the resident register. Where (if at all) it appears in EF 0002 is unverified. */
    tsusho: z.string().min(1).optional(),
    /** Demo only: what the resident would write in フリガナ / 電話番号 boxes. Not on the card. */
    furigana: z.string().min(1).optional(),
    phone: z.string().regex(/^[0-9-]{10,13}$/, 'must be digits and hyphens').optional(),
    /** 公的個人認証 (JPKI AP) PINs. Absent = a card issued without electronic certificates. */
    jpki: z
      .strictObject({
        authPin: asciiDigits(4),
        authPinTriesLeft: triesLeft(JPKI_AUTH_PIN_MAX_TRIES),
        signPassword: z.string().regex(/^[A-Z0-9]{6,16}$/, 'must be 6-16 capital letters or digits'),
        signPasswordTriesLeft: triesLeft(JPKI_SIGN_PASSWORD_MAX_TRIES),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const yymmdd = r.birthDate.slice(2, 4) + r.birthDate.slice(5, 7) + r.birthDate.slice(8, 10);
    if (r.checkCodeB.birth !== yymmdd) {
      ctx.addIssue({ code: 'custom', path: ['checkCodeB', 'birth'], message: 'must be birthDate as YYMMDD' });
    }
  });

export type ResidentFixture = z.infer<typeof residentFixtureSchema>;

const hexBytes = z
  .string()
  .regex(/^[0-9A-Fa-f]{2}( [0-9A-Fa-f]{2})*$/, 'must be hex bytes separated by single spaces, e.g. "3B 8F 80"');

/** A card that is not a My Number Card: it has its own ATR and refuses the 券面事項入力補助AP. */
export const otherCardFixtureSchema = z.strictObject({
  kind: z.literal('other-card'),
  id: fixtureId,
  description: z.string().min(1),
  atr: hexBytes,
  /** What the card answers to the PC/SC GET DATA pseudo-APDU (FF CA 00 00 00), if anything. */
  uid: hexBytes.optional(),
});

export type OtherCardFixture = z.infer<typeof otherCardFixtureSchema>;

export type CardFixture = { kind: 'resident'; resident: ResidentFixture } | { kind: 'other-card'; card: OtherCardFixture };

export interface FixtureIssue {
  /** Dotted path of the field, e.g. "checkCodeB.birth"; "(file)" for the file as a whole. */
  field: string;
  message: string;
}

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  constructor(
    readonly file: string,
    readonly issues: FixtureIssue[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}

function issuesOf(error: z.ZodError): FixtureIssue[] {
  // Only the path and our message: zod's own messages never echo the input value, and ours do not either.
  return error.issues.map((i) => {
    const at = i.path.join('.');
    if (i.code === 'unrecognized_keys') {
      return { field: i.keys.map((k) => (at ? `${at}.${k}` : k)).join(', '), message: 'is not a known field' };
    }
    return { field: at || '(file)', message: i.message };
  });
}

function checkIdMatchesFile(file: string, id: string): void {
  const expected = basename(file).replace(/\.json$/, '');
  if (id !== expected) throw new FixtureError(file, [{ field: 'id', message: `must equal the file name "${expected}"` }]);
}

/** Validates parsed JSON as a resident fixture; `file` only names the source in errors. */
export function parseResidentFixture(json: unknown, file: string): ResidentFixture {
  const result = residentFixtureSchema.safeParse(json);
  if (!result.success) throw new FixtureError(file, issuesOf(result.error));
  return result.data;
}

export function parseCardFixture(json: unknown, file: string): CardFixture {
  const isOther = typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'other-card';
  if (isOther) {
    const result = otherCardFixtureSchema.safeParse(json);
    if (!result.success) throw new FixtureError(file, issuesOf(result.error));
    return { kind: 'other-card', card: result.data };
  }
  return { kind: 'resident', resident: parseResidentFixture(json, file) };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new FixtureError(file, [{ field: '(file)', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new FixtureError(file, [{ field: '(file)', message: 'is not valid JSON' }]);
  }
}

export function loadResidentFixture(file: string): ResidentFixture {
  const resident = parseResidentFixture(readJson(file), file);
  checkIdMatchesFile(file, resident.id);
  return resident;
}

/** Loads either kind of fixture: a resident, or a card whose JSON says "kind": "other-card". */
export function loadCardFixture(file: string): CardFixture {
  const fixture = parseCardFixture(readJson(file), file);
  checkIdMatchesFile(file, fixture.kind === 'resident' ? fixture.resident.id : fixture.card.id);
  return fixture;
}

/** The repository's fixture folders, found from this file so tests and the CLI work from any working directory. */
export const RESIDENTS_DIR = fileURLToPath(new URL('../../fixtures/residents/', import.meta.url));
export const CARDS_DIR = fileURLToPath(new URL('../../fixtures/cards/', import.meta.url));

export function residentFixturePath(id: string): string {
  return join(RESIDENTS_DIR, `${id}.json`);
}

/** Every resident fixture, in file-name order. */
export function loadAllResidentFixtures(): ResidentFixture[] {
  return readdirSync(RESIDENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadResidentFixture(join(RESIDENTS_DIR, f)));
}
