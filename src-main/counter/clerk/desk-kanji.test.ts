// The desk service with a template whose name field the kiosk takes as kana only (kanji: "clerk"): the submission
// is not final or printable until the clerk wrote the kanji, and the status change confirms the waiting correction.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { templatesDir } from '../../forms/load';
import { startCounterService, type CounterService } from '../index';
import { ClerkQueue, keyFolderStore } from '../queue';
import { IMAGES_KEPT_KEY } from '../queue/image-values';
import { addStaff } from '../staff/test/staff-fixture';

let root: string;
let queue: ClerkQueue;
let service: CounterService;
const desk = { deskId: 'desk-1-abcdef', clerk: 'tanaka' };

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kakanai-desk-kanji-'));
  const templates = join(root, 'templates');
  cpSync(templatesDir, templates, { recursive: true });
  const file = join(templates, 'juminhyo-request.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as { fields: { id: string; kanji?: string }[] };
  template.fields.find((f) => f.id === 'applicant.name')!.kanji = 'clerk';
  writeFileSync(file, JSON.stringify(template));
  queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
  service = await startCounterService({ reader: { socketPath: join(root, 'no-pcscd.sock') }, outputDir: join(root, 'data'), templatesDir: templates, watchTemplates: false, queue, keys: { dir: join(root, 'service-keys') } });
  await addStaff(service.admin.staff.directory, 'tanaka', 'clerk');
});

afterEach(async () => {
  await service.close();
  queue.close();
  rmSync(root, { recursive: true, force: true });
});

it('holds a submission whose kanji the clerk has not written, and lets it go once written and confirmed', async () => {
  const id = queue.enqueue({
    ticketNumber: 'A-001',
    day: '2025-04-01',
    procedureId: 'juminhyo-request',
    forms: [{ templateId: 'juminhyo-request', templateVersion: 1, pdf: new Uint8Array([37, 80, 68, 70]), values: { 'applicant.name': 'みほん　はなこ', 'copies.all': '1', relation: 'self' } }],
  });
  const view = await service.clerk.request(desk, 'queue.view', { id });
  expect(view.kanjiPending).toEqual([{ position: 0, fieldId: 'applicant.name' }]);
  expect(view.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === 'applicant.name')!.kanji).toEqual({ written: false });
  await expect(service.clerk.request(desk, 'queue.setStatus', { id, status: 'confirmed' })).rejects.toMatchObject({ code: 'kanji-pending' });
  await expect(service.clerk.request(desk, 'queue.print', { id })).rejects.toMatchObject({ code: 'kanji-pending' });
  // A return needs no kanji: the resident takes the form back.
  expect(queue.summary(id).status).toBe('submitted');

  const written = await service.clerk.request(desk, 'queue.correct', { id, position: 0, fields: { 'applicant.name': '見本　花子' } });
  expect(written.kanjiPending).toEqual([]);
  expect(written.forms[0]!.pending).toBe(true);
  expect(queue.open(id, { kind: 'system', id: 'test' }).reveal()[0]!.values['applicant.name']).toBe('みほん　はなこ');

  await service.clerk.request(desk, 'queue.setStatus', { id, status: 'confirmed' });
  const form = queue.open(id, { kind: 'system', id: 'test' }).reveal()[0]!;
  expect(form.values['applicant.name']).toBe('見本　花子');
  expect(form.pending).toBeUndefined();
  expect(queue.auditLog().filter((e) => e.action === 'correction').map((e) => [e.fieldId, e.detail, e.actor.id])).toEqual([
    ['applicant.name', 'staged', 'tanaka:desk-1-abcdef'],
    [null, 'confirmed', 'tanaka:desk-1-abcdef'],
  ]);
});

it('writes a family member\'s kanji once for the visit: every form holding the same reading takes it, another person keeps theirs', async () => {
  const id = queue.enqueue({
    ticketNumber: 'A-002',
    day: '2025-04-01',
    procedureId: 'moving-in',
    forms: [
      { templateId: 'resident-move', templateVersion: 1, pdf: new Uint8Array([37, 80, 68, 70]), values: { 'p2.name': 'みほん　たろう', newHouseholder: 'みほん たろう', 'p3.name': 'みほん　さくら', [IMAGES_KEPT_KEY]: true } },
      { templateId: 'jido-teate-nintei', templateVersion: 2, pdf: new Uint8Array([37, 80, 68, 70]), values: { 'spouse.name': 'みほん たろう', 'child1.name': 'みほん　さくら', [IMAGES_KEPT_KEY]: true } },
      { templateId: 'nursery-application', templateVersion: 2, pdf: new Uint8Array([37, 80, 68, 70]), values: { 'spouse.name': 'ミホン タロウ', 'child.name': 'みほん さくら', [IMAGES_KEPT_KEY]: true } },
    ],
  });
  const pending = (v: { kanjiPending: { position: number; fieldId: string }[] }) => v.kanjiPending.map((p) => `${p.position}:${p.fieldId}`).sort();
  expect(pending(await service.clerk.request(desk, 'queue.view', { id }))).toEqual(['0:newHouseholder', '0:p2.name', '0:p3.name', '1:child1.name', '1:spouse.name', '2:child.name', '2:spouse.name']);

  const view = await service.clerk.request(desk, 'queue.correct', { id, position: 0, fields: { 'p2.name': '見本　太郎' } });
  // 太郎 is written on every form that holds his reading (spaces and widths aside); さくら and the katakana one wait.
  expect(pending(view)).toEqual(['0:p3.name', '1:child1.name', '2:child.name', '2:spouse.name']);
  expect(view.forms.every((f) => f.position === 2 || f.pending)).toBe(true);

  await service.clerk.request(desk, 'queue.correct', { id, position: 1, fields: { 'child1.name': '見本　さくら' } });
  const after = await service.clerk.request(desk, 'queue.view', { id });
  expect(pending(after)).toEqual(['2:spouse.name']);
  const values = after.forms.map((f) => Object.fromEntries(f.groups.flatMap((g) => g.fields).map((x) => [x.id, x.value])));
  expect([values[0]!['newHouseholder'], values[1]!['spouse.name'], values[2]!['child.name']]).toEqual(['見本　太郎', '見本　太郎', '見本　さくら']);
  // The audit names each field staged, never a value.
  const staged = queue.auditLog().filter((e) => e.action === 'correction' && e.detail === 'staged').map((e) => e.fieldId);
  expect(staged.sort()).toEqual(['child.name', 'child1.name', 'newHouseholder', 'p2.name', 'p3.name', 'spouse.name'].sort());
  expect(JSON.stringify(queue.auditLog())).not.toMatch(/見本|みほん/);
});
