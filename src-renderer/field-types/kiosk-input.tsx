// What every kiosk input control receives, and the keypad several of them share. React only: the kiosk and a
// future designer preview both render these.
import type { ReactNode } from 'react';
import type { AnswerValue, Localized, PostalTown, Question } from '../../src-main/contract/kiosk';

export type InputWord =
  | 'clear' | 'backspace' | 'space' | 'small' | 'voiced' | 'semiVoiced' | 'hiragana' | 'katakana' | 'typed'
  | 'era' | 'year' | 'month' | 'day' | 'yes' | 'no' | 'checked' | 'hyphen' | 'letters' | 'kana' | 'numbers'
  | 'chooseArea' | 'byPostalCode' | 'noArea' | 'notInList' | 'pickFromList' | 'changeArea' | 'addressNumber' | 'readingForClerk'
  | 'outsideCity' | 'postalCodeOfAddress' | 'postalNotFound';

export interface KioskInputProps {
  question: Question;
  value: AnswerValue;
  onChange(value: AnswerValue): void;
  /** Interface words in the resident's language: shown (may hold furigana) and plain (for aria-label). */
  word(w: InputWord): ReactNode;
  wordText(w: InputWord): string;
  /** The resident's language for template text (option labels). */
  localize(text: Localized): string;
  /** Today as YYYY-MM-DD, from the service's clock when it matters (date pickers start near it). */
  today: string;
  /** address: the towns of a postal code anywhere in Japan (the service's offline data); absent where none is asked. */
  lookupTowns?: (postalCode: string) => Promise<PostalTown[]>;
  /** address: the postal code an address was found by, for the screen's 〒 question. */
  onPostalCode?: (postalCode: string) => void;
}

export type KioskInput = (props: KioskInputProps) => ReactNode;

/** Like a phone or an ATM: 1-2-3 on top, 0 at the bottom, never shuffled. */
export function Keypad(props: {
  onDigit(d: string): void;
  onBackspace(): void;
  onClear?: () => void;
  /** The bottom-left key: a hyphen for phone numbers, else "clear all". */
  extra?: { label: ReactNode; ariaLabel: string; onPress(): void };
  word: KioskInputProps['word'];
  wordText: KioskInputProps['wordText'];
  disabled?: boolean;
}) {
  const digit = (d: string) => (
    <button key={d} type="button" className="key key-digit" disabled={props.disabled} onClick={() => props.onDigit(d)}>
      {d}
    </button>
  );
  return (
    <div className="keypad" role="group">
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
      {props.extra ? (
        <button type="button" className="key key-extra" aria-label={props.extra.ariaLabel} onClick={props.extra.onPress}>
          {props.extra.label}
        </button>
      ) : props.onClear ? (
        <button type="button" className="key key-extra" aria-label={props.wordText('clear')} onClick={props.onClear}>
          {props.word('clear')}
        </button>
      ) : (
        <span />
      )}
      {digit('0')}
      <button type="button" className="key key-extra" aria-label={props.wordText('backspace')} onClick={props.onBackspace}>
        ⌫
      </button>
    </div>
  );
}

/** The answer as typed so far, large, for the resident to read back. */
export function TypedValue(props: { text: string; label: string; placeholder?: string }) {
  return (
    <output className="typed-value" aria-label={props.label} aria-live="polite">
      {props.text === '' ? <span className="typed-placeholder">{props.placeholder ?? '\u00a0'}</span> : props.text}
    </output>
  );
}

export const textOf = (v: AnswerValue): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
