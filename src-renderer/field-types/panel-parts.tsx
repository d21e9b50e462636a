// The designer's property panel, in parts every field type's panel.tsx builds from: id, page and position in mm,
// where the value comes from, the kiosk labels, validation and the text style. React only; each part edits the
// field as authored (defaults left out stay out), and words come in ja / en beside the part that shows them, so a
// new type's panel needs nothing outside its own folder.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { At, RectMm } from '../../src-main/forms/model/geometry';
import { placeGridCells, type LayoutItem } from '../../src-main/forms/model/layout';
import { answerKeyPattern, cardItems, computedItems, parseSource, sessionItems, staffItems, visitItems } from '../../src-main/forms/model/source';
import { PERSON_SOURCE } from '../../src-main/forms/model/people';
import { isRegExp } from '../../src-main/forms/model/validation';

export type PanelLanguage = 'ja' | 'en';
/** A word of the designer in its two languages (the staff's screen is Japanese first, English second). */
export type PanelText = { ja: string; en: string };
export type Localized = { ja: string; easy: string; en: string } & Partial<Record<'zh-Hans' | 'ko' | 'vi' | 'pt', string>>;

/** What every field has, as authored in the JSON (properties with defaults may be absent). */
export interface DraftFieldBase {
  id: string;
  type: string;
  label: Localized;
  help?: Localized | undefined;
  source?: string | undefined;
  validation?: DraftValidation | undefined;
  page?: number | undefined;
  group?: string | undefined;
}

export interface DraftValidation {
  required?: boolean | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  notBefore?: string | undefined;
  notAfter?: string | undefined;
}

/** One box a field draws in, and where it sits inside the field ("at", "options.1.at", "parts.year"). */
export interface FieldPlace {
  path: (string | number)[];
  at: At;
  /** Shown on the canvas beside the field id: an option's value, a date part. */
  caption?: string;
}

export interface PanelContext {
  lang: PanelLanguage;
  pageCount: number;
  /** The layout grid's cells by id, for fields placed in one ("at": "applicant.name"). */
  cells: ReadonlyMap<string, { page: number; rect: RectMm }>;
  /** Answer keys the form (and the bundles it is in) already uses, offered when binding to an answer. */
  answerKeys: readonly string[];
  groups: readonly { id: string; label: Localized }[];
  /** Ids of the form's other fields: an id must stay unique. */
  otherIds: ReadonlySet<string>;
  myNumberUse: boolean;
  /** What validation or the preview found wrong with this field. */
  issues: readonly { path: (string | number)[]; message: string }[];
}

export interface FieldPanelProps<F extends DraftFieldBase> {
  field: F;
  /** Replaces the field. `coalesce` names an edit that repeats (typing): one undo step for the run. */
  onChange(next: F, coalesce?: string): void;
  ctx: PanelContext;
}

/** One field type's designer side: its palette entry, a new field's defaults, its boxes and its property panel. */
export interface FieldPanel<F extends DraftFieldBase = DraftFieldBase> {
  readonly type: F['type'];
  readonly name: PanelText;
  /** A one-character mark for the palette and the canvas (the kind of box at a glance). */
  readonly mark: string;
  /** The box a drop from the palette makes, in mm. */
  readonly size: readonly [number, number];
  /** A new field of this type with sensible defaults, its whole area at `rect`. */
  create(init: { id: string; page: number; rect: RectMm }): F;
  places(field: F): FieldPlace[];
  Panel(props: FieldPanelProps<F>): ReactNode;
}

export function definePanel<F extends DraftFieldBase>(panel: FieldPanel<F>): FieldPanel<F> {
  return panel;
}

export const say = (lang: PanelLanguage, text: PanelText): string => text[lang];

/** The one place most types draw in. */
export const atPlace = (field: { at: At }): FieldPlace[] => [{ path: ['at'], at: field.at }];

/** A choice's or circle's places: each option's own box, captioned with its value. */
export const optionPlaces = (field: { options: readonly { value: string; at: At }[] }): FieldPlace[] =>
  field.options.map((o, i) => ({ path: ['options', i, 'at'], at: o.at, caption: o.value }));

/** A new two-option field's boxes: the dropped rectangle split in two side by side, 2 mm apart. */
export function twoOptionBoxes([x, y, w, h]: RectMm): [RectMm, RectMm] {
  const ow = Math.max((w - 2) / 2, 1);
  return [
    [x, y, ow, h],
    [x + ow + 2, y, ow, h],
  ];
}

