// A phone number: keypad with a hyphen key, since residents read their number in groups (090-1234-5678).
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';

export function PhoneInput(props: KioskInputProps) {
  const text = textOf(props.value);
  const set = (t: string) => props.onChange(t === '' ? null : t);
  const digitCount = text.replace(/\D/g, '').length;
  return (
    <div className="input-keypad">
      <TypedValue text={text} label={props.wordText('typed')} placeholder="090-1234-5678" />
      <Keypad
        onDigit={(d) => digitCount < 11 && set(text + d)}
        onBackspace={() => set(text.slice(0, -1))}
        extra={{ label: '-', ariaLabel: props.wordText('hyphen'), onPress: () => text !== '' && !text.endsWith('-') && set(text + '-') }}
        word={props.word}
        wordText={props.wordText}
      />
    </div>
  );
}
