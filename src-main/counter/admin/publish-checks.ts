// What makes a saved form unfit to print, found before it goes live: two fields' boxes on top of each other, a box
// leaving the page or crossing the lines of the grid cell it sits in, a sample value shrunk below the field's minimum
// size, and a text people read that lacks one of the kiosk's languages. Each problem names codes and field ids only;
// the words are the admin app's.
import type { PublishProblem } from '../../contract/admin';
import { LANGUAGES } from '../../contract/common';
import { bindValues, type FormData } from '../../forms/binding/bind';
import { mm } from '../../forms/engine/pdf-canvas';
import type { FontSet } from '../../forms/engine/fonts';
import { fieldTypes, type FieldTypeRegistry } from '../../forms/field-types';
import type { DrawContext, FieldValue } from '../../forms/field-types/field-type';
import { fitText } from '../../forms/field-types/text-fit';
import { pageSizeMm, type RectMm, type TextStyle } from '../../forms/model/geometry';
import { placeGridCells, type PlacedCell } from '../../forms/model/layout';
import { parseSource } from '../../forms/model/source';
import type { Template } from '../../forms/model/template';

/** Boxes may touch or share a line: only an overlap deeper than this in both directions is a problem. */
export const OVERLAP_TOLERANCE_MM = 0.5;
/**
 * Longer sample values are left out: the 130-character foreign name of the fixtures fits no name box at a readable
 * size, and when such a card comes the engine shrinks it and warns the clerk. The check is for ordinary long values.
 */
export const MAX_SAMPLE_CHARS = 100;
/** The engine's line pitch (pdf-canvas), as a multiple of the font size. */
const LINE_HEIGHT = 1.2;

export interface PublishCheckInput {
  fonts: FontSet;
  /** The sample fillings to fit (each fixture resident with sample answers); the type's own sample is always tried. */
  samples: readonly FormData[];
  /** The background's page sizes, when the form has one: the paper the boxes must stay on. */
  pagesMm?: readonly { widthMm: number; heightMm: number }[];
  today: string;
  types?: Pick<FieldTypeRegistry, 'of'>;
}

type Place = { fieldId: string; page: number; rect: RectMm; cellId: string | null };

/** Every problem that blocks publishing the template; empty when it may go live. */
export function publishProblems(template: Template, input: PublishCheckInput): PublishProblem[] {
  const types = input.types ?? fieldTypes;
  const { cells } = placeGridCells(template.layout);
  const cellRects = new Map(cells.flatMap((c) => (c.cell.id ? [[c.cell.id, c] as const] : [])));
  const places: Place[] = template.fields.flatMap((f) =>
    types.of(f.type).places(f as never).flatMap(([at]): Place[] => {
      if (typeof at !== 'string') return [{ fieldId: f.id, page: f.page, rect: at, cellId: null }];
      const cell = cellRects.get(at);
      return cell ? [{ fieldId: f.id, page: f.page, rect: cell.rect, cellId: at }] : [];
    }),
  );
  return [
    ...overlaps(places),
    ...outsidePage(template, places, input.pagesMm),
    ...outsideCell(places, cells),
    ...textTooSmall(template, input, types, new Map([...cellRects].map(([id, c]) => [id, c.rect]))),
    ...missingLanguages(template),
    ...conditionsAskedLater(template),
  ];
}

/** The audit's words for problems published anyway: codes and field ids, never a value. */
export function describeProblems(problems: readonly PublishProblem[]): string {
  return problems.map((p) => `${p.code} ${p.fieldIds.length ? p.fieldIds.join('+') : '(form)'}`).join(', ');
}

function overlaps(places: Place[]): PublishProblem[] {
  const seen = new Set<string>();
  const problems: PublishProblem[] = [];
  for (let i = 0; i < places.length; i++) {
    for (let j = i + 1; j < places.length; j++) {
      const a = places[i]!;
      const b = places[j]!;
      // A field's own parts (options, date parts) may sit side by side as they like.
      if (a.fieldId === b.fieldId || a.page !== b.page) continue;
      const key = [a.fieldId, b.fieldId].sort().join('\n');
      if (seen.has(key) || !intersects(a.rect, b.rect, OVERLAP_TOLERANCE_MM)) continue;
      seen.add(key);
      problems.push({ code: 'overlap', fieldIds: [a.fieldId, b.fieldId], page: a.page });
    }
  }
  return problems;
}

function outsidePage(template: Template, places: Place[], pagesMm: PublishCheckInput['pagesMm']): PublishProblem[] {
  const [paperW, paperH] = pageSizeMm(template.paper);
  const reported = new Set<string>();
  const problems: PublishProblem[] = [];
  for (const p of places) {
    const size = pagesMm?.[p.page - 1];
    const [w, h] = size ? [size.widthMm, size.heightMm] : [paperW, paperH];
    const [x, y, rw, rh] = p.rect;
    const off = p.page > template.paper.pages || x + rw > w + 0.01 || y + rh > h + 0.01;
    if (off && !reported.has(p.fieldId)) {
      reported.add(p.fieldId);
      problems.push({ code: 'outside-page', fieldIds: [p.fieldId], page: p.page });
    }
  }
  return problems;
}

/** A free box whose centre lies in a grid cell must stay inside that cell: otherwise it prints across its lines. */
function outsideCell(places: Place[], cells: PlacedCell[]): PublishProblem[] {
  const reported = new Set<string>();
  const problems: PublishProblem[] = [];
  for (const p of places) {
    if (p.cellId !== null || reported.has(p.fieldId)) continue;
    const [x, y, w, h] = p.rect;
    const centre = [x + w / 2, y + h / 2] as const;
    const home = cells.find((c) => c.page === p.page && c.cell.border && contains(c.rect, centre));
    if (!home || within(p.rect, home.rect, OVERLAP_TOLERANCE_MM)) continue;
    reported.add(p.fieldId);
    problems.push({ code: 'outside-cell', fieldIds: [p.fieldId], page: p.page, ...(home.cell.id ? { detail: home.cell.id } : {}) });
  }
  return problems;
}

