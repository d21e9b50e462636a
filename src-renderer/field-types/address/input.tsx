// An address as the city writes it: the 町字 picked from the city's list (by the first kana of its reading, or by
// postal code), then 番地・号 on a keypad, so the form prints kanji. A postal code outside the city finds its towns
// in the post office's data (offline, through the service), so an address anywhere in Japan prints in kanji too.
// 「一覧にない」 falls back to typing the reading on the multiline keyboard, which the clerk turns into kanji.
import { useEffect, useState } from 'react';
import type { PostalTown } from '../../../src-main/contract/kiosk';
import { KANA_ROWS, formatAddress, kanaRowOf } from '../../../src-main/forms/field-types/address';
import { Keypad, TypedValue, textOf, type KioskInputProps } from '../kiosk-input';
import { MultilineInput } from '../multiline/input';
import { pickedArea, type Area } from './picked';
import './address.css';

type Mode = 'list' | 'number' | 'reading';
const POSTAL = '〒';
const KANJI = /\p{Script=Han}/u;
/** What the 番地 keypad adds after a town: digits, 番地, 号, a hyphen, の. */
const NUMBER_TAIL = /[0-9０-９]+[0-9０-９番地号の\-－]*$|[番地号の\-－]+$/u;

/** The chosen town and what follows it: from the city's list, or from a postal code anywhere (kept as the prefix). */
function chosenOf(list: KioskInputProps['question']['addressList'], value: string): { prefix: string; shown: { before: string; town: string }; number: string } | undefined {
  const picked = pickedArea(list, value);
  if (list && picked) return { prefix: list.prefecture + list.city + picked.area.name, shown: { before: list.prefecture + list.city, town: picked.area.name }, number: picked.number };
  // An address found by postal code (kanji, not in the city's list): the town is what precedes the number typed.
  if (!KANJI.test(value)) return undefined;
  const number = NUMBER_TAIL.exec(value)?.[0] ?? '';
  const prefix = value.slice(0, value.length - number.length);
  return { prefix, shown: { before: '', town: prefix }, number };
}

export function AddressInput(props: KioskInputProps) {
  const list = props.question.addressList;
  const lookup = props.question.postalLookup ? props.lookupTowns : undefined;
  const value = textOf(props.value);
  const chosen = chosenOf(list, value);
  const [mode, setMode] = useState<Mode>(chosen ? 'number' : value !== '' || (!list && !lookup) ? 'reading' : 'list');
  const firstRow = list?.areas.map((a) => kanaRowOf(a.reading)).find((r) => r !== undefined) ?? 'あ';
  const [tab, setTab] = useState<string>(list ? firstRow : POSTAL);
  const [postal, setPostal] = useState('');
  const digits = postal.replace(/\D/g, '');
  const inCity = list && tab === POSTAL && digits.length >= 3 ? list.areas.filter((a) => a.postalCode.replace('-', '').startsWith(digits)) : [];
  // Seven digits that name no 町字 of the city: the post office's towns of that code, anywhere in Japan.
  const [towns, setTowns] = useState<{ code: string; towns: PostalTown[] } | null>(null);
  const wanted = lookup && tab === POSTAL && digits.length === 7 && inCity.length === 0 ? digits : null;
  useEffect(() => {
    if (wanted === null || !lookup) return;
    let live = true;
    lookup(wanted).then(
      (found) => live && setTowns({ code: wanted, towns: found }),
      () => live && setTowns({ code: wanted, towns: [] }),
    );
    return () => void (live = false);
  }, [wanted]); // the lookup function is the same for the question's life
  const found = wanted !== null && towns?.code === wanted ? towns.towns : undefined;

  if ((!list && !lookup) || mode === 'reading') {
    return (
      <div className="input-address">
        {props.question.readingByClerk && (list || lookup) && <p className="subtitle question-kanji-note">{props.word('readingForClerk')}</p>}
        <MultilineInput {...props} />
        {(list || lookup) && (
          <button type="button" className="key key-wide address-other" onClick={() => (props.onChange(null), setMode('list'))}>
            {props.word('pickFromList')}
          </button>
        )}
      </div>
    );
  }

  if (mode === 'number' && chosen) {
    const set = (number: string) => props.onChange(chosen.prefix + number);
    const add = (s: string) => (props.question.maxLength === undefined || value.length + s.length <= props.question.maxLength) && set(chosen.number + s);
    return (
      <div className="input-address">
        <div className="address-chosen">
          <span lang="ja">
            {chosen.shown.before} <strong>{chosen.shown.town}</strong>
          </span>
          <button type="button" className="key key-wide" onClick={() => (props.onChange(null), setMode('list'))}>
            {props.word('changeArea')}
          </button>
        </div>
        <TypedValue text={value} label={props.wordText('typed')} />
        <p className="address-step">{props.word('addressNumber')}</p>
        <div className="address-number">
          <Keypad onDigit={add} onBackspace={() => set([...chosen.number].slice(0, -1).join(''))} onClear={() => set('')} word={props.word} wordText={props.wordText} />
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

  const shown = tab === POSTAL ? inCity : (list?.areas ?? []).filter((a) => kanaRowOf(a.reading) === tab);
  const choose = (area: Area) => {
    props.onChange(formatAddress({ prefecture: list!.prefecture, city: list!.city, area: area.name, number: '' }));
    setMode('number');
  };
  const chooseTown = (town: PostalTown) => {
    // A code that names no town (the whole city): the town is typed by its reading, for the clerk.
    if (town.town === '') return void (props.onChange(null), setMode('reading'));
    props.onChange(town.prefecture + town.city + town.town);
    props.onPostalCode?.(`${digits.slice(0, 3)}-${digits.slice(3)}`);
    setMode('number');
  };
  return (
    <div className="input-address">
      {list && (
        <>
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
        </>
      )}
      {tab === POSTAL && (
        <div className="input-keypad">
          {!list && <p className="address-step">{props.word('postalCodeOfAddress')}</p>}
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
        {found?.map((town) => (
          <button key={`${town.prefecture}${town.city}${town.town}`} type="button" lang="ja" className="address-area address-town" onClick={() => chooseTown(town)}>
            <span className="address-area-name">
              {town.prefecture}
              {town.city}
              {town.town}
            </span>
            {town.reading !== '' && <span className="address-area-reading">{town.reading}</span>}
          </button>
        ))}
        {shown.length === 0 && tab !== POSTAL && <p className="address-empty">{props.word('noArea')}</p>}
        {found?.length === 0 && <p className="address-empty">{props.word('postalNotFound')}</p>}
      </div>
      {list && lookup && tab !== POSTAL && (
        <button type="button" className="key key-wide address-outside" onClick={() => setTab(POSTAL)}>
          {props.word('outsideCity')}
        </button>
      )}
      <button type="button" className="key key-wide address-other" onClick={() => (props.onChange(null), setMode('reading'))}>
        {props.word('notInList')}
      </button>
    </div>
  );
}
