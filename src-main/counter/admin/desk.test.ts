// The admin desk inside a real counter service (real SQLite, real files, the real engine; no card reader needed):
// save and validate, versions and conflicts, publish and roll back without a restart, export and import, backgrounds,
// the preview, and what the designer's database never holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminParams, AdminRequestName, AdminResult } from '../../contract/admin';
import type { KioskEvent } from '../../contract/kiosk';
import { renderWorkerFor } from '../../forms/engine/render-isolated';
import { loadFonts, repoRoot } from '../../forms/load';
import { pdfWords } from '../../forms/reference-pages';
import { startCounterService, type CounterService } from '../index';
import { DeskPrinters } from '../printing/desk-printers';
import { assertCupsPdfReady, CUPS_PDF_PRINTER } from '../printing/test/cups-pdf';

const WHO = '情報 太郎';
let dir: string;
let service: CounterService;
const events: KioskEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-admin-desk-'));
  service = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: join(dir, 'data'), watchTemplates: false });
  service.onEvent((e) => events.push(e));
  // The render workers warm, as on a kiosk that has been running: their cold start is not what these tests time.
  await Promise.all([renderWorkerFor(loadFonts().fonts).warm(), renderWorkerFor(loadFonts().fonts, 'designer').warm()]);
}, 60_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function admin<N extends AdminRequestName>(name: N, params: AdminParams<N>, on: CounterService = service): Promise<AdminResult<N>> {
  return on.admin.request(WHO, name, params);
}

const text = (base64: string) => pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join('');
const squash = (s: string) => s.replace(/\s/g, '');
// Every text in the seven kiosk languages: a form lacking one is refused at publishing.
const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
/** A shipped form with any language its texts lack filled from the English, so it may be published as edited. */
function inSevenLanguages<T>(value: T): T {
  if (Array.isArray(value)) return value.map(inSevenLanguages) as T;
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record['ja'] === 'string' && typeof record['en'] === 'string') return { 'zh-Hans': record['en'], ko: record['en'], vi: record['en'], pt: record['en'], ...record } as T;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, inSevenLanguages(v)])) as T;
}

