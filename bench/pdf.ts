// npm run bench:pdf — how fast Kakanai fills forms, beside @pdfme/generator drawing the same forms with the same
// font. Prints a table; asserts nothing (targets: warm ≤ 30 ms per form, 転入 bundle ≤ 150 ms, ≤ 150 KB per form,
// ≥ 2× faster than pdfme). BENCH_RUNS=n sets the warm runs per row (default 40).
//
// Every committed template, filled with the demo resident and its sample answers; every bundle as the counter
// renders it (one PDF per included form, for a typical resident). Cold = a fresh process: read and parse the fonts,
// render once. Warm rows run the two engines alternately, run by run, so a load spike hits both alike.
import { conditionHolds } from '../src-main/forms/model/condition';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generate } from '@pdfme/generator';
import { ellipse, line, rectangle, text } from '@pdfme/schemas';
import type { Template as PdfmeTemplate } from '@pdfme/common';
import { MyNumber, ResidentInfo } from '../card-reader/personal-data';
import { bindValues, type AnswerValue, type FormData } from '../src-main/forms/binding/bind';
import { FontSet } from '../src-main/forms/engine/fonts';
import { renderForms } from '../src-main/forms/engine/render';
import { closeRenderWorkers, renderFormsIsolated } from '../src-main/forms/engine/render-isolated';
import { fieldTypeOf } from '../src-main/forms/field-types';
import { digitBoxes } from '../src-main/forms/field-types/digits';
import { loadBackgrounds, loadFonts, loadLibrary, repoRoot } from '../src-main/forms/load';
import type { Bundle } from '../src-main/forms/model/bundle';
import type { RectMm } from '../src-main/forms/model/geometry';
import { placeGridCells } from '../src-main/forms/model/layout';
import type { Template } from '../src-main/forms/model/template';
import { sampleAnswers } from '../src-main/forms/reference-pages';

const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 5;
const TODAY = '2025-11-25';

// --- What is rendered ----------------------------------------------------------------------------------------
const library = loadLibrary();
const templates = [...library.templates.values()].filter((t) => library.files.get(t.id)?.startsWith('templates/examples/') === false);
const demo = JSON.parse(readFileSync(join(repoRoot, 'fixtures/residents/demo.json'), 'utf8')) as Record<string, string>;

