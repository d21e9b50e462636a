// A box to tick: one large toggle saying what ticking means, and "no" as an explicit answer too.
import type { KioskInputProps } from '../kiosk-input';

export function CheckboxInput(props: KioskInputProps) {
  const answer = (v: boolean, label: 'yes' | 'no') => (
    <button type="button" role="radio" aria-checked={props.value === v} className="choice" onClick={() => props.onChange(v)}>
      <span className="choice-mark" aria-hidden="true">{props.value === v ? '●' : '○'}</span>
      <span>{props.word(label)}</span>
    </button>
  );
  return (
    <div className="choice-list choice-list-row" role="radiogroup" aria-label={props.localize(props.question.label)}>
      {answer(true, 'yes')}
      {answer(false, 'no')}
    </div>
  );
}
