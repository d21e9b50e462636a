// 郵便番号: seven digits, shown and answered as 123-4567 the way envelopes print it.
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';

const withHyphen = (digits: string) => (digits.length > 3 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits);

export function PostalCodeInput(props: KioskInputProps) {
  const digits = textOf(props.value).replace(/\D/g, '');
  const set = (d: string) => props.onChange(d === '' ? null : withHyphen(d));
  return (
    <div className="input-keypad">
      <TypedValue text={digits === '' ? '' : `〒 ${withHyphen(digits)}`} label={props.wordText('typed')} placeholder="〒 123-4567" />
      <Keypad
        onDigit={(d) => digits.length < 7 && set(digits + d)}
        onBackspace={() => set(digits.slice(0, -1))}
        onClear={() => set('')}
        word={props.word}
        wordText={props.wordText}
      />
    </div>
  );
}
