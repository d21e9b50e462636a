// One of a few answers (本人 / 代理人 …): each a big button, the chosen one marked by more than colour.
import type { KioskInputProps } from '../kiosk-input';

export function ChoiceInput(props: KioskInputProps) {
  return (
    <div className="choice-list" role="radiogroup" aria-label={props.localize(props.question.label)}>
      {(props.question.options ?? []).map((o) => (
        <button key={o.value} type="button" role="radio" data-value={o.value} aria-checked={props.value === o.value} className="choice" onClick={() => props.onChange(o.value)}>
          <span className="choice-mark" aria-hidden="true">{props.value === o.value ? '●' : '○'}</span>
          <span>{props.localize(o.label)}</span>
        </button>
      ))}
    </div>
  );
}