/** Each field drawn (without a PDF) with every sample value: a text the engine would shrink below the minimum. */
function textTooSmall(template: Template, input: PublishCheckInput, types: Pick<FieldTypeRegistry, 'of'>, cells: Map<string, RectMm>): PublishProblem[] {
  const bound = input.samples.map((data) => bindValues(template, data, types));
  const problems: PublishProblem[] = [];
  for (const field of template.fields) {
    const type = types.of(field.type);
    const candidates = new Set<FieldValue>();
    for (const values of bound) {
      const v = values.get(field.id);
      if (typeof v === 'boolean' || (typeof v === 'string' && [...v].length <= MAX_SAMPLE_CHARS)) candidates.add(v);
    }
    const sample = type.sample(field as never, input.today);
    if (sample !== undefined && sample !== '') candidates.add(sample);
    let shrunk = false;
    const ctx = measuringContext(input.fonts, cells, () => (shrunk = true));
    for (const value of candidates) {
      void type.draw(ctx, field as never, value);
      if (shrunk) break;
    }
    if (shrunk) problems.push({ code: 'text-too-small', fieldIds: [field.id], page: field.page });
  }
  return problems;
}

/** The engine's text fitting (pdf-canvas) without drawing: tells when a text lands below its style's minimum. */
function measuringContext(fonts: FontSet, cells: Map<string, RectMm>, onShrunk: () => void): DrawContext {
  return {
    rect: (at) => (typeof at === 'string' ? (cells.get(at) ?? [0, 0, 1, 1]) : at),
    text: ([, , w, h]: RectMm, text: string, style: TextStyle) => {
      const pad = Math.min(style.padding, w / 4, h / 4);
      const fitted = fitText({ text, width: mm(w - 2 * pad), height: mm(h - 2 * pad), fontSize: style.fontSize, wrap: style.fit === 'wrap', lineHeight: LINE_HEIGHT }, (t) => fonts.widthAtOne(t));
      if (fitted.fontSize < style.minFontSize) onShrunk();
    },
    box: () => {},
    line: () => {},
    ellipse: () => {},
    checkMark: () => {},
    image: async () => {},
  };
}

/** Every localized text (an object with ja and easy) of the template, with the languages it lacks. */
/**
 * A question or screen whose condition tests an answer the form asks only later never shows when the resident
 * reaches it (a field's own condition may test an answer on its own screen: it appears there as the answer is given).
 */
function conditionsAskedLater(template: Template): PublishProblem[] {
  const screenAt = (f: Template['fields'][number], index: number) =>
    f.group === undefined ? index : template.fields.findIndex((x) => x.group === f.group);
  // Where an answer is asked: its screen's place (a group's screen comes where its first field is, whatever the
  // order of its other fields in the file).
  const askedAt = new Map<string, { index: number; group: string | undefined }>();
  template.fields.forEach((f, index) => {
    const s = parseSource(f.source, f.id);
    if (s.kind === 'answer' && !askedAt.has(s.key)) askedAt.set(s.key, { index: screenAt(f, index), group: f.group });
  });
  const problems: PublishProblem[] = [];
  template.fields.forEach((f, index) => {
    const s = parseSource(f.source, f.id);
    if (s.kind !== 'answer') return;
    const group = template.groups.find((g) => g.id === f.group);
    for (const [when, ownScreenOk] of [[f.when, true], [group?.when, false]] as const) {
      if (!when || 'computed' in when) continue;
      const asked = askedAt.get(when.answer);
      if (!asked) continue;
      const sameScreen = f.group !== undefined && asked.group === f.group;
      const later = sameScreen ? !ownScreenOk : asked.index > screenAt(f, index) || (asked.index === index && !ownScreenOk);
      if (later && !problems.some((p) => p.fieldIds[0] === f.id)) problems.push({ code: 'condition-order', fieldIds: [f.id], page: f.page, detail: when.answer });
    }
  });
  return problems;
}

function missingLanguages(template: Template): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i]));
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record['ja'] === 'string' && typeof record['easy'] === 'string') {
      const missing = LANGUAGES.filter((l) => typeof record[l] !== 'string' || record[l] === '');
      if (missing.length === 0) return;
      const inField = path[0] === 'fields' && typeof path[1] === 'number' ? template.fields[path[1]] : undefined;
      const where = (inField ? path.slice(2) : path).join('.');
      problems.push({ code: 'missing-language', fieldIds: inField ? [inField.id] : [], page: inField?.page ?? null, detail: `${where}: ${missing.join(', ')}` });
      return;
    }
    for (const [k, v] of Object.entries(record)) walk(v, [...path, k]);
  };
  walk(template, []);
  return problems;
}

function intersects([ax, ay, aw, ah]: RectMm, [bx, by, bw, bh]: RectMm, tolerance: number): boolean {
  const w = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
  const h = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  return w > tolerance && h > tolerance;
}

function contains([x, y, w, h]: RectMm | [number, number, number, number], [px, py]: readonly [number, number]): boolean {
  return px >= x && px <= x + w && py >= y && py <= y + h;
}

function within([x, y, w, h]: RectMm, [cx, cy, cw, ch]: [number, number, number, number], tolerance: number): boolean {
  return x >= cx - tolerance && y >= cy - tolerance && x + w <= cx + cw + tolerance && y + h <= cy + ch + tolerance;
}
