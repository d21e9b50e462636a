// Digits into a fixed number of boxes (印鑑登録番号, 口座番号): one box per digit, as on the paper.
import { Keypad, textOf, type KioskInputProps } from '../kiosk-input';

export function DigitsInput(props: KioskInputProps) {
  const count = props.question.digitCount ?? props.question.maxLength ?? 8;
  const digits = textOf(props.value).replace(/\D/g, '').slice(0, count);
  const set = (d: string) => props.onChange(d === '' ? null : d);
  return (
    <div className="input-keypad">
      <div className="digit-boxes" role="img" aria-label={`${props.wordText('typed')}: ${digits.split('').join(' ')}`}>
        {Array.from({ length: count }, (_, i) => (
          <span key={i} className={i === digits.length ? 'digit-box digit-box-next' : 'digit-box'}>
            {digits[i] ?? ''}
          </span>
        ))}
      </div>
      <Keypad
        onDigit={(d) => digits.length < count && set(digits + d)}
        onBackspace={() => set(digits.slice(0, -1))}
        onClear={() => set('')}
        word={props.word}
        wordText={props.wordText}
      />
    </div>
  );
}
