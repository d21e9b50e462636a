// An address as the city writes it: the 町字 picked from the city's list (by the first kana of its reading, or by
// postal code), then 番地・号 on a keypad, so the form prints kanji. 「一覧にない」 falls back to typing the reading
// on the multiline keyboard (kana and digits), which the clerk turns into kanji at the desk.
import { useState } from 'react';
import { KANA_ROWS, formatAddress, kanaRowOf } from '../../../src-main/forms/field-types/address';
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';
import { MultilineInput } from '../multiline/input';
import { pickedArea, type Area } from './picked';
import './address.css';

type Mode = 'list' | 'number' | 'reading';
const POSTAL = '〒';

export function AddressInput(props: KioskInputProps) {
  const list = props.question.addressList;
  const value = textOf(props.value);
  const picked = pickedArea(list, value);
  const [mode, setMode] = useState<Mode>(picked ? 'number' : value !== '' || !list ? 'reading' : 'list');
  const firstRow = list?.areas.map((a) => kanaRowOf(a.reading)).find((r) => r !== undefined) ?? 'あ';
  const [tab, setTab] = useState<string>(firstRow);
  const [postal, setPostal] = useState('');

  if (!list || mode === 'reading') {
    return (
      <div className="input-address">
        {props.question.readingByClerk && list && <p className="subtitle question-kanji-note">{props.word('readingForClerk')}</p>}
        <MultilineInput {...props} />
        {list && (
          <button type="button" className="key key-wide address-other" onClick={() => (props.onChange(null), setMode('list'))}>
            {props.word('pickFromList')}
          </button>
        )}
      </div>
    );
  }

  if (mode === 'number' && picked) {
    const set = (number: string) => props.onChange(formatAddress({ prefecture: list.prefecture, city: list.city, area: picked.area.name, number }));
    const add = (s: string) => (props.question.maxLength === undefined || value.length + s.length <= props.question.maxLength) && set(picked.number + s);
    return (
      <div className="input-address">
        <div className="address-chosen">
          <span lang="ja">
            {list.prefecture}
            {list.city} <strong>{picked.area.name}</strong>
          </span>
          <button type="button" className="key key-wide" onClick={() => (props.onChange(null), setMode('list'))}>
            {props.word('changeArea')}
          </button>
        </div>
        <TypedValue text={value} label={props.wordText('typed')} />
        <p className="address-step">{props.word('addressNumber')}</p>
        <div className="address-number">
          <Keypad onDigit={add} onBackspace={() => set([...picked.number].slice(0, -1).join(''))} onClear={() => set('')} word={props.word} wordText={props.wordText} />
          <div className="address-marks" role="group" lang="ja">
            {['番地', '号', '-', 'の'].map((mark) => (
              <button key={mark} type="button" className="key" onClick={() => add(mark)}>
                {mark === '-' ? '－' : mark}
              </button>
            ))}
          </div>
        </div>
      </div>
    );
  }

  const digits = postal.replace(/\D/g, '');
  const shown =
    tab === POSTAL
      ? digits.length >= 3 ? list.areas.filter((a) => a.postalCode.replace('-', '').startsWith(digits)) : []
      : list.areas.filter((a) => kanaRowOf(a.reading) === tab);
  const choose = (area: Area) => {
    props.onChange(formatAddress({ prefecture: list.prefecture, city: list.city, area: area.name, number: '' }));
    setMode('number');
  };
  return (
    <div className="input-address">
      <p className="address-step">
        {props.word('chooseArea')} <span lang="ja">（{list.prefecture}{list.city}）</span>
      </p>
      <div className="address-tabs" role="group" aria-label={props.wordText('chooseArea')}>
        {[...KANA_ROWS, POSTAL].map((row) => (
          <button key={row} type="button" lang="ja" className="key" aria-pressed={tab === row} aria-label={row === POSTAL ? props.wordText('byPostalCode') : row} onClick={() => setTab(row)}>
            {row}
          </button>
        ))}
      </div>
      {tab === POSTAL && (
        <div className="input-keypad">
          <TypedValue text={digits === '' ? '' : `〒 ${digits.length > 3 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits}`} label={props.wordText('byPostalCode')} placeholder="〒 287-0003" />
          <Keypad onDigit={(d) => digits.length < 7 && setPostal(digits + d)} onBackspace={() => setPostal(digits.slice(0, -1))} onClear={() => setPostal('')} word={props.word} wordText={props.wordText} />
        </div>
      )}
      <div className="address-areas" role="group">
        {shown.map((area) => (
          <button key={`${area.name} ${area.postalCode}`} type="button" lang="ja" className="address-area" onClick={() => choose(area)}>
            <span className="address-area-name">{area.name}</span>
            <span className="address-area-reading">
              {area.reading} 〒{area.postalCode}
            </span>
          </button>
        ))}
        {shown.length === 0 && tab !== POSTAL && <p className="address-empty">{props.word('noArea')}</p>}
      </div>
      <button type="button" className="key key-wide address-other" onClick={() => (props.onChange(null), setMode('reading'))}>
        {props.word('notInList')}
      </button>
    </div>
  );
}
