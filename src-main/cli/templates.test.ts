import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decompressionBombPdf } from '../forms/engine/hostile-pdf';
import { templatesDir } from '../forms/load';
import { run } from './templates';

afterEach(() => vi.restoreAllMocks());

function capture() {
  const lines: string[] = [];
  for (const m of ['log', 'error', 'warn'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return lines;
}

describe('kakanai templates check', () => {
  it('passes the committed templates and bundles', async () => {
    const out = capture();
    expect(await run(['check'])).toBe(0);
    expect(out.at(-1)).toMatch(/^OK: \d+ templates/);
  });

  it('names the file, the field and the problem of a broken template, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-templates-'));
    mkdirSync(join(dir, 'bundles'));
    const t = JSON.parse(readFileSync(join(templatesDir, 'juminhyo-request.json'), 'utf8'));
    t.fields[3].source = 'card.myNumber';
    t.fields[4].at = 'applicant.birthdate';
    writeFileSync(join(dir, 'juminhyo-request.json'), JSON.stringify(t));
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    const out = capture();
    expect(await run(['check', '--dir', dir])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/juminhyo-request\.json\n.*fields\[3\] \(id "applicant\.name"\)\.source: card\.myNumber is allowed only on a 番号利用事務 form/);
    expect(text).toContain('fields[4] (id "applicant.birthDate").at: no layout grid cell has id "applicant.birthdate"');
    expect(text).toMatch(/broken\.json\n\s+not valid JSON/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a broken entry of the city address list, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-templates-'));
    mkdirSync(join(dir, 'bundles'));
    mkdirSync(join(dir, 'city'));
    const list = JSON.parse(readFileSync(join(templatesDir, 'city/addresses.json'), 'utf8'));
    list.areas[1].reading = 'Sawara';
    writeFileSync(join(dir, 'city/addresses.json'), JSON.stringify(list));
    const out = capture();
    expect(await run(['check', '--dir', dir])).toBe(1);
    expect(out.join('\n')).toMatch(/templates\/city\/addresses\.json\n.*areas\[1\]\.reading: a reading in hiragana/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a pattern a backtracking engine could freeze on, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-templates-'));
    try {
      const t = JSON.parse(readFileSync(join(templatesDir, 'juminhyo-request.json'), 'utf8'));
      const i = t.fields.findIndex((f: { type: string }) => f.type === 'text');
      t.fields[i].validation = { ...t.fields[i].validation, pattern: '(a+)+b' };
      writeFileSync(join(dir, 'juminhyo-request.json'), JSON.stringify(t));
      const out = capture();
      expect(await run(['check', '--dir', dir])).toBe(1);
      expect(out.join('\n')).toMatch(new RegExp(`juminhyo-request\\.json\\n.*fields\\[${i}\\] \\(id "${t.fields[i].id.replace(/\./g, '\\.')}"\\)\\.validation\\.pattern: a repeated group contains a variable repeat`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a background that is a decompression bomb, naming the template file and the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-templates-'));
    try {
      const t = JSON.parse(readFileSync(join(templatesDir, 'juminhyo-request.json'), 'utf8'));
      t.background = { pdf: 'city/bomb.pdf' };
      writeFileSync(join(dir, 'juminhyo-request.json'), JSON.stringify(t));
      mkdirSync(join(dir, 'city'));
      writeFileSync(join(dir, 'city/bomb.pdf'), await decompressionBombPdf());
      const out = capture();
      expect(await run(['check', '--dir', dir])).toBe(1);
      expect(out.join('\n')).toMatch(/juminhyo-request\.json\n\s+background\.pdf: city\/bomb\.pdf: decodes to more than 64 MiB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
