// ふりがな on a 50音 grid: the table every resident learned at school, columns あ…わ, rows あいうえお.
// Modifier keys change the last character (か→が, は→ぱ, つ→っ) as a phone's kana keyboard does.
import { useState } from 'react';
import { TypedValue, textOf, type KioskInputProps } from '../kiosk-input';

const columns = ['あいうえお', 'かきくけこ', 'さしすせそ', 'たちつてと', 'なにぬねの', 'はひふへほ', 'まみむめも', 'や ゆ よ', 'らりるれろ', 'わ を ん'];
const pairs = (from: string, to: string) => new Map([...from].map((c, i) => [c, [...to][i] ?? c]));
const voiced = pairs('かきくけこさしすせそたちつてとはひふへほう', 'がぎぐげござじずぜぞだぢづでどばびぶべぼゔ');
const semiVoiced = pairs('はひふへほばびぶべぼ', 'ぱぴぷぺぽぱぴぷぺぽ');
const small = pairs('あいうえおつやゆよわ', 'ぁぃぅぇぉっゃゅょゎ');

const toKatakana = (s: string) => s.replace(/[\u3041-\u3096]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const toHiragana = (s: string) => s.replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** Applies a modifier to the last character, and takes it off again on a second press. */
function modifyLast(text: string, table: Map<string, string>): string {
  const last = text.slice(-1);
  if (last === '') return text;
  const katakana = last !== toHiragana(last);
  const h = toHiragana(last);
  const reverse = [...table].find(([, v]) => v === h)?.[0];
  const next = table.get(h) ?? reverse ?? h;
  return text.slice(0, -1) + (katakana ? toKatakana(next) : next);
}

export function KanaKeyboard(props: Pick<KioskInputProps, 'word' | 'wordText'> & { text: string; onText(text: string): void; maxLength?: number }) {
  const [script, setScript] = useState<'hiragana' | 'katakana'>(/[\u30A1-\u30FA]/u.test(props.text) ? 'katakana' : 'hiragana');
  const shown = (c: string) => (script === 'katakana' ? toKatakana(c) : c);
  const type = (c: string) => (props.maxLength === undefined || props.text.length < props.maxLength) && props.onText(props.text + c);
  return (
    <div className="kana-keyboard">
      <div className="kana-grid" role="group">
        {columns.map((column) =>
          [...column].map((c, row) =>
            c === ' ' ? (
              <span key={`${column}-${row}`} className="kana-gap" />
            ) : (
              <button key={c} type="button" lang="ja" className="key key-kana" onClick={() => type(shown(c))}>
                {shown(c)}
              </button>
            ),
          ),
        )}
      </div>
      <div className="kana-modifiers">
        <button type="button" className="key key-wide" onClick={() => props.onText(modifyLast(props.text, voiced))} aria-label={props.wordText('voiced')}>
          {props.word('voiced')}
        </button>
        <button type="button" className="key key-wide" onClick={() => props.onText(modifyLast(props.text, semiVoiced))} aria-label={props.wordText('semiVoiced')}>
          {props.word('semiVoiced')}
        </button>
        <button type="button" className="key key-wide" onClick={() => props.onText(modifyLast(props.text, small))} aria-label={props.wordText('small')}>
          {props.word('small')}
        </button>
        <button type="button" className="key" lang="ja" onClick={() => type('ー')}>
          ー
        </button>
        <button type="button" className="key key-wide" onClick={() => type('\u3000')}>
          {props.word('space')}
        </button>
        <button
          type="button"
          className="key key-wide"
          aria-pressed={script === 'katakana'}
          onClick={() => setScript(script === 'hiragana' ? 'katakana' : 'hiragana')}
        >
          {script === 'hiragana' ? props.word('katakana') : props.word('hiragana')}
        </button>
        <button type="button" className="key key-wide" onClick={() => props.onText(props.text.slice(0, -1))} aria-label={props.wordText('backspace')}>
          ⌫ {props.word('backspace')}
        </button>
        <button type="button" className="key key-wide" onClick={() => props.onText('')}>
          {props.word('clear')}
        </button>
      </div>
    </div>
  );
}

export function KanaInput(props: KioskInputProps) {
  const text = textOf(props.value);
  return (
    <div className="input-text">
      <TypedValue text={text} label={props.wordText('typed')} />
      <KanaKeyboard
        text={text}
        onText={(t) => props.onChange(t === '' ? null : t)}
        maxLength={props.question.maxLength}
        word={props.word}
        wordText={props.wordText}
      />
    </div>
  );
}
