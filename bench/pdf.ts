// npm run bench:pdf — how fast Kakanai fills forms, beside @pdfme/generator drawing the same forms with the same
// font. Prints a table; asserts nothing (targets: warm ≤ 30 ms per form, 転入 bundle ≤ 150 ms, ≤ 150 KB per form,
// ≥ 2× faster than pdfme).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@pdfme/generator';
import { ellipse, line, rectangle, text } from '@pdfme/schemas';
import type { Template as PdfmeTemplate } from '@pdfme/common';
import { bindValues } from '../src-main/forms/binding/bind';
import { FontSet } from '../src-main/forms/engine/fonts';
import { renderForms } from '../src-main/forms/engine/render';
import { fieldTypeOf } from '../src-main/forms/field-types';
import { digitBoxes } from '../src-main/forms/field-types/digits';
import { loadLibrary, repoRoot } from '../src-main/forms/load';
import type { RectMm } from '../src-main/forms/model/geometry';
import { placeGridCells } from '../src-main/forms/model/layout';
import type { Template } from '../src-main/forms/model/template';
import { referenceData } from '../src-main/forms/reference-pages';

const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 40);
const fontPath = join(repoRoot, 'node_modules/@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf');
const data = referenceData();

type Row = { what: string; engine: string; coldMs: number; medianMs: number; p95Ms: number; kb: number };

async function timeWarm(fn: () => Promise<Uint8Array>): Promise<{ median: number; p95: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = (await fn()).length;
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!, bytes };
}

// --- Kakanai -----------------------------------------------------------------------------------------------
// Only the main font, as pdfme gets: the same face, the same glyphs (the sample has no character outside it
// except 𠮷, which both engines then draw as .notdef — a fair race; the glyph check is measured separately).
const library = loadLibrary();
const forms = ['juminhyo-request', 'jido-teate-nintei'].map((id) => library.templates.get(id)!);

async function kakanaiRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const t0 = performance.now();
  const fonts = new FontSet({ name: 'BIZUDPGothic', bytes: readFileSync(fontPath) });
  await renderForms({ templates: [forms[0]!], data, fonts });
  const cold = performance.now() - t0;
  for (const form of forms) {
    const r = await timeWarm(async () => (await renderForms({ templates: [form], data, fonts })).pdf);
    rows.push({ what: form.id, engine: 'kakanai (pdf-lib)', coldMs: form === forms[0] ? cold : NaN, medianMs: r.median, p95Ms: r.p95, kb: r.bytes / 1024 });
  }
  const b = await timeWarm(async () => (await renderForms({ templates: forms, data, fonts })).pdf);
  rows.push({ what: `bundle moving-in (${forms.length} forms)`, engine: 'kakanai (pdf-lib)', coldMs: NaN, medianMs: b.median, p95Ms: b.p95, kb: b.bytes / 1024 });
  return rows;
}

// --- pdfme: the same drawing, described as pdfme schemas ----------------------------------------------------
type PdfmeSchema = Record<string, unknown> & { name: string; type: string };