/** fixtures/answers/<id>.json, or the reference pages' sample answers for a form without its own file. */
function answersFor(id: string): Record<string, AnswerValue> {
  const file = join(repoRoot, 'fixtures/answers', `${id}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, AnswerValue>) : sampleAnswers;
}

function demoData(answers: Readonly<Record<string, AnswerValue>>): FormData {
  return {
    resident: new ResidentInfo({ name: demo.name!, address: demo.address!, birthDate: demo.birthDate!, sex: demo.sex! }),
    myNumber: new MyNumber(demo.myNumber!),
    answers,
    today: TODAY,
    session: { ticketNumber: 'A-012', cityName: '香取市' },
  };
}

/** A typical resident's answers for a bundle's own yes/no questions: yes to every optional form but a lost card. */
const bundleAsks: Record<string, AnswerValue> = { needsJuminhyo: true, firstChildAllowance: true, wantsNursery: true, lostCareCard: false };

type Form = { template: Template; data: FormData };
type Case = { name: string; forms: Form[]; kind: 'form' | 'bundle' };

function bundleCase(bundle: Bundle): Case {
  const listed = bundle.templates.map((r) => library.templates.get(r.id)!);
  // One visit answers each shared question once: the forms' sample answers merged, then the bundle's own questions.
  const answers: Record<string, AnswerValue> = Object.assign({}, ...listed.map((t) => answersFor(t.id)), bundleAsks);
  // The counter's includedTemplates(): a conditional form only when its answer says so.
  const included = bundle.templates.filter((r) => r.when === undefined || ('answer' in r.when && conditionHolds(r.when, answers[r.when.answer]))).map((r) => library.templates.get(r.id)!);
  const data = demoData(answers);
  return { name: `bundle ${bundle.id} (${included.length}/${listed.length} forms)`, forms: included.map((template) => ({ template, data })), kind: 'bundle' };
}

const cases: Case[] = [
  ...templates.map((t): Case => ({ name: t.id, forms: [{ template: t, data: demoData(answersFor(t.id)) }], kind: 'form' })),
  ...[...library.bundles.values()].map(bundleCase),
];
const backgrounds = loadBackgrounds(templates);

// --- Kakanai: as the counter renders, one PDF per form ------------------------------------------------------
async function kakanai(c: Case, fonts: FontSet): Promise<number[]> {
  const sizes: number[] = [];
  for (const { template, data } of c.forms) sizes.push((await renderForms({ templates: [template], data, fonts, backgrounds })).pdf.length);
  return sizes;
}

/** The same through the warm render worker, as the service renders (the data crosses to it and the PDF back). */
async function kakanaiInWorker(c: Case, fonts: FontSet): Promise<number[]> {
  const sizes: number[] = [];
  for (const { template, data } of c.forms) sizes.push((await renderFormsIsolated({ templates: [template], data, fonts, backgrounds })).pdf.length);
  return sizes;
}

// --- pdfme: the same drawing, described as pdfme schemas ----------------------------------------------------
type PdfmeSchema = Record<string, unknown> & { name: string; type: string };

function asPdfme(t: Template, data: FormData): { schemas: PdfmeSchema[]; input: Record<string, string> } {
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

const mainFontPath = (() => {
  const config = JSON.parse(readFileSync(join(repoRoot, 'templates/fonts.json'), 'utf8')) as { main: string };
  return join(repoRoot, config.main);
})();

/** One generate() per form, like the counter; the schema conversion is done before, outside the timing. */
function pdfme(c: Case): () => Promise<number[]> {
  const plugins = { text, rectangle, ellipse, line };
  const font = { BIZ: { data: readFileSync(mainFontPath), fallback: true, subset: true } };
  const page = { width: 210, height: 297, padding: [0, 0, 0, 0] as [number, number, number, number] };
  const jobs = c.forms.map(({ template, data }) => {
    const converted = asPdfme(template, data);
    return { template: { basePdf: page, schemas: [converted.schemas] } as unknown as PdfmeTemplate, inputs: [converted.input] };
  });
  return async () => {
    const sizes: number[] = [];
    for (const j of jobs) sizes.push((await generate({ ...j, plugins, options: { font } })).length);
    return sizes;
  };
}

/** pdfme beside these only: the two forms and the bundle compared first (pdfme takes minutes over everything). */
const withPdfme = new Set(['juminhyo-request', 'jido-teate-nintei', 'bundle moving-in']);
const comparedWithPdfme = (c: Case) => withPdfme.has(c.name) || withPdfme.has(c.name.replace(/ \(.*$/, ''));

// --- Cold: a child process renders one case once and prints its time ----------------------------------------
const coldRequest = process.env.BENCH_COLD;
if (coldRequest) {
  const [engine, name] = coldRequest.split('|') as [string, string];
  const c = cases.find((x) => x.name === name)!;
  const t0 = performance.now();
  if (engine === 'kakanai') await kakanai(c, loadFonts().fonts);
  else await pdfme(c)();
  console.log(JSON.stringify({ ms: performance.now() - t0 }));
  process.exit(0);
}

function cold(engine: 'kakanai' | 'pdfme', c: Case): number {
  const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], { env: { ...process.env, BENCH_COLD: `${engine}|${c.name}` }, encoding: 'utf8', timeout: 120_000 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  return line.startsWith('{') ? (JSON.parse(line) as { ms: number }).ms : NaN;
}

// --- Warm: the engines alternate run by run -----------------------------------------------------------------
type Timing = { median: number; p95: number; sizes: number[] };

async function warm(engines: (() => Promise<number[]>)[]): Promise<Timing[]> {
  const sizes: number[][] = [];
  for (let i = 0; i < WARM_UP; i++) for (const [e, run] of engines.entries()) sizes[e] = await run();
  const times = engines.map(() => [] as number[]);
  for (let i = 0; i < WARM_RUNS; i++) {
    for (const [e, run] of engines.entries()) {
      const t0 = performance.now();
      await run();
      times[e]!.push(performance.now() - t0);
    }
  }
  return times.map((t, e) => {
    t.sort((a, b) => a - b);
    return { median: t[Math.floor(t.length / 2)]!, p95: t[Math.min(t.length - 1, Math.ceil(t.length * 0.95) - 1)]!, sizes: sizes[e]! };
  });
}

const { fonts } = loadFonts();
// For the race with pdfme: the main font alone, as pdfme gets it (a character only a fallback has is then .notdef).
const mainOnly = new FontSet({ name: 'main', bytes: readFileSync(mainFontPath) });
const load0 = loadavg();
const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
const kb = (sizes: number[]) => (sizes.length === 1 ? (sizes[0]! / 1024).toFixed(0) : `${(Math.max(...sizes) / 1024).toFixed(0)} max, ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(0)} total`);
const rows: string[] = [];
const fallbackUsed: string[] = [];
for (const c of cases) {
  const compare = comparedWithPdfme(c);
  // pdfme gets only the main font; say so when a printed text would need the fallback face on our side.
  for (const { template, data } of c.forms) {
    const values = bindValues(template, data);
    const needs = template.fields.some((f) => fieldTypeOf(f.type).printedTexts(f as never, values.get(f.id)).some((t) => fonts.runs(t).some((r) => r.face !== 0)));
    if (needs && !fallbackUsed.includes(template.id)) fallbackUsed.push(template.id);
  }
  const engines = [() => kakanai(c, fonts), () => kakanaiInWorker(c, fonts), ...(compare ? [() => kakanai(c, mainOnly), pdfme(c)] : [])];
  const [ours, inWorker, oursMainOnly, theirs] = await warm(engines);
  rows.push(`| ${c.name} | kakanai | ${fmt(cold('kakanai', c))} | ${fmt(ours!.median)} | ${fmt(ours!.p95)} | ${kb(ours!.sizes)} | |`);
  rows.push(`| ${c.name} | kakanai, render worker (as the service) | — | ${fmt(inWorker!.median)} | ${fmt(inWorker!.p95)} | ${kb(inWorker!.sizes)} | |`);
  if (oursMainOnly && theirs) {
    rows.push(`| ${c.name} | kakanai, main font only | — | ${fmt(oursMainOnly.median)} | ${fmt(oursMainOnly.p95)} | ${kb(oursMainOnly.sizes)} | ${(theirs.median / oursMainOnly.median).toFixed(1)}× |`);
    rows.push(`| ${c.name} | @pdfme/generator, main font | ${fmt(cold('pdfme', c))} | ${fmt(theirs.median)} | ${fmt(theirs.p95)} | ${kb(theirs.sizes)} | |`);
  }
}
const load1 = loadavg();
await closeRenderWorkers();

const cpu = cpus();
console.log(`\nForm rendering, A4, ${WARM_RUNS} warm runs per row after ${WARM_UP} warm-up runs; Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? '?'}`);
console.log(`load average (1/5/15 min): ${load0.map((v) => v.toFixed(2)).join(' ')} at the start, ${load1.map((v) => v.toFixed(2)).join(' ')} at the end\n`);
console.log('| form / bundle | engine | cold ms | warm median ms | warm p95 ms | KB | pdfme ÷ kakanai (median) |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log('\nResident: fixtures/residents/demo.json; answers: fixtures/answers/<id>.json, else the reference pages\' sample answers.');
console.log('Bundles: one PDF per included form, rendered one after the other, as the counter does; the time is the whole visit.');
console.log('cold = a fresh process reads and parses the fonts and renders the form (or bundle) once; the kiosk parses fonts at start.');
console.log(`kakanai uses templates/fonts.json (main + fallbacks), as the kiosk does; the ratio compares pdfme with kakanai on the main font alone. Forms where a printed text needs a fallback face: ${fallbackUsed.join(', ') || 'none'}.`);
