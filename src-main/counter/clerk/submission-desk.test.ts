// The opened submission as the desk reads it, a correction rendered again and confirmed, the kanji the clerk writes
// and the 職員記入欄, on a real queue (SQLite, sealed) and the real engine; the PDFs are read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../contract/clerk';
import { loadLibrary, templatesDir } from '../../forms/load';
import type { Template } from '../../forms/model/template';
import { tickedOptions } from '../../forms/test/ticked-options';
import { PNG } from 'pngjs';
import { ClerkQueue, clerkQueueHandOff, keyFolderStore, type FieldValues } from '../queue';
import { libraryDeskForms, SubmissionDesk } from './submission-desk';

const clerk = { kind: 'clerk', id: 'tanaka:desk-1' } as const;
const shared: FieldValues = {
  requestDate: '2025-04-01',
  'applicant.address': '千葉県香取市佐原ロ２１２７番地',
  'applicant.kana': 'みほん　はなこ',
  'applicant.name': '見本　花子',
  'applicant.birthDate': '1985-04-12',
  relation: 'self',
  'copies.all': '2',
  purpose: '児童手当の申請',
  ticket: 'A-001',
};

let root: string;
let queue: ClerkQueue;

function deskWith(template: Template): SubmissionDesk {
  const library = loadLibrary();
  const templates = new Map(library.templates);
  templates.set(template.id, template);
  const forms = libraryDeskForms({ library: () => ({ templates }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
  return new SubmissionDesk(() => queue, forms, (s) => ({ ...s, procedureTitle: null, templateIds: s.forms.map((f) => f.templateId) }) as QueueItem);
}

async function enqueue(template: Template, more: FieldValues = {}): Promise<number> {
  const values = { ...shared, ...more };
  // The original is the engine's own render of the same values, as the kiosk handed it over.
  const forms = libraryDeskForms({ library: () => ({ templates: new Map([[template.id, template]]) }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
  const pdf = await forms.render(template, values, undefined, '2025-04-01');
  return queue.enqueue({ ticketNumber: 'A-001', day: '2025-04-01', procedureId: 'juminhyo-request', forms: [{ templateId: template.id, templateVersion: template.version, pdf, values }] });
}

function textOf(pdfBase64: string | Uint8Array): string {
  const file = join(root, 'form.pdf');
  writeFileSync(file, typeof pdfBase64 === 'string' ? Buffer.from(pdfBase64, 'base64') : pdfBase64);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(file, { force: true });
  }
}

const juminhyo = (): Template => structuredClone(loadLibrary().templates.get('juminhyo-request')!);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kakanai-submission-desk-'));
  queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
});

afterEach(() => {
  queue.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the opened submission at the desk', () => {
  it('reads like the paper: Japanese title and labels, option names, 和暦 and 西暦, fields grouped by person', async () => {
    const template = juminhyo();
    const desk = deskWith(template);
    const id = await enqueue(template);
    const view = await desk.view(id, clerk);
    const form = view.forms[0]!;
    expect(form.title.ja).toBe('住民票の写し等交付請求書');
    const applicant = form.groups.find((g) => g.id === 'applicant')!;
    expect(applicant.label?.ja).toBe('窓口に来たあなたについて');
    expect(applicant.fields.map((f) => f.label.ja)).toEqual(expect.arrayContaining(['氏名', 'ふりがな', '生年月日', '住所']));
    const birth = applicant.fields.find((f) => f.id === 'applicant.birthDate')!;
    expect(birth.date).toEqual({ wareki: '昭和60年4月12日', seireki: '1985年4月12日' });
    const relation = form.groups.flatMap((g) => g.fields).find((f) => f.id === 'relation')!;
    expect(relation.option?.ja).toBe('本人');
    expect(form.feeYen).toBe(600);
    expect(view.kanjiPending).toEqual([]);
  });

  it('stages a correction rendered again from the same template version, keeps the original until confirmed, audits no value', async () => {
    const template = juminhyo();
    const desk = deskWith(template);
    const id = await enqueue(template);
    const staged = await desk.correct(id, 0, { purpose: '年金の手続き' }, clerk);
    expect(staged.forms[0]!.pending).toBe(true);
    expect(textOf(staged.forms[0]!.pdfBase64)).toContain('年金の手続き');
    // The original is untouched until the clerk confirms.
    const before = queue.open(id, clerk).reveal()[0]!;
    expect(before.values.purpose).toBe('児童手当の申請');
    expect(textOf(before.pdf)).toContain('児童手当の申請');

    const confirmed = await desk.confirmCorrections(id, clerk);
    expect(confirmed.forms[0]!.pending).toBe(false);
    const after = queue.open(id, clerk).reveal()[0]!;
    expect(after.values.purpose).toBe('年金の手続き');
    expect(textOf(after.pdf)).toContain('年金の手続き');
    expect(textOf(after.pdf)).not.toContain('児童手当の申請');

    const corrections = queue.auditLog().filter((e) => e.action === 'correction');
    expect(corrections.map((e) => [e.fieldId, e.detail, e.actor.id, e.templateId])).toEqual([
      ['purpose', 'staged', clerk.id, 'juminhyo-request'],
      [null, 'confirmed', clerk.id, 'juminhyo-request'],
    ]);
    expect(JSON.stringify(queue.auditLog())).not.toMatch(/年金|児童手当|見本/);
  });

  it('refuses a field the template does not have, and a form whose template version is gone', async () => {
    const template = juminhyo();
    const desk = deskWith(template);
    const id = await enqueue(template);
    await expect(desk.correct(id, 0, { 'no.such': 'x' }, clerk)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(desk.correct(id, 0, { 'include.honseki': 'yes' }, clerk)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(desk.correct(id, 0, { purpose: true }, clerk)).rejects.toMatchObject({ code: 'invalid-request' });
    const newer = deskWith({ ...template, version: template.version + 1 });
    await expect(newer.correct(id, 0, { purpose: 'x' }, clerk)).rejects.toMatchObject({ code: 'template-changed' });
  });

  it('marks a kana-only field for the kanji and holds the submission back until the clerk wrote it', async () => {
    const template = juminhyo();
    const name = template.fields.find((f) => f.id === 'applicant.name')!;
    name.kanji = 'clerk';
    const desk = deskWith(template);
    const id = await enqueue(template, { 'applicant.name': 'みほん　はなこ' }); // typed at the kiosk: a reading
    const view = await desk.view(id, clerk);
    expect(view.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === 'applicant.name')!.kanji).toEqual({ written: false });
    expect(view.kanjiPending).toEqual([{ position: 0, fieldId: 'applicant.name' }]);
    await expect(desk.assertFinal(id, clerk)).rejects.toThrow(expect.objectContaining({ code: 'kanji-pending' }));

    const written = await desk.correct(id, 0, { 'applicant.name': '見本　華子' }, clerk);
    expect(written.kanjiPending).toEqual([]);
    expect(written.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === 'applicant.name')!.kanji).toEqual({ written: true });
    await expect(desk.assertFinal(id, clerk)).resolves.toBeUndefined();
  });

  it('shows an address picked from the city list as text with no 漢字未記入 mark; a typed reading is marked', async () => {
    const template = structuredClone(loadLibrary().templates.get('resident-move')!);
    const desk = deskWith(template);
    const newAddressOf = (view: Awaited<ReturnType<SubmissionDesk['view']>>) => view.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === 'newAddress')!;
    const picked = await desk.view(await enqueue(template, { newAddress: '千葉県香取市佐原イ1234番地5' }), clerk);
    expect(JSON.stringify(newAddressOf(picked))).toContain('千葉県香取市佐原イ1234番地5');
    expect(newAddressOf(picked).kanji).toBeUndefined();
    expect(picked.kanjiPending.filter((p) => p.fieldId === 'newAddress')).toEqual([]);
    const typed = await desk.view(await enqueue(template, { newAddress: 'かとりしさわらい1234' }), clerk);
    expect(newAddressOf(typed).kanji).toEqual({ written: false });
    expect(typed.kanjiPending).toContainEqual({ position: 0, fieldId: 'newAddress' });
  });

  it('prints a kana-only name as its reading in the corner of an empty kanji box until the clerk writes the kanji', async () => {
    const template = juminhyo();
    expect(template.fields.find((f) => f.id === 'subject.householder')!.kanji).toBe('clerk');
    const desk = deskWith(template);
    const forms = libraryDeskForms({ library: () => ({ templates: new Map([[template.id, template]]) }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
    const typed = { ...shared, relation: 'household', 'subject.householder': 'みほん　たろう' };
    const pdf = await forms.render(template, typed, undefined, '2025-04-01'); // as the kiosk renders it: nobody wrote kanji
    const kiosk = textOf(pdf).replace(/\s+/g, '');
    expect(kiosk).toContain('よみ：みほんたろう（漢字は職員が記入）');
    // The card's address (kanji) in a kanji field prints as it is: only a reading waits for the clerk.
    expect(template.fields.find((f) => f.id === 'applicant.address')!.kanji).toBe('clerk');
    expect(kiosk).toContain('千葉県香取市佐原ロ２１２７番地');
    expect(kiosk.split('漢字は職員が記入').length - 1).toBe(1);
    const id = queue.enqueue({ ticketNumber: 'A-004', day: '2025-04-01', forms: [{ templateId: template.id, templateVersion: template.version, pdf, values: typed }] });
    expect((await desk.view(id, clerk)).kanjiPending).toEqual([{ position: 0, fieldId: 'subject.householder' }]);

    const written = await desk.correct(id, 0, { 'subject.householder': '見本　太郎' }, clerk);
    const desked = textOf(written.forms[0]!.pdfBase64).replace(/\s+/g, '');
    expect(desked).toContain('見本太郎');
    expect(desked).not.toContain('漢字は職員が記入');
    // Another correction later keeps the clerk's kanji drawn.
    const again = await desk.correct(id, 0, { purpose: '年金の手続き' }, clerk);
    expect(textOf(again.forms[0]!.pdfBase64).replace(/\s+/g, '')).toContain('見本太郎');
  });

  it('fills the paper\'s own 職員記入欄: the identity document ticked, the fee from the template, the 受付番号', async () => {
    const template = juminhyo();
    const desk = deskWith(template);
    const id = await enqueue(template);
    const before = (await desk.view(id, clerk)).forms[0]!;
    expect(before.groups.flatMap((g) => g.fields).map((f) => f.id)).not.toContain('staff.idDocument'); // not a field to correct
    expect(ticks(template, before.pdfBase64)).toEqual([]);
    expect(textOf(before.pdfBase64)).not.toMatch(/600\s*円/);

    const view = await desk.staffArea(id, 'driver-license', clerk);
    expect(view.staff.idDocument).toBe('driver-license');
    expect(ticks(template, view.forms[0]!.pdfBase64)).toEqual(['driver-license']);
    const text = textOf(view.forms[0]!.pdfBase64);
    expect(text).toMatch(/600\s*円/);
    expect(text).toContain('A-001');
    expect(text).not.toContain('職員記入欄'); // no second strip above a paper that has its own area
    expect(queue.auditLog().filter((e) => e.action === 'correction').map((e) => e.fieldId)).toEqual(['staff.idDocument']);

    // The clerk changes the copies: the fee follows.
    const corrected = await desk.correct(id, 0, { 'copies.all': '3' }, clerk);
    expect(textOf(corrected.forms[0]!.pdfBase64)).toMatch(/900\s*円/);
  });

  it('draws the 職員記入欄 line in the top margin of a paper that has no staff area of its own', async () => {
    const template = juminhyo();
    template.fields = template.fields.filter((f) => !f.source?.startsWith('staff.'));
    const desk = deskWith(template);
    const id = await enqueue(template);
    expect(textOf((await desk.view(id, clerk)).forms[0]!.pdfBase64)).not.toContain('職員記入欄');
    const view = await desk.staffArea(id, 'driver-license', clerk);
    const text = textOf(view.forms[0]!.pdfBase64);
    for (const expected of ['職員記入欄', '本人確認書類', '運転免許証', '手数料', '600円', '受付番号', 'A-001']) expect(text).toContain(expected);
  });

  it('keeps a signed form correctable: the signature is kept sealed in its values and drawn again, never shown as text', async () => {
    const template = structuredClone(loadLibrary().templates.get('resident-move')!);
    const desk = deskWith(template);
    const png = new PNG({ width: 60, height: 20 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set(i % 48 < 24 ? [0, 0, 0, 255] : [255, 255, 255, 0], i);
    const signature = new Uint8Array(PNG.sync.write(png));
    const bound = new Map<string, string | boolean | Uint8Array>([['notifier.name', '見本　花子'], ['signature', signature], ['ticket', 'A-002']]);
    const forms = libraryDeskForms({ library: () => ({ templates: new Map([[template.id, template]]) }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
    const original = await forms.render(template, { signature: 'image/png;base64,' + Buffer.from(signature).toString('base64') }, undefined, '2025-04-01');
    const signed = imageCount(original); // the image and its alpha mask
    expect(signed).toBeGreaterThan(0);
    await clerkQueueHandOff(queue).sendToClerk({ ticketNumber: 'A-002', day: '2025-04-01', forms: [{ templateId: template.id, templateVersion: template.version, pdf: original, values: bound }] });
    const id = queue.list()[0]!.id;

    const view = await desk.view(id, clerk);
    const field = view.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === 'signature')!;
    expect(field).toMatchObject({ value: null, image: { present: true } });
    expect(JSON.stringify(view.forms[0]!.groups)).not.toContain('base64');

    const staffed = await desk.staffArea(id, 'my-number-card', clerk);
    expect(staffed.forms[0]!.pending).toBe(true);
    expect(imageCount(Buffer.from(staffed.forms[0]!.pdfBase64, 'base64'))).toBe(signed);
    await expect(desk.correct(id, 0, { signature: 'x' }, clerk)).rejects.toMatchObject({ code: 'invalid-request' });

    // Queued before signatures were kept: the signature exists only in its PDF, so the desk still refuses.
    const older = queue.enqueue({ ticketNumber: 'A-003', day: '2025-04-01', forms: [{ templateId: template.id, templateVersion: template.version, pdf: original, values: { ticket: 'A-003' } }] });
    await expect(desk.staffArea(older, 'my-number-card', clerk)).rejects.toMatchObject({ code: 'signed-form' });
  });
});

function imageCount(pdf: Uint8Array): number {
  const file = join(root, 'images.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8', timeout: 60_000 }).trim().split('\n').length - 2;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The options of the staff area's identity-document field whose □ carries a tick, read from the rendered page. */
function ticks(template: Template, pdfBase64: string): string[] {
  const field = template.fields.find((f) => f.source === 'staff.idDocument') as { options: { value: string; at: unknown }[] };
  return tickedOptions(Buffer.from(pdfBase64, 'base64'), field.options);
}
