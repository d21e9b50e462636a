// kakanai form fill --template ID --resident FILE [--answers FILE] --out FILE.pdf [--today YYYY-MM-DD] [--ticket N]
// Fills one form (or a bundle with --bundle ID) from a resident file and prints what the clerk must know:
// characters no font can draw and values that fail validation. Values themselves are never printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import type { AnswerValue, FormData } from '../forms/binding/bind';
import { backgroundProblemText } from '../forms/engine/background-check';
import type { RenderResult } from '../forms/engine/render';
import { RenderError, closeRenderWorkers, renderFormsIsolated } from '../forms/engine/render-isolated';
import { loadBackgrounds, loadFonts, loadLibrary } from '../forms/load';
import type { Template } from '../forms/model/template';
import { cityDayFormat } from '../forms/binding/city-day';

const usage = 'usage: kakanai form fill (--template ID | --bundle ID) --resident FILE [--answers FILE] --out FILE.pdf [--today YYYY-MM-DD] [--ticket N]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const opts = parseFlags(rest);
  if (sub !== 'fill' || !opts || !(opts.template || opts.bundle) || !opts.resident || !opts.out) {
    console.error(`使い方 / ${usage}`);
    return 2;
  }
  const lib = loadLibrary();
  let templates: Template[];
  if (opts.template) {
    const t = lib.templates.get(opts.template);
    if (!t) {
      console.error(`テンプレートがありません / no template "${opts.template}" (see kakanai templates check)`);
      return 1;
    }
    templates = [t];
  } else {
    const b = lib.bundles.get(opts.bundle!);
    if (!b) {
      console.error(`バンドルがありません / no bundle "${opts.bundle}"`);
      return 1;
    }
    templates = b.templates.map((r) => lib.templates.get(r.id)).filter((t): t is Template => t !== undefined);
  }

  let data: FormData;
  try {
    data = readFormData(opts.resident, opts.answers, opts.today ?? todayInJapan(), opts.ticket);
  } catch (e) {
    console.error(`入力ファイルを読めません / cannot read the input: ${(e as Error).message}`);
    return 1;
  }
  const { fonts, warnings } = loadFonts();
  for (const w of warnings) console.warn(`警告 / warning: ${w}`);
  let result: RenderResult;
  try {
    result = await renderFormsIsolated({ templates, data, fonts, backgrounds: loadBackgrounds(templates) }, 'cli');
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    const why = e.background ? `${e.background.path}: ${backgroundProblemText(e.background.problem)}` : e.code;
    console.error(`描画を中止しました / the form was not drawn: ${why}`);
    return 1;
  } finally {
    await closeRenderWorkers();
  }
  writeFileSync(opts.out, result.pdf);
  for (const g of result.missingGlyphs) {
    console.warn(`警告 / warning: ${g.templateId} ${g.fieldId}: ${g.codePoint} は描画できません。欄を空けました / no font can draw ${g.codePoint}; the field is left blank for the clerk`);
  }
  for (const i of result.issues) console.warn(`注意 / check: ${i.templateId} ${i.fieldId}: ${i.code}`);
  console.log(`${opts.out}: ${result.pageCount} page(s), ${Math.round(result.pdf.length / 1024)} KB`);
  return 0;
}

type Flags = { template?: string; bundle?: string; resident?: string; answers?: string; out?: string; today?: string; ticket?: string };

function parseFlags(args: string[]): Flags | undefined {
  const known = new Set(['template', 'bundle', 'resident', 'answers', 'out', 'today', 'ticket']);
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '');
    const value = args[i + 1];
    if (!key || !known.has(key) || value === undefined) return undefined;
    out[key] = value;
  }
  return out as Flags;
}

/** A fixture resident, read leniently: the 4 basic items, the My Number, and furigana / phone as default answers. */
function readFormData(residentFile: string, answersFile: string | undefined, today: string, ticket: string | undefined): FormData {
  const r = JSON.parse(readFileSync(residentFile, 'utf8')) as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const resident = new ResidentInfo({ name: str('name') ?? '', address: str('address') ?? '', birthDate: str('birthDate') ?? '', sex: str('sex') ?? '9' });
  const myNumber = str('myNumber') && /^\d{12}$/.test(str('myNumber')!) ? new MyNumber(str('myNumber')!) : undefined;
  const answers: Record<string, AnswerValue> = {};
  if (str('furigana')) answers.kana = str('furigana')!;
  if (str('phone')) answers.phone = str('phone')!;
  if (answersFile) Object.assign(answers, JSON.parse(readFileSync(answersFile, 'utf8')));
  return { resident, myNumber, answers, today, session: { ticketNumber: ticket, cityName: '香取市' } };
}

function todayInJapan(): string {
  return cityDayFormat()(new Date());
}
