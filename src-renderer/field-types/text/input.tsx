// Short text without writing: kana, Latin letters or digits on screen. There is no kanji conversion: a value
// that needs kanji is one the clerk confirms, and the kana reading is what the resident can give here.
import { useState } from 'react';
import { KanaKeyboard } from '../kana/input';
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';
import './text.css';

const latinRows = ['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ-.,\''];

export function TextKeyboard(props: Pick<KioskInputProps, 'word' | 'wordText'> & { text: string; onText(text: string): void; maxLength?: number }) {
  const [mode, setMode] = useState<'kana' | 'letters' | 'numbers'>('kana');
  const type = (c: string) => (props.maxLength === undefined || props.text.length < props.maxLength) && props.onText(props.text + c);
  const modeButton = (m: typeof mode) => (
    <button key={m} type="button" className="key key-wide" aria-pressed={mode === m} onClick={() => setMode(m)}>
      {props.word(m)}
    </button>
  );
  return (
    <div className="text-keyboard">
      <div className="keyboard-modes" role="group">{(['kana', 'letters', 'numbers'] as const).map(modeButton)}</div>
      {mode === 'kana' && <KanaKeyboard {...props} />}
      {mode === 'letters' && (
        <div className="latin-keyboard" role="group">
          {latinRows.join('').split('').map((c) => (
            <button key={c} type="button" className="key key-kana" onClick={() => type(c)}>
              {c}
            </button>
          ))}
          <button type="button" className="key key-wide" onClick={() => type(' ')}>
            {props.word('space')}
          </button>
          <button type="button" className="key key-wide" onClick={() => props.onText(props.text.slice(0, -1))} aria-label={props.wordText('backspace')}>
            ⌫ {props.word('backspace')}
          </button>
        </div>
      )}
      {mode === 'numbers' && (
        <Keypad onDigit={type} onBackspace={() => props.onText(props.text.slice(0, -1))} onClear={() => props.onText('')} word={props.word} wordText={props.wordText} />
      )}
    </div>
  );
}

export function TextInput(props: KioskInputProps) {
  const text = textOf(props.value);
  if (props.question.options) return <PickedText {...props} options={props.question.options} />;
  return (
    <div className="input-text">
      <TypedValue text={text} label={props.wordText('typed')} />
      <TextKeyboard text={text} onText={(t) => props.onChange(t === '' ? null : t)} maxLength={props.question.maxLength} word={props.word} wordText={props.wordText} />
    </div>
  );
}

/** A pick list (続柄: 妻, 子…) printed as the value picked; その他 opens the keyboard for a reading the clerk writes in kanji. */
function PickedText(props: KioskInputProps & { options: NonNullable<KioskInputProps['question']['options']> }) {
  const text = textOf(props.value);
  const listed = props.options.some((o) => o.value === text);
  const [typing, setTyping] = useState(text !== '' && !listed);
  const other = props.question.typedOther;
  return (
    <div className="input-text input-picked">
      <div className="choice-list choice-list-grid" role="radiogroup" aria-label={props.localize(props.question.label)}>
        {props.options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={!typing && text === o.value} className="choice" onClick={() => (setTyping(false), props.onChange(o.value))}>
            <span className="choice-mark" aria-hidden="true">{!typing && text === o.value ? '●' : '○'}</span>
            <span>{props.localize(o.label)}</span>
          </button>
        ))}
        {other && (
          <button type="button" role="radio" aria-checked={typing} className="choice picked-other" onClick={() => (setTyping(true), listed && props.onChange(null))}>
            <span className="choice-mark" aria-hidden="true">{typing ? '●' : '○'}</span>
            <span>{props.localize(other)}</span>
          </button>
        )}
      </div>
      {typing && (
        <>
          {props.question.readingByClerk && <p className="subtitle question-kanji-note">{props.word('readingForClerk')}</p>}
          <TypedValue text={text} label={props.wordText('typed')} />
          <TextKeyboard text={text} onText={(t) => props.onChange(t === '' ? null : t)} maxLength={props.question.maxLength} word={props.word} wordText={props.wordText} />
        </>
      )}
    </div>
  );
}
