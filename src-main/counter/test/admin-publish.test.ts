// Publishing from the admin app while a resident is at the kiosk, on the real PC/SC stack: the resident who started
// on v1 reads the card, answers and submits on v1 (PDF and the clerk queue's template version), while the next
// resident gets v2 at once — no restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import { pdfWords } from '../../forms/reference-pages';
import { ClerkQueue, keyFolderStore } from '../queue';
import { startKioskRig, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
let queueDir: string;
let queue: ClerkQueue;
beforeAll(async () => {
  queueDir = mkdtempSync(join(tmpdir(), 'kakanai-admin-publish-queue-'));
  queue = new ClerkQueue({ dir: join(queueDir, 'queue'), keys: keyFolderStore(join(queueDir, 'keys')) });
  kiosk = await startKioskRig({ queue });
});
afterAll(async () => {
  await kiosk?.close();
  queue?.close();
  rmSync(queueDir, { recursive: true, force: true });
});

// Every text in the seven kiosk languages: a form lacking one is refused at publishing.
const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
const form = (edition: string, extra: object[] = []) => ({
  id: 'counter-notice',
  version: 1,
  title: loc('窓口テスト届'),
  category: 'other',
  legalBasis: '香取市事務処理規則',
  myNumberUse: false,
  layout: [{ kind: 'label', at: [20, 10, 150, 10], text: edition }],
  fields: [{ id: 'applicant.name', type: 'text', label: loc('氏名'), source: 'card.name', at: [20, 30, 120, 12] }, ...extra],
});
const reason = { id: 'reason', type: 'text', label: loc('理由'), at: [20, 50, 120, 12], validation: { required: true } };
const pdfText = (base64: string) => pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join('').replace(/\s/g, '');

it('a session started on v1 finishes on v1 after v2 is published; the next one is on v2', async () => {
  const { service } = kiosk;
  const admin = <N extends Parameters<typeof service.admin.request>[1]>(name: N, params: Parameters<typeof service.admin.request<N>>[2]) => service.admin.request('情報 太郎', name, params);
  expect(await admin('documents.save', { kind: 'template', document: form('EDITION-ONE'), basedOn: null })).toEqual({ ok: true, version: 1 });
  await admin('documents.publish', { kind: 'template', id: 'counter-notice', version: 1 });
  const resident = loadResidentFixture(residentFixturePath('demo'));

  // Resident A starts on v1 and is reading the card when v2 goes live.
  const a = await service.request('session.start', { procedureId: 'counter-notice', language: 'ja' });
  expect(a.questions).toEqual([]);
  await kiosk.insert('demo');
  expect(await admin('documents.save', { kind: 'template', document: form('EDITION-TWO', [reason]), basedOn: 1 })).toEqual({ ok: true, version: 2 });
  const publishStarted = performance.now();
  await admin('documents.publish', { kind: 'template', id: 'counter-notice', version: 2 });
  const v2Info = await service.request('kiosk.info', {});
  const publishMs = performance.now() - publishStarted;
  expect(kiosk.events.filter((e) => e.type === 'templates-changed').at(-1)).toEqual({ type: 'templates-changed', templatesVersion: v2Info.templatesVersion });

  expect(await service.request('card.read', { pin: resident.pin })).toMatchObject({ ok: true });
  await kiosk.remove();
  await expect(service.request('session.answer', { answers: { reason: '転居' } })).rejects.toMatchObject({ code: 'invalid-request' });
  const aPdf = (await service.request('session.preview', {})).forms[0]!.pdfBase64;
  expect(pdfText(aPdf)).toContain('EDITION-ONE');
  expect(pdfText(aPdf)).toContain(resident.name.replace(/\s/g, ''));
  expect(pdfText(aPdf)).not.toContain('EDITION-TWO');
  const aSubmitted = await service.request('session.submit', { print: false, toClerk: true });
  await service.request('session.end', { reason: 'done' });

  // Resident B, right after: v2, with its new question.
  const b = await service.request('session.start', { procedureId: 'counter-notice', language: 'ja' });
  expect(b.questions.map((q) => q.key)).toEqual(['reason']);
  await kiosk.insert('demo');
  expect(await service.request('card.read', { pin: resident.pin })).toMatchObject({ ok: true });
  await kiosk.remove();
  expect(await service.request('session.answer', { answers: { reason: '転居' } })).toEqual({ problems: [] });
  const bPdf = (await service.request('session.preview', {})).forms[0]!.pdfBase64;
  expect(pdfText(bPdf)).toContain('EDITION-TWO');
  expect(pdfText(bPdf)).toContain('転居');
  const bSubmitted = await service.request('session.submit', { print: false, toClerk: true });
  await service.request('session.end', { reason: 'done' });

  const versions = new Map(queue.list().map((s) => [s.ticketNumber, s.forms.map((f) => `${f.templateId} v${f.templateVersion}`)]));
  expect(versions.get(aSubmitted.ticketNumber)).toEqual(['counter-notice v1']);
  expect(versions.get(bSubmitted.ticketNumber)).toEqual(['counter-notice v2']);
  console.log(`publish → kiosk.info on v2: ${publishMs.toFixed(1)} ms`);
});
