// A count or an amount (通数, 人数): the numeric keypad; the value stays text, as the form prints it.
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';

export function NumberInput(props: KioskInputProps) {
  const text = textOf(props.value);
  const max = props.question.maxLength ?? 6;
  const set = (t: string) => props.onChange(t === '' ? null : t.replace(/^0+(?=\d)/, ''));
  return (
    <div className="input-keypad">
      <TypedValue text={text} label={props.wordText('typed')} />
      <Keypad
        onDigit={(d) => text.length < max && set(text + d)}
        onBackspace={() => set(text.slice(0, -1))}
        onClear={() => set('')}
        word={props.word}
        wordText={props.wordText}
      />
    </div>
  );
}
