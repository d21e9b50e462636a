// kakanai templates check: validates every template and bundle under templates/. A broken one prints its file, the
// path inside it (with field ids) and what is wrong; the exit code is 1 when anything is wrong.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackgroundRefused, backgroundProblemText, loadCheckedBackground } from '../forms/engine/background-check';
import { codePointLabel } from '../forms/engine/fonts';
import { layoutTexts } from '../forms/engine/draw-layout';
import { fieldTypeOf } from '../forms/field-types';
import { buildCatalogue } from '../counter/catalogue';
import { loadCityAddresses } from '../forms/city/addresses';
import { loadCityProcedures, loadFonts, loadLibrary, templatesDir } from '../forms/load';
import { bundleQuestions } from '../forms/model/bundle';
import type { Template } from '../forms/model/template';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') {
    console.error('使い方 / usage: kakanai templates check [--dir DIR]');
    return 2;
  }
  const dirFlag = rest.indexOf('--dir');
  const dir = dirFlag >= 0 && rest[dirFlag + 1] ? rest[dirFlag + 1]! : templatesDir;
  const lib = loadLibrary(dir);
  const problems = lib.broken.map((b) => ({ file: b.file, lines: [...b.problems] }));
  const { fonts, warnings } = loadFonts();
  for (const w of warnings) console.warn(`警告 / warning: ${w}`);

  const checked = new Map<string, string[]>();
  for (const t of lib.templates.values()) {
    const lines = [...staticGlyphProblems(t, fonts), ...(await backgroundProblems(t, dir, checked))];
    if (lines.length) problems.push({ file: lib.files.get(t.id)!, lines });
  }
  for (const b of lib.bundles.values()) {
    const { questions, problems: found } = bundleQuestions(b, lib.templates);
    if (found.length) {
      problems.push({ file: lib.files.get(b.id)!, lines: found.map((p) => `${[p.templateId, p.fieldId].filter(Boolean).join(' ')}: ${p.problem}`) });
    } else {
      console.log(`  bundle ${b.id}: ${b.templates.length} forms, ${questions.length} questions asked once`);
    }
  }

  const city = loadCityProcedures(dir);
  if (city.problems.length) problems.push({ file: 'templates/city/procedures.json', lines: city.problems });
  else if (city.city) {
    const unknown = buildCatalogue(lib, city.city).unknownInCity;
    if (unknown.length) problems.push({ file: 'templates/city/procedures.json', lines: unknown.map((id) => `"${id}" is neither a template nor a bundle`) });
  }
  const addresses = loadCityAddresses(dir);
  if (addresses.problems.length) problems.push({ file: 'templates/city/addresses.json', lines: addresses.problems });

  for (const p of problems) {
    console.error(`✗ ${p.file}`);
    for (const line of p.lines) console.error(`    ${line}`);
  }
  const summary = `${lib.templates.size} templates, ${lib.bundles.size} bundles`;
  if (problems.length) {
    console.error(`テンプレートに問題があります / ${problems.length} file(s) with problems (${summary} valid)`);
    return 1;
  }
  console.log(`OK: ${summary}`);
  return 0;
}

/** Printed texts of the template itself (labels, captions) that no configured font can draw. */
function staticGlyphProblems(t: Template, fonts: ReturnType<typeof loadFonts>['fonts']): string[] {
  const texts = layoutTexts(t.layout);
  t.fields.forEach((f, i) => {
    for (const text of fieldTypeOf(f.type).printedTexts(f as never, undefined)) texts.push({ where: `fields[${i}] (id "${f.id}")`, text });
  });
  return texts.flatMap(({ where, text }) => fonts.missing(text).map((cp) => `${where}: ${codePointLabel(cp)} is in no configured font`));
}

/** A background that is not there, or that the engine's limits refuse (each PDF decoded once, however many use it). */
async function backgroundProblems(t: Template, dir: string, checked: Map<string, string[]>): Promise<string[]> {
  if (!t.background) return [];
  const path = t.background.pdf;
  if (!existsSync(join(dir, path))) return [`background.pdf: ${path} does not exist under templates/`];
  let found = checked.get(path);
  if (!found) {
    found = await loadCheckedBackground(readFileSync(join(dir, path))).then(
      () => [],
      (e) => [`background.pdf: ${path}: ${backgroundProblemText(e instanceof BackgroundRefused ? e.code : 'not-a-pdf')}`],
    );
    checked.set(path, found);
  }
  return found;
}