function asPdfme(t: Template): { schemas: PdfmeSchema[]; input: Record<string, string> } {
  const schemas: PdfmeSchema[] = [];
  const input: Record<string, string> = {};
  let n = 0;
  const box = ([x, y, w, h]: RectMm, border: number, fill = '') => schemas.push({ name: `r${n++}`, type: 'rectangle', position: { x, y }, width: w, height: h, borderWidth: border, borderColor: '#000000', color: fill, readOnly: true });
  const label = ([x, y, w, h]: RectMm, content: string, size: number, alignment: string) =>
    schemas.push({ name: `l${n++}`, type: 'text', position: { x, y }, width: w, height: h, content, readOnly: true, fontSize: size, alignment, verticalAlignment: 'middle', lineHeight: 1.2, characterSpacing: 0, fontColor: '#000000', backgroundColor: '', fontName: 'BIZ', dynamicFontSize: { min: 4, max: size, fit: 'horizontal' } });
  const value = ([x, y, w, h]: RectMm, content: string, size: number, alignment: string) => {
    const name = `v${n++}`;
    schemas.push({ name, type: 'text', position: { x, y }, width: w, height: h, fontSize: size, alignment, verticalAlignment: 'middle', lineHeight: 1.2, characterSpacing: 0, fontColor: '#000000', backgroundColor: '', fontName: 'BIZ', dynamicFontSize: { min: 3, max: size, fit: 'horizontal' } });
    input[name] = content;
  };
  const cells = new Map<string, RectMm>();
  for (const item of t.layout) {
    if (item.kind === 'label' && typeof item.at !== 'string') label(item.at, item.text, item.size, item.align);
    if (item.kind === 'box') box(item.at, item.line, item.fill);
    if (item.kind === 'rule') schemas.push({ name: `h${n++}`, type: 'line', position: { x: item.from[0], y: item.from[1] }, width: item.to[0] - item.from[0], height: item.line, color: '#000000', readOnly: true });
    if (item.kind === 'grid') {
      for (const { rect, cell } of placeGridCells([item]).cells) {
        box(rect, item.line, cell.fill ?? '');
        if (cell.label) label(rect, cell.label, cell.size, cell.align);
        if (cell.id) cells.set(cell.id, rect);
      }
    }
  }
  const at = (a: string | RectMm) => (typeof a === 'string' ? cells.get(a)! : a);
  const values = bindValues(t, data);
  for (const f of t.fields) {
    const v = values.get(f.id);
    if (f.type === 'choice' || f.type === 'circle') {
      for (const o of f.options) {
        label(at(o.at), o.label.ja, f.fontSize, 'center');
        if (o.value === v) schemas.push({ name: `e${n++}`, type: 'ellipse', position: { x: at(o.at)[0], y: at(o.at)[1] }, width: at(o.at)[2], height: at(o.at)[3], borderWidth: 0.3, borderColor: '#000000', color: '', readOnly: true });
      }
    } else if (f.type === 'digits') {
      const boxes = digitBoxes(f, at(f.at));
      boxes.forEach((b) => box(b, 0.2));
      if (typeof v === 'string') [...v].forEach((d, i) => value(boxes[boxes.length - v.length + i]!, d, f.fontSize, 'center'));
    } else if (f.type === 'checkbox') {
      box(at(f.at), 0.25);
      if (v === true) value(at(f.at), '✓', f.fontSize, 'left');
    } else if ('at' in f && f.at !== undefined && f.type !== 'signature') {
      const printed = fieldTypeOf(f.type).printedTexts(f as never, v);
      if (printed[0]) value(at(f.at), printed[0], 'fontSize' in f ? f.fontSize : 10.5, 'align' in f ? f.align : 'left');
    }
  }
  return { schemas, input };
}

async function pdfmeRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const plugins = { text, rectangle, ellipse, line };
  const font = { BIZ: { data: readFileSync(fontPath), fallback: true, subset: true } };
  const page = { width: 210, height: 297, padding: [0, 0, 0, 0] as [number, number, number, number] };
  const one = (ts: Template[]) => {
    const converted = ts.map(asPdfme);
    const template = { basePdf: page, schemas: converted.map((c) => c.schemas) } as unknown as PdfmeTemplate;
    const inputs = [Object.assign({}, ...converted.map((c) => c.input))];
    return () => generate({ template, inputs, plugins, options: { font } });
  };
  const t0 = performance.now();
  await one([forms[0]!])();
  const cold = performance.now() - t0;
  for (const form of forms) {
    const r = await timeWarm(one([form]));
    rows.push({ what: form.id, engine: '@pdfme/generator', coldMs: form === forms[0] ? cold : NaN, medianMs: r.median, p95Ms: r.p95, kb: r.bytes / 1024 });
  }
  const b = await timeWarm(one(forms));
  rows.push({ what: `bundle moving-in (${forms.length} forms)`, engine: '@pdfme/generator', coldMs: NaN, medianMs: b.median, p95Ms: b.p95, kb: b.bytes / 1024 });
  return rows;
}

const ours = await kakanaiRows();
const theirs = await pdfmeRows();
const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
console.log(`\nForm rendering, A4, BIZ UDPGothic subset, ${WARM_RUNS} warm runs each (Node ${process.version})\n`);
console.log('| form | engine | cold ms | warm median ms | warm p95 ms | KB | pdfme ÷ kakanai (median) |');
console.log('|---|---|---:|---:|---:|---:|---:|');
ours.forEach((r, i) => {
  const p = theirs[i]!;
  console.log(`| ${r.what} | ${r.engine} | ${fmt(r.coldMs)} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${r.kb.toFixed(0)} | ${(p.medianMs / r.medianMs).toFixed(1)}× |`);
  console.log(`| ${p.what} | ${p.engine} | ${fmt(p.coldMs)} | ${fmt(p.medianMs)} | ${fmt(p.p95Ms)} | ${p.kb.toFixed(0)} | |`);
});
console.log('\ncold = parse the font + first render in this process; the kiosk parses fonts once at start.');