/** Cell id → its page and rectangle, from the layout's grids. */
export function layoutCells(layout: readonly LayoutItem[]): Map<string, { page: number; rect: RectMm }> {
  const cells = new Map<string, { page: number; rect: RectMm }>();
  // Read from the JSON as written: a grid without "page" is on page 1.
  for (const c of placeGridCells(layout).cells) if (c.cell.id && !cells.has(c.cell.id)) cells.set(c.cell.id, { page: c.page ?? 1, rect: c.rect });
  return cells;
}

/** The key of the resident's answer a field is bound to, or undefined when the value comes from elsewhere. */
export function answerKeyOf(field: Pick<DraftFieldBase, 'id' | 'source'>): string | undefined {
  const s = parseSource(field.source as never, field.id);
  return s.kind === 'answer' ? s.key : undefined;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ── small controls ───────────────────────────────────────────────────────────────────────────────────────────────

/** A labelled row: every control of the panel has a visible label tied to it. */
function Row(props: { label: string; id: string; children: ReactNode; hint?: string | undefined; problem?: string | undefined }) {
  return (
    <div className={props.problem ? 'panel-row panel-row-problem' : 'panel-row'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <small id={`${props.id}-hint`} className="panel-hint">{props.hint}</small>}
      {props.problem && <small id={`${props.id}-problem`} className="panel-problem" role="alert">{props.problem}</small>}
    </div>
  );
}

/** Text kept locally while typed, handed on as it changes; shows the parent's value again when it changes elsewhere. */
export function TextProp(props: {
  label: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
  placeholder?: string | undefined;
  hint?: string | undefined;
  problem?: string | undefined;
  /** Refuse the value (nothing is handed on) and say why. */
  check?: (value: string) => string | undefined;
  lang?: string;
  list?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(props.value ?? '');
  const [refused, setRefused] = useState<string | undefined>();
  useEffect(() => {
    setText(props.value ?? '');
    setRefused(undefined);
  }, [props.value]);
  const change = (v: string) => {
    setText(v);
    const why = props.check?.(v);
    setRefused(why);
    if (!why) props.onChange(v === '' ? undefined : v);
  };
  const problem = refused ?? props.problem;
  const common = {
    id,
    value: text,
    placeholder: props.placeholder,
    lang: props.lang,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': [props.hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined,
  };
  return (
    <Row label={props.label} id={id} hint={props.hint} problem={problem}>
      {props.multiline ? (
        <textarea {...common} rows={2} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" list={props.list} autoComplete="off" spellCheck={false} onChange={(e) => change(e.target.value)} />
      )}
    </Row>
  );
}

/** A number typed freely ("1." on the way to "1.5"); handed on only when it parses and lies in range. */
export function NumberProp(props: {
  label: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
  min?: number;
  max?: number;
  step?: number;
  /** Shown greyed when the property is left out (the type's default). */
  placeholder?: number | string | undefined;
  integer?: boolean;
  optional?: boolean;
  unit?: string;
  problem?: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  useEffect(() => setText(props.value === undefined ? '' : String(props.value)), [props.value]);
  const change = (v: string) => {
    setText(v);
    if (v.trim() === '') return props.optional !== false && props.onChange(undefined);
    const n = Number(v);
    if (!Number.isFinite(n) || (props.integer && !Number.isInteger(n))) return;
    if ((props.min !== undefined && n < props.min) || (props.max !== undefined && n > props.max)) return;
    props.onChange(n);
  };
  return (
    <Row label={props.unit ? `${props.label} (${props.unit})` : props.label} id={id} problem={props.problem}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={props.min}
        max={props.max}
        step={props.step ?? (props.integer ? 1 : 0.5)}
        placeholder={props.placeholder === undefined ? undefined : String(props.placeholder)}
        aria-invalid={props.problem ? true : undefined}
        onChange={(e) => change(e.target.value)}
      />
    </Row>
  );
}

export function BooleanProp(props: { label: string; value: boolean | undefined; fallback: boolean; onChange(value: boolean): void; hint?: string }) {
  const id = useId();
  return (
    <div className="panel-check">
      <input id={id} type="checkbox" checked={props.value ?? props.fallback} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <small id={`${id}-hint`} className="panel-hint">{props.hint}</small>}
    </div>
  );
}

export function ChoiceProp<V extends string>(props: {
  label: string;
  value: V | undefined;
  fallback: V;
  options: readonly { value: V; text: string }[];
  onChange(value: V): void;
}) {
  const id = useId();
  return (
    <Row label={props.label} id={id}>
      <select id={id} value={props.value ?? props.fallback} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </Row>
  );
}

export function Section(props: { title: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="panel-section" open={props.open ?? true}>
      <summary>{props.title}</summary>
      <div className="panel-section-body">{props.children}</div>
    </details>
  );
}

// ── shared parts ─────────────────────────────────────────────────────────────────────────────────────────────────

const words = {
  id: { ja: '項目ID', en: 'Field id' },
  idHint: { ja: '英小文字で始め、英数字と . _ - （回答キーにもなります）', en: 'Starts with a lowercase letter; letters, digits, . _ - (also the answer key)' },
  idTaken: { ja: 'このIDは他の項目が使っています', en: 'Another field has this id' },
  idPattern: { ja: '英小文字で始め、英数字と . _ - だけにしてください', en: 'Start with a lowercase letter; only letters, digits, . _ -' },
  page: { ja: 'ページ', en: 'Page' },
  position: { ja: '位置と大きさ（mm）', en: 'Position and size (mm)' },
  x: { ja: '左 x', en: 'Left x' },
  y: { ja: '上 y', en: 'Top y' },
  w: { ja: '幅 w', en: 'Width w' },
  h: { ja: '高さ h', en: 'Height h' },
  inCell: { ja: '表のセル「{cell}」に配置（{rect}）', en: 'In the layout cell "{cell}" ({rect})' },
  noCell: { ja: 'セル「{cell}」は表にありません', en: 'The layout has no cell "{cell}"' },
  detach: { ja: 'mm指定の枠にする', en: 'Use a box in mm instead' },
  source: { ja: '値の出どころ', en: 'Where the value comes from' },
  sourceKind: { ja: '種類', en: 'Kind' },
  'kind.answer': { ja: '住民の回答（質問する）', en: "Resident's answer (asked)" },
  'kind.card': { ja: 'マイナンバーカードの券面事項', en: 'My Number Card item' },
  'kind.computed': { ja: '計算（今日・年齢）', en: 'Computed (today, age)' },
  'kind.session': { ja: '窓口の情報', en: 'Counter session' },
  'kind.visit': { ja: 'この来庁の住所', en: 'Address of this visit' },
  'kind.staff': { ja: '職員記入欄（窓口で職員が記入）', en: 'Staff area (filled at the desk)' },
  'kind.person': { ja: '一緒に届け出る人（一度だけ質問）', en: 'A person entered once for the visit' },
  'kind.value': { ja: '固定の文字', en: 'Constant text' },
  person: { ja: '人と項目', en: 'Person and item' },
  personHint: { ja: '役割[何人目].項目 — 役割は member（全員）, spouse, child、項目は kana, name, birthDate, sex, relationship, living, myNumber, occupation, workplace, code。例 child[0].birthDate', en: 'role[index].item — roles member (everyone), spouse, child; items kana, name, birthDate, sex, relationship, living, myNumber, occupation, workplace, code. E.g. child[0].birthDate' },
  personBad: { ja: '例のような形にしてください（child[0].birthDate）', en: 'Write it like the example (child[0].birthDate)' },
  answerKey: { ja: '回答キー', en: 'Answer key' },
  answerKeyHint: { ja: '空欄なら項目IDで質問します。同じキーの項目は一度だけ質問されます（束でも共通）。', en: 'Empty: the field id. Fields with the same key are asked once (across a bundle too).' },
  answerKeyBad: { ja: '英小文字で始め、英数字と . _ - だけにしてください', en: 'Start with a lowercase letter; only letters, digits, . _ -' },
  'card.name': { ja: '氏名', en: 'Name' },
  'card.address': { ja: '住所', en: 'Address' },
  'card.birthDate': { ja: '生年月日', en: 'Date of birth' },
  'card.sex': { ja: '性別', en: 'Sex' },
  'card.myNumber': { ja: '個人番号（番号利用事務のみ）', en: 'My Number (番号利用事務 forms only)' },
  'computed.today': { ja: '今日の日付', en: "Today's date" },
  'computed.age': { ja: '年齢', en: 'Age' },
  'session.ticketNumber': { ja: '受付番号', en: 'Ticket number' },
  'session.cityName': { ja: '市区町村名', en: 'City name' },
  'session.windowName': { ja: '窓口名', en: 'Counter name' },
  'visit.address': { ja: '手続き後の住所（転入・転居なら新住所）', en: 'Address after this visit (the new one for a move)' },
  'visit.addressBefore': { ja: '手続き前の住所（カードの住所）', en: 'Address before this visit (the card\'s)' },
  'staff.idDocument': { ja: '本人確認書類（選択肢の値は my-number-card, driver-license, passport, residence-card, health-insurance, other）', en: 'Identity document checked (option values my-number-card, driver-license, passport, residence-card, health-insurance, other)' },
  'staff.fee': { ja: '手数料（様式の手数料の設定から計算）', en: 'Fee (computed from the form\'s fee)' },
  item: { ja: '項目', en: 'Item' },
  constant: { ja: '印字する文字', en: 'Text to print' },
  myNumberOff: { ja: 'この様式は番号利用事務ではありません（文書の設定で変更）', en: 'This form is not a 番号利用事務 form (see the document settings)' },
  labels: { ja: 'キオスクでの表示', en: 'Shown in the kiosk' },
  question: { ja: '質問・見出し', en: 'Question or caption' },
  'label.ja': { ja: '日本語', en: 'Japanese' },
  'label.easy': { ja: 'やさしい日本語', en: 'Easy Japanese' },
  'label.en': { ja: '英語', en: 'English' },
  moreLanguages: { ja: '他の言語（中文・한국어・Tiếng Việt・Português）', en: 'Other languages (中文, 한국어, Tiếng Việt, Português)' },
  missingLanguages: { ja: '未入力があります', en: 'some missing' },
  help: { ja: '補足（任意）', en: 'Hint (optional)' },
  needed: { ja: '入力してください', en: 'Required' },
  group: { ja: '質問画面のグループ', en: 'Question screen group' },
  noGroup: { ja: '（なし）', en: '(none)' },
  validation: { ja: '入力のチェック', en: 'Validation' },
  required: { ja: '必須', en: 'Required' },
  minLength: { ja: '最小文字数', en: 'Minimum length' },
  maxLength: { ja: '最大文字数', en: 'Maximum length' },
  pattern: { ja: '正規表現（全体一致）', en: 'Regular expression (whole value)' },
  badPattern: { ja: '正規表現として読めません', en: 'Not a valid regular expression' },
  min: { ja: '最小値', en: 'Minimum' },
  max: { ja: '最大値', en: 'Maximum' },
  notBefore: { ja: 'これより前は不可（YYYY-MM-DD か today）', en: 'Not before (YYYY-MM-DD or today)' },
  notAfter: { ja: 'これより後は不可（YYYY-MM-DD か today）', en: 'Not after (YYYY-MM-DD or today)' },
  badDate: { ja: 'YYYY-MM-DD か today で入力してください', en: 'Use YYYY-MM-DD or today' },
  style: { ja: '文字の配置', en: 'Text style' },
  fontSize: { ja: '文字サイズ', en: 'Font size' },
  minFontSize: { ja: '最小サイズ（これ未満は警告）', en: 'Minimum size (warn below)' },
  align: { ja: '横位置', en: 'Horizontal alignment' },
  valign: { ja: '縦位置', en: 'Vertical alignment' },
  fit: { ja: '収まらないとき', en: 'When it does not fit' },
  padding: { ja: '内側の余白', en: 'Inner margin' },
  left: { ja: '左', en: 'Left' },
  center: { ja: '中央', en: 'Centre' },
  right: { ja: '右', en: 'Right' },
  top: { ja: '上', en: 'Top' },
  middle: { ja: '中央', en: 'Middle' },
  bottom: { ja: '下', en: 'Bottom' },
  shrink: { ja: '1行のまま縮小', en: 'One line, shrink' },
  wrap: { ja: '折り返して縮小', en: 'Wrap, then shrink' },
  options: { ja: '選択肢', en: 'Options' },
  optionValue: { ja: '値', en: 'Value' },
  optionLabel: { ja: '表示', en: 'Label' },
  addOption: { ja: '選択肢を追加', en: 'Add an option' },
  removeOption: { ja: '削除', en: 'Remove' },
  option: { ja: '選択肢 {n}', en: 'Option {n}' },
  problems: { ja: 'この項目の問題', en: 'Problems of this field' },
} satisfies Record<string, PanelText>;

export type PartWord = keyof typeof words;
export const partWord = (lang: PanelLanguage, key: PartWord, slots: Record<string, string | number> = {}): string =>
  words[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(slots[k] ?? ''));

/** The problems validation and the preview found on this field, at the top of its panel. */
export function FieldProblems(props: { ctx: PanelContext }) {
  if (props.ctx.issues.length === 0) return null;
  return (
    <div className="panel-problems" role="alert">
      <strong>{partWord(props.ctx.lang, 'problems')}</strong>
      <ul>
        {props.ctx.issues.map((i, n) => (
          <li key={n}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** id, page, the kiosk group: what identifies a field. */
export function IdentityPart<F extends DraftFieldBase>({ field, onChange, ctx }: FieldPanelProps<F>) {
  const w = (k: PartWord) => partWord(ctx.lang, k);
  return (
    <>
      <TextProp
        label={w('id')}
        value={field.id}
        hint={w('idHint')}
        check={(v) => (!answerKeyPattern.test(v) ? w('idPattern') : ctx.otherIds.has(v) ? w('idTaken') : undefined)}
        onChange={(id) => id && onChange({ ...field, id }, `id`)}
      />
      <ChoiceProp
        label={w('page')}
        value={String(field.page ?? 1)}
        fallback="1"
        options={Array.from({ length: Math.max(ctx.pageCount, field.page ?? 1) }, (_, i) => ({ value: String(i + 1), text: String(i + 1) }))}
        onChange={(p) => onChange(withOptional(field, 'page', Number(p) === 1 ? undefined : Number(p)))}
      />
      {ctx.groups.length > 0 && (
        <ChoiceProp
          label={w('group')}
          value={field.group ?? ''}
          fallback=""
          options={[{ value: '', text: w('noGroup') }, ...ctx.groups.map((g) => ({ value: g.id, text: `${g.id} — ${g.label[ctx.lang]}` }))]}
          onChange={(g) => onChange(withOptional(field, 'group', g === '' ? undefined : g))}
        />
      )}
    </>
  );
}

/** x, y, w, h in mm of one place (or, for a field in a layout cell, the cell read-only and a way out of it). */
export function RectPart(props: {
  at: At;
  lang: PanelLanguage;
  cells: PanelContext['cells'];
  onChange(at: At, coalesce?: string): void;
  title?: string;
}) {
  const w = (k: PartWord, slots?: Record<string, string | number>) => partWord(props.lang, k, slots);
  if (typeof props.at === 'string') {
    const cell = props.cells.get(props.at);
    return (
      <div className="panel-cell">
        {props.title && <strong>{props.title}</strong>}
        <p>{cell ? w('inCell', { cell: props.at, rect: cell.rect.map(round2).join(', ') + ' mm' }) : w('noCell', { cell: props.at })}</p>
        {cell && (
          <button type="button" onClick={() => props.onChange(cell.rect.map(round2) as RectMm)}>
            {w('detach')}
          </button>
        )}
      </div>
    );
  }
  const rect = props.at;
  const set = (i: number, v: number | undefined) => {
    if (v === undefined) return;
    const next = [...rect] as RectMm;
    next[i] = v;
    props.onChange(next, `rect${i}`);
  };
  return (
    <fieldset className="panel-rect">
      <legend>{props.title ? `${props.title} (mm)` : w('position')}</legend>
      {(['x', 'y', 'w', 'h'] as const).map((k, i) => (
        <NumberProp key={k} label={w(k)} value={rect[i]} min={i < 2 ? 0 : 0.5} max={1000} step={0.5} optional={false} onChange={(v) => set(i, v)} />
      ))}
    </fieldset>
  );
}

/** The position of a field with one place ("at"). */
export function PositionPart<F extends DraftFieldBase & { at: At }>({ field, onChange, ctx }: FieldPanelProps<F>) {
  return <RectPart at={field.at} lang={ctx.lang} cells={ctx.cells} onChange={(at, c) => onChange({ ...field, at }, c)} />;
}

type SourceKind = 'answer' | 'card' | 'computed' | 'session' | 'visit' | 'staff' | 'person' | 'value';

/** Where the value comes from: the resident's answer (and its key), a card item, computed, the session, a constant. */
export function SourcePart<F extends DraftFieldBase>({ field, onChange, ctx }: FieldPanelProps<F>) {
  const w = (k: PartWord) => partWord(ctx.lang, k);
  const parsed = parseSource(field.source as never, field.id);
  const listId = useId();
  const set = (source: string | undefined, coalesce?: string) => onChange(withOptional(field, 'source', source), coalesce);
  const switchKind = (kind: SourceKind) => {
    if (kind === parsed.kind) return;
    set(kind === 'answer' ? undefined : kind === 'card' ? 'card.name' : kind === 'computed' ? 'computed.today' : kind === 'session' ? 'session.cityName' : kind === 'visit' ? 'visit.address' : kind === 'staff' ? 'staff.idDocument' : kind === 'person' ? 'person:member[0].kana' : 'value:―');
  };
  const items = parsed.kind === 'card' ? cardItems : parsed.kind === 'computed' ? computedItems : parsed.kind === 'session' ? sessionItems : parsed.kind === 'visit' ? visitItems : parsed.kind === 'staff' ? staffItems : [];
  return (
    <Section title={w('source')}>
      <ChoiceProp<SourceKind>
        label={w('sourceKind')}
        value={parsed.kind}
        fallback="answer"
        options={(['answer', 'card', 'computed', 'session', 'visit', 'staff', 'person', 'value'] as const).map((k) => ({ value: k, text: w(`kind.${k}`) }))}
        onChange={switchKind}
      />
      {parsed.kind === 'answer' && (
        <>
          <TextProp
            label={w('answerKey')}
            value={field.source?.startsWith('answer:') ? parsed.key : undefined}
            placeholder={field.id}
            hint={w('answerKeyHint')}
            list={listId}
            check={(v) => (v === '' || answerKeyPattern.test(v) ? undefined : w('answerKeyBad'))}
            onChange={(key) => set(key === undefined || key === field.id ? undefined : `answer:${key}`, 'answerKey')}
          />
          <datalist id={listId}>
            {ctx.answerKeys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </>
      )}
      {(parsed.kind === 'card' || parsed.kind === 'computed' || parsed.kind === 'session' || parsed.kind === 'visit' || parsed.kind === 'staff') && (
        <ChoiceProp
          label={w('item')}
          value={`${parsed.kind}.${parsed.item}`}
          fallback={`${parsed.kind}.${items[0]}`}
          options={items.map((i) => ({ value: `${parsed.kind}.${i}`, text: w(`${parsed.kind}.${i}` as PartWord) }))}
          onChange={(s) => set(s)}
        />
      )}
      {parsed.kind === 'card' && parsed.item === 'myNumber' && !ctx.myNumberUse && <p className="panel-problem">{w('myNumberOff')}</p>}
      {parsed.kind === 'person' && (
        <TextProp
          label={w('person')}
          value={field.source?.slice('person:'.length)}
          hint={w('personHint')}
          check={(v) => (PERSON_SOURCE.test(`person:${v}`) ? undefined : w('personBad'))}
          onChange={(v) => v !== undefined && PERSON_SOURCE.test(`person:${v}`) && set(`person:${v}`, 'person')}
        />
      )}
      {parsed.kind === 'value' && (
        <TextProp label={w('constant')} value={parsed.text} onChange={(t) => set(`value:${t ?? '―'}`, 'constant')} />
      )}
    </Section>
  );
}

/** A text in the kiosk's three languages; each must be filled in. */
export function LocalizedPart(props: { title: string; value: Localized | undefined; lang: PanelLanguage; onChange(value: Localized, coalesce?: string): void; optional?: boolean; onRemove?: () => void }) {
  const w = (k: PartWord) => partWord(props.lang, k);
  const value = props.value ?? { ja: '', easy: '', en: '' };
  return (
    <fieldset className="panel-localized">
      <legend>{props.title}</legend>
      {(['ja', 'easy', 'en'] as const).map((k) => (
        <TextProp
          key={k}
          label={w(`label.${k}`)}
          lang={k === 'en' ? 'en' : 'ja'}
          value={value[k]}
          problem={value[k] === '' && !props.optional ? w('needed') : undefined}
          onChange={(t) => props.onChange({ ...value, [k]: t ?? '' }, `localized.${props.title}.${k}`)}
        />
      ))}
      {/* The kiosk's other four languages: folded, but marked while one is missing (publishing checks them too). */}
      <details className="panel-more-languages">
        <summary>
          {w('moreLanguages')}
          {OTHER_LANGUAGES.some((k) => !value[k]) && !props.optional && <span className="panel-problem"> {w('missingLanguages')}</span>}
        </summary>
        {OTHER_LANGUAGES.map((k) => (
          <TextProp
            key={k}
            label={OTHER_LANGUAGE_NAMES[k]}
            lang={k}
            value={value[k] ?? ''}
            onChange={(t) => {
              const next: Localized = { ...value };
              if (t) next[k] = t;
              else delete next[k];
              props.onChange(next, `localized.${props.title}.${k}`);
            }}
          />
        ))}
      </details>
    </fieldset>
  );
}

const OTHER_LANGUAGES = ['zh-Hans', 'ko', 'vi', 'pt'] as const;
const OTHER_LANGUAGE_NAMES: Record<(typeof OTHER_LANGUAGES)[number], string> = { 'zh-Hans': '中文（简体）', ko: '한국어', vi: 'Tiếng Việt', pt: 'Português' };

/** The question the kiosk shows (ja / やさしい日本語 / en), and an optional hint under it. */
export function LabelsPart<F extends DraftFieldBase>({ field, onChange, ctx }: FieldPanelProps<F>) {
  const w = (k: PartWord) => partWord(ctx.lang, k);
  const [withHelp, setWithHelp] = useState(field.help !== undefined);
  return (
    <Section title={w('labels')}>
      <LocalizedPart title={w('question')} value={field.label} lang={ctx.lang} onChange={(label, c) => onChange({ ...field, label }, c)} />
      <BooleanProp label={w('help')} value={withHelp} fallback={false} onChange={(on) => {
        setWithHelp(on);
        if (!on) onChange(withOptional(field, 'help', undefined));
      }} />
      {withHelp && (
        <LocalizedPart title={w('help')} value={field.help} lang={ctx.lang} optional onChange={(help, c) => onChange({ ...field, help }, c)} />
      )}
    </Section>
  );
}

export type ValidationKind = 'length' | 'pattern' | 'range' | 'dates';

const isoOrToday = /^(\d{4}-\d{2}-\d{2}|today)$/;

/** Required, and the checks that make sense for the type (lengths and pattern for text, range for numbers…). */
export function ValidationPart<F extends DraftFieldBase>({ field, onChange, ctx, kinds }: FieldPanelProps<F> & { kinds: readonly ValidationKind[] }) {
  const w = (k: PartWord) => partWord(ctx.lang, k);
  const v = field.validation ?? {};
  const set = <K extends keyof DraftValidation>(key: K, value: DraftValidation[K], coalesce?: string) => {
    const next = withOptional(v, key, value);
    onChange(withOptional(field, 'validation', Object.keys(next).length === 0 ? undefined : next), coalesce);
  };
  return (
    <Section title={w('validation')}>
      <BooleanProp label={w('required')} value={v.required} fallback={false} onChange={(on) => set('required', on ? true : undefined)} />
      {kinds.includes('length') && (
        <div className="panel-pair">
          <NumberProp label={w('minLength')} value={v.minLength} integer min={0} onChange={(n) => set('minLength', n, 'minLength')} />
          <NumberProp label={w('maxLength')} value={v.maxLength} integer min={1} onChange={(n) => set('maxLength', n, 'maxLength')} />
        </div>
      )}
      {kinds.includes('pattern') && (
        <TextProp label={w('pattern')} value={v.pattern} check={(p) => (isRegExp(p) ? undefined : w('badPattern'))} onChange={(p) => set('pattern', p, 'pattern')} />
      )}
      {kinds.includes('range') && (
        <div className="panel-pair">
          <NumberProp label={w('min')} value={v.min} onChange={(n) => set('min', n, 'min')} />
          <NumberProp label={w('max')} value={v.max} onChange={(n) => set('max', n, 'max')} />
        </div>
      )}
      {kinds.includes('dates') && (
        <>
          <TextProp label={w('notBefore')} value={v.notBefore} placeholder="1900-01-01" check={(d) => (d === '' || isoOrToday.test(d) ? undefined : w('badDate'))} onChange={(d) => set('notBefore', d, 'notBefore')} />
          <TextProp label={w('notAfter')} value={v.notAfter} placeholder="today" check={(d) => (d === '' || isoOrToday.test(d) ? undefined : w('badDate'))} onChange={(d) => set('notAfter', d, 'notAfter')} />
        </>
      )}
    </Section>
  );
}

export interface DraftTextStyle {
  fontSize?: number | undefined;
  minFontSize?: number | undefined;
  align?: 'left' | 'center' | 'right' | undefined;
  valign?: 'top' | 'middle' | 'bottom' | undefined;
  fit?: 'shrink' | 'wrap' | undefined;
  padding?: number | undefined;
}

/** The TextStyle defaults of the model; a type may change some (kana 8 pt, number right-aligned, multiline wraps). */
export const textStyleDefaults: Required<DraftTextStyle> = { fontSize: 10.5, minFontSize: 6, align: 'left', valign: 'middle', fit: 'shrink', padding: 1 };

/** Font size, the size below which the clerk is warned, alignment and how a long value fits. */
export function TextStylePart<F extends DraftFieldBase & DraftTextStyle>({ field, onChange, ctx, defaults = {} }: FieldPanelProps<F> & { defaults?: Partial<DraftTextStyle> }) {
  const w = (k: PartWord) => partWord(ctx.lang, k);
  const d = { ...textStyleDefaults, ...defaults };
  const set = <K extends keyof DraftTextStyle>(key: K, value: DraftTextStyle[K], coalesce?: string) =>
    onChange(withOptional(field as DraftTextStyle, key, value) as F, coalesce);
  return (
    <Section title={w('style')}>
      <div className="panel-pair">
        <NumberProp label={w('fontSize')} unit="pt" value={field.fontSize} placeholder={d.fontSize} min={4} max={72} step={0.5} onChange={(n) => set('fontSize', n, 'fontSize')} />
        <NumberProp label={w('minFontSize')} unit="pt" value={field.minFontSize} placeholder={d.minFontSize} min={3} max={72} step={0.5} onChange={(n) => set('minFontSize', n, 'minFontSize')} />
      </div>
      <div className="panel-pair">
        <ChoiceProp label={w('align')} value={field.align} fallback={d.align} options={(['left', 'center', 'right'] as const).map((a) => ({ value: a, text: w(a) }))} onChange={(a) => set('align', a === d.align ? undefined : a)} />
        <ChoiceProp label={w('valign')} value={field.valign} fallback={d.valign} options={(['top', 'middle', 'bottom'] as const).map((a) => ({ value: a, text: w(a) }))} onChange={(a) => set('valign', a === d.valign ? undefined : a)} />
      </div>
      <div className="panel-pair">
        <ChoiceProp label={w('fit')} value={field.fit} fallback={d.fit} options={(['shrink', 'wrap'] as const).map((a) => ({ value: a, text: w(a) }))} onChange={(a) => set('fit', a === d.fit ? undefined : a)} />
        <NumberProp label={w('padding')} unit="mm" value={field.padding} placeholder={d.padding} min={0} max={10} step={0.5} onChange={(n) => set('padding', n, 'padding')} />
      </div>
    </Section>
  );
}

/** A field's only font size (tick and digit types draw without the full text style). */
export function FontSizePart<F extends DraftFieldBase & { fontSize?: number | undefined }>({ field, onChange, ctx, fallback }: FieldPanelProps<F> & { fallback: number }) {
  return (
    <NumberProp label={partWord(ctx.lang, 'fontSize')} unit="pt" value={field.fontSize} placeholder={fallback} min={4} max={40} step={0.5} onChange={(n) => onChange(withOptional(field, 'fontSize', n), 'fontSize')} />
  );
}

export interface DraftOption {
  value: string;
  label: Localized;
  at: At;
}

/** The options of a choice or circle field: value, label, and each one's box on paper. */
export function OptionsPart<F extends DraftFieldBase & { options: DraftOption[] }>({ field, onChange, ctx, minimum = 2 }: FieldPanelProps<F> & { minimum?: number }) {
  const w = (k: PartWord, slots?: Record<string, string | number>) => partWord(ctx.lang, k, slots);
  const setOption = (i: number, patch: Partial<DraftOption>, coalesce?: string) =>
    onChange({ ...field, options: field.options.map((o, n) => (n === i ? { ...o, ...patch } : o)) }, coalesce && `option${i}.${coalesce}`);
  const add = () => {
    const last = field.options[field.options.length - 1];
    const at: At = last && typeof last.at !== 'string' ? [Math.min(last.at[0] + last.at[2] + 2, 990), last.at[1], last.at[2], last.at[3]] : [10, 10, 20, 6];
    const n = field.options.length + 1;
    onChange({ ...field, options: [...field.options, { value: `option${n}`, label: { ja: `選択肢${n}`, easy: `せんたくし${n}`, en: `Option ${n}` }, at }] });
  };
  return (
    <Section title={w('options')}>
      <ol className="panel-options">
        {field.options.map((o, i) => (
          <li key={i}>
            <fieldset>
              <legend>{w('option', { n: i + 1 })}</legend>
              <TextProp label={w('optionValue')} value={o.value} check={(v) => (v === '' ? w('needed') : undefined)} onChange={(value) => value && setOption(i, { value }, 'value')} />
              <LocalizedPart title={w('optionLabel')} value={o.label} lang={ctx.lang} onChange={(label, c) => setOption(i, { label }, c)} />
              <RectPart at={o.at} lang={ctx.lang} cells={ctx.cells} onChange={(at, c) => setOption(i, { at }, c)} />
              <button type="button" disabled={field.options.length <= minimum} onClick={() => onChange({ ...field, options: field.options.filter((_, n) => n !== i) })}>
                {w('removeOption')}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add}>{w('addOption')}</button>
    </Section>
  );
}

/** A copy with `key` set, or left out when `value` is undefined (so defaults stay defaults in the JSON). */
export function withOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