/** A small form of our own: the card's name in a box, an edition label, and (from v2) a question. */
function testForm(id: string, edition: string, extra: object[] = [], background?: string) {
  return {
    id,
    version: 1,
    title: loc('設計テスト届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    ...(background ? { background: { pdf: background } } : {}),
    layout: [{ kind: 'label', at: [20, 10, 150, 10], text: edition }],
    fields: [{ id: 'applicant.name', type: 'text', label: loc('氏名'), source: 'card.name', at: [20, 30, 120, 12] }, ...extra],
  };
}
const purposeField = { id: 'purpose', type: 'text', label: loc('目的'), at: [20, 50, 120, 12], validation: { required: true } };

async function onePagePdf(label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(label, { x: 50, y: 800, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('saving', () => {
  it('refuses an invalid template with issues that name the field, and stores nothing', async () => {
    const bad = testForm('broken-form', '第一版', [
      { id: 'purpose', type: 'text', label: loc('目的'), at: [200, 50, 120, 12] },
      { id: 'purpose', type: 'text', label: loc('目的'), at: [20, 70, 120, 12] },
    ]);
    const r = await admin('documents.save', { kind: 'template', document: bad, basedOn: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.conflict).toBeUndefined();
    const off = r.issues.find((i) => i.path.join('.') === 'fields.1.at');
    expect(off).toMatchObject({ fieldId: 'purpose' });
    expect(off!.message).toMatch(/^fields\[1\] \(id "purpose"\)\.at: \[200, 50, 120, 12\] leaves the 210×297 mm page$/);
    expect(r.issues.find((i) => i.path.join('.') === 'fields.2.id')).toMatchObject({ fieldId: 'purpose', message: expect.stringContaining('duplicate field id') });
    expect((await admin('documents.validate', { kind: 'template', document: bad })).issues).toEqual(r.issues);
    await expect(admin('documents.versions', { kind: 'template', id: 'broken-form' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('checks what `templates check` checks beyond the model: a bundle naming a missing form, an id of the other kind', async () => {
    const bundle = { id: 'designer-bundle', event: 'other', title: loc('テスト'), templates: [{ id: 'juminhyo-request' }, { id: 'no-such-form' }] };
    const issues = (await admin('documents.validate', { kind: 'bundle', document: bundle })).issues;
    expect(issues).toEqual([{ path: ['templates', 1], message: 'templates[1]: no-such-form: no template with this id' }]);
    const clash = (await admin('documents.validate', { kind: 'template', document: testForm('moving-in', '第一版') })).issues;
    expect(clash).toEqual([{ path: ['id'], message: 'id: "moving-in" is already the id of a bundle' }]);
  });

  it('numbers a version after the templates/ file, writes it into the document, and refuses a save based on an old one', async () => {
    const file = JSON.parse(readFileSync(join(repoRoot, 'templates/juminhyo-request.json'), 'utf8')) as { version: number; fields: { id: string; at: unknown }[] };
    const got = await admin('documents.get', { kind: 'template', id: 'juminhyo-request' });
    expect(got.version).toBe(file.version);
    const edited = structuredClone(file);
    edited.fields.pop();
    const saved = await admin('documents.save', { kind: 'template', document: edited, basedOn: file.version, note: '欄を一つ削除' });
    expect(saved).toEqual({ ok: true, version: file.version + 1 });
    expect((await admin('documents.get', { kind: 'template', id: 'juminhyo-request' })).document).toMatchObject({ version: file.version + 1 });
    const again = await admin('documents.save', { kind: 'template', document: file, basedOn: file.version });
    expect(again).toEqual({ ok: false, issues: [], conflict: { latestVersion: file.version + 1 } });

    const versions = (await admin('documents.versions', { kind: 'template', id: 'juminhyo-request' })).versions;
    expect(versions.map((v) => [v.version, v.savedBy, v.live, v.note])).toEqual([
      [file.version + 1, WHO, false, '欄を一つ削除'],
      [file.version, 'files', true, null],
    ]);
    const audit = service.admin.store.auditLog().find((e) => e.action === 'save' && e.documentId === 'juminhyo-request');
    expect(audit).toMatchObject({ who: WHO, kind: 'template', version: file.version + 1, detail: `fields -${file.fields.at(-1)!.id}` });
  });

  it('describes a change by field id and property, never by value', async () => {
    const v1 = testForm('audit-form', '第一版', [{ id: 'old', type: 'text', label: loc('旧'), at: [20, 90, 50, 10] }]);
    expect(await admin('documents.save', { kind: 'template', document: v1, basedOn: null })).toEqual({ ok: true, version: 1 });
    const v2 = testForm('audit-form', '第二版', [purposeField]);
    v2.fields[0] = { ...v2.fields[0]!, at: [25, 30, 120, 12], fontSize: 14 } as (typeof v2.fields)[0];
    expect(await admin('documents.save', { kind: 'template', document: v2, basedOn: 1 })).toEqual({ ok: true, version: 2 });
    const detail = service.admin.store.auditLog().find((e) => e.documentId === 'audit-form' && e.version === 2)!.detail;
    expect(detail).toBe('fields ~applicant.name(at,fontSize), +purpose, -old; layout');
    expect(detail).not.toContain('第二版');
  });
});

describe('publishing', () => {
  it('makes a version live at once; a session started before keeps the version it started with; rollback', async () => {
    const id = 'designer-test';
    expect(await admin('documents.save', { kind: 'template', document: testForm(id, 'EDITION-ONE'), basedOn: null })).toEqual({ ok: true, version: 1 });
    const before = await service.request('kiosk.info', {});
    expect(before.procedures.some((p) => p.id === id)).toBe(false); // saved is not live
    expect((await admin('documents.list', {})).documents.find((d) => d.id === id)).toMatchObject({ liveVersion: null, liveSource: null, latestVersion: 1 });

    events.length = 0;
    expect(await admin('documents.publish', { kind: 'template', id, version: 1 })).toEqual({ liveVersion: 1 });
    const v1Info = await service.request('kiosk.info', {});
    expect(v1Info.procedures.find((p) => p.id === id)).toMatchObject({ kind: 'form', title: loc('設計テスト届') });
    expect(v1Info.templatesVersion).not.toBe(before.templatesVersion);
    expect(events).toEqual([{ type: 'templates-changed', templatesVersion: v1Info.templatesVersion }]);

    // A resident starts on v1; v2 (a new question, a new edition label) is published meanwhile.
    const started = await service.request('session.start', { procedureId: id, language: 'ja' });
    expect(started.questions).toEqual([]);
    expect(await admin('documents.save', { kind: 'template', document: testForm(id, 'EDITION-TWO', [purposeField]), basedOn: 1 })).toEqual({ ok: true, version: 2 });
    expect(await admin('documents.publish', { kind: 'template', id, version: 2 })).toEqual({ liveVersion: 2 });
    const v2Info = await service.request('kiosk.info', {});
    expect(v2Info.templatesVersion).not.toBe(v1Info.templatesVersion);

    await expect(service.request('session.answer', { answers: { purpose: '就職' } })).rejects.toMatchObject({ code: 'invalid-request' });
    const oldPreview = (await service.request('session.preview', {})).forms[0]!;
    expect(squash(text(oldPreview.pdfBase64))).toContain('EDITION-ONE');
    expect(squash(text(oldPreview.pdfBase64))).not.toContain('EDITION-TWO');
    await service.request('session.end', { reason: 'done' });

    // The next resident gets v2 at once.
    const next = await service.request('session.start', { procedureId: id, language: 'ja' });
    expect(next.questions.map((q) => q.key)).toEqual(['purpose']);
    await service.request('session.answer', { answers: { purpose: '就職' } });
    expect(squash(text((await service.request('session.preview', {})).forms[0]!.pdfBase64))).toContain('EDITION-TWO');
    await service.request('session.end', { reason: 'done' });

    // Roll back to v1: live at once, audited as a rollback; rolling "back" to the live or a newer version is refused.
    await expect(admin('documents.rollback', { kind: 'template', id, version: 2 })).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await admin('documents.rollback', { kind: 'template', id, version: 1 })).toEqual({ liveVersion: 1 });
    const back = await service.request('session.start', { procedureId: id, language: 'ja' });
    expect(back.questions).toEqual([]);
    await service.request('session.end', { reason: 'done' });
    expect((await service.request('kiosk.info', {})).templatesVersion).toBe(v1Info.templatesVersion);
    const versions = (await admin('documents.versions', { kind: 'template', id })).versions;
    expect(versions.map((v) => [v.version, v.live, v.publishedAt !== null])).toEqual([
      [2, false, true],
      [1, true, true],
    ]);
    const actions = service.admin.store.auditLog().filter((e) => e.documentId === id).map((e) => `${e.action} v${e.version}`);
    expect(actions).toEqual(['rollback v1', 'publish v2', 'save v2', 'publish v1', 'save v1']);
  });

  it('a session keeps drawing on the background of the version it started with', async () => {
    const id = 'background-swap';
    const alpha = await admin('backgrounds.add', { fileName: 'alpha.pdf', pdfBase64: b64(await onePagePdf('BG-ALPHA')) });
    const beta = await admin('backgrounds.add', { fileName: 'beta.pdf', pdfBase64: b64(await onePagePdf('BG-BETA')) });
    await admin('documents.save', { kind: 'template', document: testForm(id, 'SWAP', [], `designer/${alpha.hash}.pdf`), basedOn: null });
    await admin('documents.publish', { kind: 'template', id, version: 1 });
    await service.request('session.start', { procedureId: id, language: 'ja' });
    await admin('documents.save', { kind: 'template', document: testForm(id, 'SWAP', [], `designer/${beta.hash}.pdf`), basedOn: 1 });
    await admin('documents.publish', { kind: 'template', id, version: 2 });
    const old = squash(text((await service.request('session.preview', {})).forms[0]!.pdfBase64));
    expect(old).toContain('BG-ALPHA');
    expect(old).not.toContain('BG-BETA');
    await service.request('session.end', { reason: 'done' });
    await service.request('session.start', { procedureId: id, language: 'ja' });
    expect(squash(text((await service.request('session.preview', {})).forms[0]!.pdfBase64))).toContain('BG-BETA');
    await service.request('session.end', { reason: 'done' });
  });

  it('a factory template rolls back to its templates/ file', async () => {
    const id = 'inkan-certificate';
    const file = JSON.parse(readFileSync(join(repoRoot, `templates/${id}.json`), 'utf8')) as { version: number; title: { ja: string } };
    const edited = inSevenLanguages({ ...file, title: { ...file.title, ja: '印鑑登録証明書交付申請書（改）' } });
    const saved = await admin('documents.save', { kind: 'template', document: edited, basedOn: file.version });
    expect(saved).toEqual({ ok: true, version: file.version + 1 });
    await admin('documents.publish', { kind: 'template', id, version: file.version + 1 });
    const title = async () => (await service.request('kiosk.info', {})).procedures.find((p) => p.id === id)!.title.ja;
    expect(await title()).toBe('印鑑登録証明書交付申請書（改）');
    expect((await admin('documents.list', {})).documents.find((d) => d.id === id)).toMatchObject({ liveVersion: file.version + 1, liveSource: 'designer' });
    await admin('documents.rollback', { kind: 'template', id, version: file.version });
    expect(await title()).toBe(file.title.ja);
    expect((await admin('documents.list', {})).documents.find((d) => d.id === id)).toMatchObject({ liveVersion: file.version, liveSource: 'files' });
  });

  it('refuses to publish a form with overlapping fields or a text lacking a language, naming them; "anyway" publishes it with an audit line', async () => {
    const id = 'broken-form';
    const { ko: _ko, ...noKorean } = loc('電話番号');
    const broken = testForm(id, 'BROKEN', [{ id: 'phone', type: 'phone', label: noKorean, at: [60, 35, 40, 8] }]);
    expect(await admin('documents.save', { kind: 'template', document: broken, basedOn: null })).toEqual({ ok: true, version: 1 });
    const refused = await admin('documents.publish', { kind: 'template', id, version: 1 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'publish-problems' });
    expect((refused as { problems: unknown }).problems).toEqual([
      { code: 'overlap', fieldIds: ['applicant.name', 'phone'], page: 1 },
      { code: 'missing-language', fieldIds: ['phone'], page: 1, detail: 'label: ko' },
    ]);
    expect((await service.request('kiosk.info', {})).procedures.some((p) => p.id === id)).toBe(false);
    expect(service.admin.store.auditLog().some((e) => e.action === 'publish' && e.documentId === id)).toBe(false);
    // The draft's preview lists the same problems, so the designer can show them before publishing.
    expect((await admin('preview.render', { document: broken, residentId: 'demo' })).publishProblems.map((p) => p.code)).toEqual(['overlap', 'missing-language']);

    expect(await admin('documents.publish', { kind: 'template', id, version: 1, anyway: true })).toEqual({ liveVersion: 1 });
    expect((await service.request('kiosk.info', {})).procedures.some((p) => p.id === id)).toBe(true);
    const line = service.admin.store.auditLog().find((e) => e.action === 'publish' && e.documentId === id)!;
    expect(line).toMatchObject({ who: WHO, version: 1, detail: 'first publication; published anyway despite overlap applicant.name+phone, missing-language phone' });
    expect(line.detail).not.toContain('電話番号');
    // Only the literal `true` opens the way.
    await expect(admin('documents.publish', { kind: 'template', id, version: 1, anyway: false as never })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('a designer-only bundle becomes a life-event procedure; one naming a form that is not live is refused', async () => {
    const bundle = { id: 'designer-event', event: 'other', title: loc('設計テストの手続き'), templates: [{ id: 'juminhyo-request' }, { id: 'designer-draft' }] };
    expect(await admin('documents.save', { kind: 'template', document: testForm('designer-draft', 'DRAFT'), basedOn: null })).toEqual({ ok: true, version: 1 });
    expect(await admin('documents.save', { kind: 'bundle', document: bundle, basedOn: null })).toEqual({ ok: true, version: 1 });
    expect((await admin('documents.get', { kind: 'bundle', id: 'designer-event' })).document).toEqual(bundle); // a bundle carries no version
    await expect(admin('documents.publish', { kind: 'bundle', id: 'designer-event', version: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await admin('documents.publish', { kind: 'template', id: 'designer-draft', version: 1 });
    await admin('documents.publish', { kind: 'bundle', id: 'designer-event', version: 1 });
    expect((await service.request('kiosk.info', {})).procedures.find((p) => p.id === 'designer-event')).toMatchObject({ kind: 'life-event', templateIds: ['juminhyo-request', 'designer-draft'] });
    await expect(admin('documents.publish', { kind: 'bundle', id: 'designer-event', version: 9 })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('backgrounds, export and import', () => {
  it('stores a PDF by its hash with its page sizes; refuses what is not a readable PDF, encrypted or too large', async () => {
    const pdf = await onePagePdf('CITY FORM');
    const info = await admin('backgrounds.add', { fileName: 'katori-form.pdf', pdfBase64: b64(pdf) });
    expect(info.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(info.pagesMm).toEqual([{ widthMm: 210, heightMm: 297 }]);
    expect(Buffer.from((await admin('backgrounds.get', { hash: info.hash })).pdfBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);

    await expect(admin('backgrounds.add', { fileName: 'x.pdf', pdfBase64: b64(Buffer.from('hello, not a PDF')) })).rejects.toMatchObject({ code: 'not-a-pdf' });
    await expect(admin('backgrounds.add', { fileName: 'x.pdf', pdfBase64: b64(Buffer.from(pdf).subarray(0, 400)) })).rejects.toMatchObject({ code: 'not-a-pdf' });
    const plain = join(dir, 'plain.pdf');
    const locked = join(dir, 'locked.pdf');
    writeFileSync(plain, pdf);
    execFileSync('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pdfwrite', '-sOwnerPassword=owner-secret', '-sUserPassword=user-secret', `-sOutputFile=${locked}`, plain], { timeout: 60_000 });
    await expect(admin('backgrounds.add', { fileName: 'locked.pdf', pdfBase64: b64(readFileSync(locked)) })).rejects.toMatchObject({ code: 'not-a-pdf' });
    await expect(admin('backgrounds.add', { fileName: 'big.pdf', pdfBase64: 'A'.repeat(28 * 1024 * 1024) })).rejects.toMatchObject({ code: 'too-large' });
    await expect(admin('backgrounds.get', { hash: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('exports a template with its background as one file and imports it on another kiosk as a new, unpublished version', async () => {
    const pdf = await onePagePdf('KATORI');
    const { hash } = await admin('backgrounds.add', { fileName: 'katori.pdf', pdfBase64: b64(pdf) });
    const form = testForm('exported-form', 'EXPORTED', [purposeField], `designer/${hash}.pdf`);
    expect(await admin('documents.save', { kind: 'template', document: form, basedOn: null })).toEqual({ ok: true, version: 1 });
    const got = await admin('documents.get', { kind: 'template', id: 'exported-form' });
    expect(got.background).toEqual({ hash, pagesMm: [{ widthMm: 210, heightMm: 297 }] });

    const exported = await admin('documents.export', { kind: 'template', id: 'exported-form', version: 1 });
    expect(exported.fileName).toBe('exported-form-v1.kakanai.json');
    const pkg = JSON.parse(exported.text) as Record<string, unknown>;
    expect(pkg).toMatchObject({ kakanai: 'template-package', formatVersion: 1, kind: 'template', document: { ...form, version: 1 }, background: { fileName: `${hash}.pdf`, sha256: hash } });

    const other = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: join(dir, 'other-kiosk'), watchTemplates: false });
    try {
      const imported = await admin('documents.import', { fileName: exported.fileName, text: exported.text }, other);
      expect(imported).toEqual({ ok: true, kind: 'template', id: 'exported-form', version: 1 });
      const there = await admin('documents.get', { kind: 'template', id: 'exported-form' }, other);
      expect(there.document).toEqual({ ...form, version: 1 });
      expect(Buffer.from((await admin('backgrounds.get', { hash }, other)).pdfBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);
      expect((await admin('documents.list', {}, other)).documents.find((d) => d.id === 'exported-form')).toMatchObject({ liveVersion: null, latestVersion: 1, hasBackground: true });
      // The background is drawn under the values once published.
      await admin('documents.publish', { kind: 'template', id: 'exported-form', version: 1 }, other);
      await other.request('session.start', { procedureId: 'exported-form', language: 'ja' });
      await other.request('session.answer', { answers: { purpose: '転入' } });
      const page = squash(text((await other.request('session.preview', {})).forms[0]!.pdfBase64));
      expect(page).toContain('KATORI');
      expect(page).toContain('EXPORTED');
      // Importing the same file again stores the next version.
      expect(await admin('documents.import', { fileName: exported.fileName, text: exported.text }, other)).toMatchObject({ ok: true, version: 2 });
      expect(other.admin.store.auditLog().map((e) => e.action)).toEqual(['import', 'publish', 'import', 'background']);
    } finally {
      await other.close();
    }
  });

  it('refuses a malformed import with the file, the place in it and the reason', async () => {
    const pdf = await onePagePdf('KATORI');
    const hash = (await admin('backgrounds.add', { fileName: 'katori.pdf', pdfBase64: b64(pdf) })).hash;
    const good = JSON.parse((await (async () => {
      await admin('documents.save', { kind: 'template', document: testForm('package-form', 'P', [], `designer/${hash}.pdf`), basedOn: null });
      return admin('documents.export', { kind: 'template', id: 'package-form', version: 1 });
    })()).text) as Record<string, unknown> & { document: { fields: { at: unknown }[] }; background: Record<string, string> };
    const refused = async (text: string) => {
      const r = await admin('documents.import', { fileName: 'C:\\Users\\it\\form.kakanai.json', text });
      if (r.ok) throw new Error('imported');
      expect(r.file).toBe('form.kakanai.json');
      return r.issues;
    };

    expect(await refused('{ "kakanai": ')).toEqual([{ path: [], message: expect.stringMatching(/^\(file\): not JSON/) }]);
    expect(await refused(JSON.stringify({ ...good, kakanai: 'something-else' }))).toEqual([{ path: ['kakanai'], message: 'kakanai: not a Kakanai template package (expected "kakanai": "template-package")' }]);
    expect(await refused(JSON.stringify({ ...good, formatVersion: 2 }))).toEqual([{ path: ['formatVersion'], message: 'formatVersion: format version 2 is not one this kiosk reads (1)' }]);

    const badField = structuredClone(good);
    badField.document.fields[0]!.at = [20, 30, 0, 12];
    const fieldIssues = await refused(JSON.stringify(badField));
    expect(fieldIssues).toEqual([{ path: ['document', 'fields', 0, 'at', 2], fieldId: 'applicant.name', message: expect.stringMatching(/^document\.fields\[0\] \(id "applicant\.name"\)\.at\[2\]: /) }]);

    expect(await refused(JSON.stringify({ ...good, background: null }))).toEqual([
      { path: ['background'], message: `background: missing: the document names the background "designer/${hash}.pdf" but the package carries no PDF` },
    ]);
    const notPdf = Buffer.from('%PDF-1.7 but nothing else');
    expect(await refused(JSON.stringify({ ...good, background: { ...good.background, pdfBase64: b64(notPdf), sha256: createSha(notPdf) } }))).toEqual([
      { path: ['background', 'pdfBase64'], message: `background.pdfBase64: ${good.background['fileName']}: not a PDF this kiosk can read (damaged, or encrypted)` },
    ]);
    const mismatch = await refused(JSON.stringify({ ...good, background: { ...good.background, sha256: 'a'.repeat(64) } }));
    expect(mismatch).toEqual([{ path: ['background', 'sha256'], message: expect.stringContaining('background.sha256: does not match the PDF inside') }]);

    // Nothing of the refused files was stored; each refusal is in the audit.
    expect((await admin('documents.versions', { kind: 'template', id: 'package-form' })).versions).toHaveLength(1);
    expect(service.admin.store.auditLog(7).filter((e) => e.action === 'import').map((e) => e.detail)).toEqual(Array(7).fill('refused form.kakanai.json: 1 issue(s)'));
  });
});

describe('preview', () => {
  it('lists the fictional residents', async () => {
    const { residents } = await admin('preview.residents', {});
    expect(residents).toContainEqual({ id: 'demo', label: 'demo — 見本　花子' });
    expect(residents.length).toBe(readdirSync(join(repoRoot, 'fixtures/residents')).length);
  });

  it('renders with the real engine: the fixture name in its box, an overflowing value and an undrawable character flagged on their fields', async () => {
    const form = testForm('preview-form', 'PREVIEW', [
      { id: 'address', type: 'text', label: loc('住所'), source: 'card.address', at: [20, 70, 12, 4] },
      { id: 'private', type: 'text', label: loc('記号'), source: 'value:\uE000', at: [20, 90, 30, 10] },
      { id: 'kana', type: 'kana', label: loc('ふりがな'), at: [20, 110, 80, 10] },
      { id: 'copies', type: 'number', label: loc('通数'), at: [20, 130, 30, 10], validation: { min: 1, max: 10 } },
    ]);
    const r = await admin('preview.render', { document: form, residentId: 'demo' });
    expect(r.issues).toEqual([]);
    expect(r.pageCount).toBe(1);
    const words = pdfWords(Buffer.from(r.pdfBase64!, 'base64'));
    const name = words.filter((w) => w.text.includes('見本') || w.text.includes('花子'));
    expect(squash(name.map((w) => w.text).join(''))).toBe('見本花子');
    // Inside applicant.name's box [20, 30, 120, 12] mm (pdftotext: points from the top-left).
    const mm = (pt: number) => (pt * 25.4) / 72;
    for (const w of name) {
      expect(mm(w.xMin)).toBeGreaterThanOrEqual(20);
      expect(mm(w.xMax)).toBeLessThanOrEqual(140);
      expect(mm(w.yMin)).toBeGreaterThanOrEqual(30);
      expect(mm(w.yMax)).toBeLessThanOrEqual(42);
    }
    expect(squash(words.map((w) => w.text).join(''))).toContain('みほんはなこ'); // the fixture's furigana, as the hiragana field prints it
    expect(r.problems).toEqual([{ fieldId: 'address', code: 'fontShrunkBelowMinimum' }]);
    expect(r.missingGlyphs).toEqual([{ fieldId: 'private', codePoint: 0xe000 }]);
    expect(r.renderMs).toBeGreaterThan(0);
  });

  it('returns the issues and no PDF for a template that does not validate; an unknown resident is not found', async () => {
    const r = await admin('preview.render', { document: { ...testForm('preview-bad', 'X'), category: 'nonsense' }, residentId: 'demo' });
    expect(r.pdfBase64).toBeNull();
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(['category']);
    await expect(admin('preview.render', { document: testForm('preview-ok', 'X'), residentId: '../residents/demo' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(admin('preview.render', { document: testForm('preview-ok', 'X'), residentId: 'nobody' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('renders a 40-field form well within the designer\'s budget once warm', async () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ id: `f${i}`, type: i % 4 === 0 ? 'date' : 'text', label: loc(`欄${i}`), ...(i === 0 ? { source: 'card.birthDate' } : i === 1 ? { source: 'card.name' } : {}), at: [10 + (i % 2) * 100, 10 + Math.floor(i / 2) * 13, 90, 10] }));
    const form = { ...testForm('forty-fields', 'FORTY'), fields };
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      const r = await admin('preview.render', { document: form, residentId: 'demo' });
      times.push(performance.now() - started);
      expect(r.problems).toEqual([]);
    }
    const median = times.slice(2).sort((a, b) => a - b)[5]!;
    console.log(`preview of a 40-field form, warm: median ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(1000); // the target is 200 ms; this machine is shared, so the test only catches a regression by a lot
  });

  it('leaves nothing of any fixture resident in designer.db', async () => {
    const residents = readdirSync(join(repoRoot, 'fixtures/residents')).map((f) => JSON.parse(readFileSync(join(repoRoot, 'fixtures/residents', f), 'utf8')) as Record<string, string>);
    for (const r of residents) await admin('preview.render', { document: testForm('preview-names', 'NAMES', [{ id: 'address', type: 'multiline', label: loc('住所'), source: 'card.address', at: [20, 60, 150, 20] }]), residentId: r['id']! });
    await admin('documents.save', { kind: 'template', document: testForm('preview-names', 'NAMES'), basedOn: null });
    const db = join(dir, 'data', 'designer.db');
    const bytes = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(10_000);
    for (const r of residents) {
      for (const value of [r['name'], r['address'], r['furigana'], r['myNumber']].filter((v): v is string => typeof v === 'string')) {
        expect(bytes.includes(Buffer.from(value, 'utf8')), `${r['id']}: a value of the fixture`).toBe(false);
      }
    }
  });
});

function createSha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('the printer of a procedure (IT staff, real CUPS)', () => {
  it('lists the CUPS destinations and every procedure; a printer set is kept in procedure-printers.json, wins at every desk and is audited', async () => {
    assertCupsPdfReady();
    const file = join(dir, 'data', 'procedure-printers.json');
    const before = await admin('printers.get', {});
    expect(before.cups).toBe('ok');
    expect(before.printers.map((p) => p.name)).toContain(CUPS_PDF_PRINTER);
    expect(before.procedures.map((p) => `${p.kind}:${p.id}`)).toEqual(expect.arrayContaining(['form:juminhyo-request', 'life-event:moving-in']));
    expect(before.byProcedure).toEqual({});

    const after = await admin('printers.setProcedure', { procedureId: 'juminhyo-request', printer: CUPS_PDF_PRINTER });
    expect(after.byProcedure).toEqual({ 'juminhyo-request': CUPS_PDF_PRINTER });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, procedures: { 'juminhyo-request': CUPS_PDF_PRINTER } });
    const desks = new DeskPrinters({ dataDir: join(dir, 'data') });
    expect(desks.printerFor('desk-of-anyone', 'juminhyo-request')).toBe(CUPS_PDF_PRINTER);
    expect(desks.printerFor('desk-of-anyone', 'moving-in')).toBeUndefined();

    await expect(admin('printers.setProcedure', { procedureId: 'juminhyo-request', printer: 'no-such-printer' })).rejects.toMatchObject({ code: 'unknown-printer' });
    await expect(admin('printers.setProcedure', { procedureId: 'no-such-procedure', printer: null })).rejects.toMatchObject({ code: 'not-found' });
    // A file IT staff broke by hand is never overwritten: the admin app says so.
    writeFileSync(file, '{ "version": 1, "procedures": ');
    await expect(admin('printers.setProcedure', { procedureId: 'inkan-certificate', printer: CUPS_PDF_PRINTER })).rejects.toMatchObject({ code: 'broken-file' });
    expect(readFileSync(file, 'utf8')).toBe('{ "version": 1, "procedures": ');
    rmSync(file);
    expect((await admin('printers.setProcedure', { procedureId: 'juminhyo-request', printer: null })).byProcedure).toEqual({});

    const audit = (await admin('audit.list', { limit: 20 })).entries.filter((e) => e.action === 'printer').map((e) => e.detail);
    expect(audit).toEqual(expect.arrayContaining([`juminhyo-request → ${CUPS_PDF_PRINTER}`, "juminhyo-request → each desk's own"]));
  });
});
