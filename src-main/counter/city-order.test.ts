import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCityProcedures, loadLibrary } from '../forms/load';
import { buildCatalogue } from './catalogue';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function cityFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-city-'));
  folders.push(dir);
  mkdirSync(join(dir, 'city'));
  writeFileSync(join(dir, 'city', 'procedures.json'), content);
  return dir;
}

describe("the city's procedure list", () => {
  const shipped = loadCityProcedures();
  const catalogue = buildCatalogue(loadLibrary(), shipped.city);

  it('is valid as shipped and names only forms and life events that exist', () => {
    expect(shipped.problems).toEqual([]);
    expect(catalogue.unknownInCity).toEqual([]);
  });

  it('puts the most used first (住民票 first), then the categories in the city order, and leaves nothing out', () => {
    expect(catalogue.sections.map((s) => s.id)).toEqual(['most-used', 'certificates', 'moving', 'children', 'care', 'disaster']);
    expect(catalogue.sections[0]!.procedureIds[0]).toBe('juminhyo-request');
    const listed = new Set(catalogue.sections.flatMap((s) => s.procedureIds));
    expect(catalogue.procedures.map((p) => p.id).filter((id) => !listed.has(id))).toEqual([]);
  });

  it('gives each procedure the hand-in ways the city allows, the recommended one among them', () => {
    const juminhyo = catalogue.plans.get('juminhyo-request')!.procedure;
    expect(juminhyo.handIn).toEqual({ offer: ['clerk', 'print', 'both'], recommended: 'clerk' });
    for (const p of catalogue.procedures) expect(p.handIn!.offer).toContain(p.handIn!.recommended);
  });

  it('shows a procedure the city did not place under その他, last', () => {
    const dir = cityFile(JSON.stringify({ categories: [{ id: 'c', title: { ja: '証明', easy: 'しょうめい', en: 'Certificates' }, procedures: ['juminhyo-request'] }], handIn: { default: { offer: ['print'], recommend: 'print' } } }));
    const c = buildCatalogue(loadLibrary(), loadCityProcedures(dir).city);
    expect(c.sections.map((s) => s.id)).toEqual(['c', 'other']);
    expect(c.sections[1]!.procedureIds).toContain('moving-in');
    expect(c.plans.get('moving-in')!.procedure.handIn).toEqual({ offer: ['print'], recommended: 'print' });
  });

  it('refuses a broken file with the file and the path of the bad entry, and a recommendation it does not offer', () => {
    const bad = loadCityProcedures(cityFile(JSON.stringify({ categories: [{ id: 'c', title: { ja: 'x' }, procedures: [] }], handIn: { default: { offer: ['print'], recommend: 'print' } } })));
    expect(bad.city).toBeUndefined();
    expect(bad.problems.join('\n')).toMatch(/city\/procedures\.json: categories\[0\].*\.title\.en/);
    const unoffered = loadCityProcedures(cityFile(JSON.stringify({ categories: [], handIn: { default: { offer: ['print'], recommend: 'clerk' } } })));
    expect(unoffered.problems.join('\n')).toMatch(/handIn\.default\.recommend: the recommended way must be one of those offered/);
    expect(loadCityProcedures(cityFile('{ not json')).problems[0]).toMatch(/procedures\.json: not valid JSON/);
  });

  it('names an unknown procedure id so the log can say it', () => {
    const dir = cityFile(JSON.stringify({ mostUsed: ['no-such-form'], categories: [], handIn: { default: { offer: ['both'], recommend: 'both' } } }));
    expect(buildCatalogue(loadLibrary(), loadCityProcedures(dir).city).unknownInCity).toEqual(['no-such-form']);
  });
});
