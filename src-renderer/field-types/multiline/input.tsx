// Longer text (使用目的, 備考): the same on-screen keyboard, shown over several lines.
import { TextKeyboard } from '../text/input';
import { textOf, type KioskInputProps } from '../kiosk-input';

export function MultilineInput(props: KioskInputProps) {
  const text = textOf(props.value);
  return (
    <div className="input-text">
      <output className="typed-value typed-multiline" aria-label={props.wordText('typed')} aria-live="polite">
        {text === '' ? '\u00a0' : text}
      </output>
      <TextKeyboard text={text} onText={(t) => props.onChange(t === '' ? null : t)} maxLength={props.question.maxLength} word={props.word} wordText={props.wordText} />
    </div>
  );
}
