// Personal data that cannot be logged by accident: String(), JSON.stringify, console.log and template literals all
// print a redaction marker. Only code that renders a form (or a test comparing with a fixture) calls reveal().

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export type SexCode = '1' | '2' | '9' | (string & {});

export interface ResidentFields {
  /** 氏名, exactly as the card holds it (no normalisation). */
  name: string;
  /** 住所, exactly as the card holds it (no normalisation). */
  address: string;
  /** 生年月日 as an ISO date, YYYY-MM-DD (Gregorian). */
  birthDate: string;
  /** 性別 code as on the card: '1' male, '2' female; any other code is kept as it came. */
  sex: SexCode;
}

abstract class Redacted<T> {
  readonly #value: T;
  protected constructor(value: T) {
    this.#value = value;
  }
  reveal(): T {
    return this.#value;
  }
  protected abstract get label(): string;
  toString(): string {
    return `[${this.label} redacted]`;
  }
  toJSON(): string {
    return this.toString();
  }
  [inspectSymbol](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

/** The 4 basic items (基本4情報) from the card. */
export class ResidentInfo extends Redacted<Readonly<ResidentFields>> {
  constructor(fields: ResidentFields) {
    super(Object.freeze({ ...fields }));
  }
  protected get label() {
    return 'ResidentInfo';
  }
}

/** The 12-digit individual number (個人番号). */
export class MyNumber extends Redacted<string> {
  constructor(digits: string) {
    super(digits);
  }
  protected get label() {
    return 'MyNumber';
  }
  /** For display on a screen the resident controls: only the last 4 digits. */
  masked(): string {
    return `********${this.reveal().slice(-4)}`;
  }
}

export type SexLabel = { ja: string; en: string };

export function sexLabel(code: SexCode): SexLabel {
  switch (code) {
    case '1':
      return { ja: '男', en: 'male' };
    case '2':
      return { ja: '女', en: 'female' };
    default:
      return { ja: 'その他・不明', en: 'other / unknown' };
  }
}
