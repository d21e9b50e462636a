// Node-only: reads fonts, templates, bundles and background PDFs from disk and hands bytes and objects to the
// engine, which never touches files itself.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import { FontSet } from './engine/fonts';
import { Bundle } from './model/bundle';
import { CityProcedures } from './model/city';
import { formatIssues } from './model/issues';
import { missingLanguages } from './model/localized';
import { Template } from './model/template';

export const repoRoot = join(import.meta.dirname, '../..');
export const templatesDir = join(repoRoot, 'templates');

const FontsConfig = z.strictObject({ $schema: z.string().optional(), main: z.string(), fallbacks: z.array(z.string()).default([]) });

export type LoadedFonts = { fonts: FontSet; warnings: string[] };

const fontCache = new Map<string, LoadedFonts>();

/** The fonts named in templates/fonts.json (paths relative to the repository root). Missing fallbacks are warnings. */
export function loadFonts(configPath = join(templatesDir, 'fonts.json')): LoadedFonts {
  const cached = fontCache.get(configPath);
  if (cached) return cached;
  const config = FontsConfig.parse(JSON.parse(readFileSync(configPath, 'utf8')));
  const resolve = (p: string) => (isAbsolute(p) ? p : join(repoRoot, p));
  const warnings: string[] = [];
  const fallbacks = config.fallbacks.flatMap((p) => {
    if (existsSync(resolve(p))) return [{ name: basename(p), bytes: readFileSync(resolve(p)) }];
    warnings.push(`fallback font not found: ${p}`);
    return [];
  });
  const loaded = { fonts: new FontSet({ name: basename(config.main), bytes: readFileSync(resolve(config.main)) }, fallbacks), warnings };
  fontCache.set(configPath, loaded);
  fontsConfigs.set(loaded.fonts, configPath);
  return loaded;
}

const fontsConfigs = new WeakMap<FontSet, string>();

/** The fonts.json a FontSet was loaded from, so a render worker can load the same fonts itself. */
export function fontsConfigOf(fonts: FontSet): string | undefined {
  return fontsConfigs.get(fonts);
}

export type FileProblem = { file: string; problems: string[] };

export type TemplateLibrary = {
  templates: Map<string, Template>;
  bundles: Map<string, Bundle>;
  /** Each file that failed, with one line per problem (path inside the file: what is wrong). */
  broken: FileProblem[];
  files: Map<string, string>;
};

/** Every templates/*.json (and examples/*.json) template and bundles/*.json bundle, validated. */
export function loadLibrary(dir = templatesDir): TemplateLibrary {
  const lib: TemplateLibrary = { templates: new Map(), bundles: new Map(), broken: [], files: new Map() };
  const read = (file: string, schema: typeof Template | typeof Bundle, into: Map<string, Template> | Map<string, Bundle>) => {
    const rel = relative(repoRoot, file);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      lib.broken.push({ file: rel, problems: [`not valid JSON: ${(e as Error).message}`] });
      return;
    }
    const r = schema.safeParse(data);
    if (!r.success) {
      lib.broken.push({ file: rel, problems: formatIssues(r.error, data) });
      return;
    }
    // A resident reads every text in one of seven languages: a shipped file lacking one is refused like a wrong field.
    const lacking = missingLanguages(data);
    if (lacking.length > 0) {
      lib.broken.push({ file: rel, problems: lacking });
      return;
    }
    const id = r.data.id;
    if (`${id}.json` !== basename(file)) lib.broken.push({ file: rel, problems: [`id "${id}" does not match the file name`] });
    else if (into.has(id)) lib.broken.push({ file: rel, problems: [`id "${id}" is used by ${lib.files.get(id)} too`] });
    else {
      (into as Map<string, unknown>).set(id, r.data);
      lib.files.set(id, rel);
    }
  };
  for (const sub of ['.', 'examples']) {
    for (const file of jsonFiles(join(dir, sub))) if (basename(file) !== 'fonts.json') read(file, Template, lib.templates);
  }
  for (const file of jsonFiles(join(dir, 'bundles'))) read(file, Bundle, lib.bundles);
  return lib;
}

/**
 * The city's order, categories and hand-in rules (templates/city/procedures.json). Absent: the kiosk lists
 * procedures as found and offers every hand-in. Broken: the same, with the problems for `templates check` and the log.
 */
export function loadCityProcedures(dir = templatesDir): { city?: CityProcedures; problems: string[] } {
  const { data, problems } = loadCityFile(dir, 'procedures.json', CityProcedures);
  return data ? { city: data, problems } : { problems };
}

/** A file of the city's own data under templates/city/, checked by its model: absent is no problem, broken is named
 *  line by line with the file and the path of each bad entry. */
export function loadCityFile<T>(dir: string, name: string, model: z.ZodType<T>): { data?: T; problems: string[] } {
  const file = join(dir, 'city', name);
  if (!existsSync(file)) return { problems: [] };
  const rel = relative(repoRoot, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [`${rel}: not valid JSON: ${(e as Error).message}`] };
  }
  const r = model.safeParse(data);
  if (!r.success) return { problems: formatIssues(r.error, data).map((line) => `${rel}: ${line}`) };
  return { data: r.data, problems: [] };
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Where a template's background PDF comes from, by its `background.pdf` path (throws when it is not there). */
export type BackgroundSource = (path: string) => Uint8Array;

/**
 * The background PDFs the given templates use, by their path: files under a templates folder, or any source (the
 * counter's: files, and the designer's stored PDFs under designer/<hash>.pdf).
 */
export function loadBackgrounds(templates: Iterable<Template>, from: string | BackgroundSource = templatesDir): Map<string, Uint8Array> {
  const read = typeof from === 'string' ? (path: string) => readFileSync(join(from, path)) : from;
  const out = new Map<string, Uint8Array>();
  for (const t of templates) if (t.background && !out.has(t.background.pdf)) out.set(t.background.pdf, read(t.background.pdf));
  return out;
}
