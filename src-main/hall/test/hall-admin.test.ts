// IT staff run the city's templates and devices at the hall: the admin role lists, saves and makes live a template or
// bundle under the designer's own checks (a clerk, a kiosk, an unenrolled or revoked device get nothing), a joined
// kiosk's next session uses what was published, and `kakanai hall publish` puts a folder of forms live in one go.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as hallCli } from '../../cli/hall';
import { startCounterService } from '../../counter';
import { hashPassphrase } from '../../counter/admin/config';
import { keyFolderStore } from '../../counter/queue/key';
import { writePackage } from '../../counter/admin/template-package';
import { repoRoot } from '../../forms/load';
import { TLS_SECURITY_HEADERS } from '../../web/security-headers';
import pg from 'pg';
import { initHallDir } from '../init';
import { joinHall } from '../join';
import { startHallServer, type HallServer } from '../server';
import { UPLOAD_TEXT_MAX } from '../../contract/hall';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let dir: string;
let ca: string;
let hall: HallServer;
let itDesk: string;
let itDeskId: string;
let itSession: string;
let startedDb: string;
let tls: { cert: string; key: string };

// The test reads answers by path; their shapes are the contract's, checked by toEqual/toMatchObject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port: hall.port, path, method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

let nextId = 1;
async function call(credential: string | undefined, name: string, params: unknown, staff?: string): Promise<{ status: number; ok: boolean; result?: Loose; code?: string; problems?: Loose }> {
  const headers: Record<string, string> = { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...(staff ? { 'kakanai-staff': staff } : {}) };
  const r = await post('/rpc', { kind: 'request', id: nextId++, name, params }, headers);
  const error = r.body.error as { code: string; problems?: unknown } | undefined;
  return { status: r.status, ok: r.body.ok === true, result: r.body.result, code: error?.code ?? (r.body.code as string | undefined), problems: error?.problems };
}

async function enrolDirect(kind: 'kiosk' | 'desk', name: string, code: string): Promise<{ credential: string; id: string }> {
  const device = await hall.stores.registry.add(kind, 'honcho', name);
  await hall.stores.registry.issueCode(device.id, code, Date.now() + 60_000);
  const r = await post('/enrol', { kind: 'request', id: 1, name: 'enrolment.redeem', params: { code } });
  return { credential: (r.body.result as { credential: string }).credential, id: device.id };
}

async function signIn(desk: string, name: string): Promise<string> {
  const r = await call(desk, 'staff.signIn', { name, passphrase: `${name} passphrase long` });
  expect(r.ok).toBe(true);
  return r.result.session as string;
}

async function until(done: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
/** A small form; `fields` replaces its one question. */
function form(id: string, edition: string, fields: object[] = [], extra: object = {}): Loose {
  return {
    id,
    version: 1,
    title: loc('庁舎管理テスト届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    layout: [{ kind: 'label', at: [20, 10, 150, 10], text: edition }],
    fields: [{ id: 'applicant.name', type: 'text', label: loc('氏名'), source: 'card.name', at: [20, 30, 120, 12] }, ...fields],
    ...extra,
  };
}
const purposeField = { id: 'purpose', type: 'text', label: loc('目的'), at: [20, 50, 120, 12], validation: { required: true } };

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-admin-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  ca = readFileSync(made.caCert, 'utf8');
  tls = { cert: readFileSync(made.cert, 'utf8'), key: readFileSync(made.key, 'utf8') };
  hall = await startHallServer({
    db: (startedDb = await cluster.createDatabase('admin')),
    cert: tls.cert,
    key: tls.key,
    port: 0,
    host: '127.0.0.1',
    keys: keyFolderStore(join(dir, 'keys')),
  });
  for (const [name, role] of [['it-1', 'it'], ['sato', 'clerk']] as const) {
    await hall.stores.staff.put({ name, role, site: role === 'it' ? null : 'honcho', passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  ({ credential: itDesk, id: itDeskId } = await enrolDirect('desk', 'IT desk', 'ITDESKCODE1'));
  itSession = await signIn(itDesk, 'it-1');
}, 120_000);

afterAll(async () => {
  await hall?.close().catch(() => undefined);
  try {
    await cluster?.stop();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const ADMIN_REQUESTS: [string, unknown][] = [
  ['devices.list', {}],
  ['templates.list', {}],
  ['templates.get', { kind: 'template', id: 'x', version: 1 }],
  ['templates.save', { kind: 'template', document: form('refused', 'R'), basedOn: null }],
  ['templates.background', { pdfBase64: 'JVBERi0=' }],
  ['templates.publish', { kind: 'template', id: 'x', version: 1 }],
  ['templates.upload', { fileName: 'refused.json', text: JSON.stringify(form('refused-upload', 'R')) }],
];

describe('IT staff at the hall', () => {
  it('refuses every admin request to an unenrolled client, a revoked desk, a kiosk, a desk without a staff member and a clerk', async () => {
    const clerkDesk = (await enrolDirect('desk', '窓口 1', 'CLERKDESK01')).credential;
    const sato = await signIn(clerkDesk, 'sato');
    const kiosk = (await enrolDirect('kiosk', '1階 A', 'KIOSKCODE01')).credential;
    const revoked = await enrolDirect('desk', '旧端末', 'OLDDESKCODE');
    const revokedSession = await signIn(revoked.credential, 'it-1');
    expect((await call(itDesk, 'enrolment.revoke', { deviceId: revoked.id }, itSession)).ok).toBe(true);
    for (const [name, params] of ADMIN_REQUESTS) {
      expect(await call(undefined, name, params), name).toMatchObject({ status: 401, ok: false });
      expect(await call(revoked.credential, name, params, revokedSession), name).toMatchObject({ status: 401, ok: false });
      expect(await call(kiosk, name, params), name).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await call(clerkDesk, name, params), name).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await call(clerkDesk, name, params, sato), name).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await hall.stores.templates.latestVersions()).toEqual([]);
  });

  it('lists every device of every site with its state', async () => {
    await hall.stores.registry.add('kiosk', 'shisho', '支所 A');
    const listed = await call(itDesk, 'devices.list', {}, itSession);
    expect(listed.result.devices.map((d: Loose) => `${d.site}/${d.kind}/${d.name}/${d.revoked}`)).toEqual(expect.arrayContaining(['honcho/desk/IT desk/false', 'honcho/desk/旧端末/true', 'shisho/kiosk/支所 A/false']));
    // Each asking device is told which row is itself (the admin app marks it この端末).
    expect(listed.result.thisDevice).toBe(itDeskId);
    const second = await enrolDirect('desk', '情報政策課 2', 'ITDESKCODE2');
    const secondSession = await signIn(second.credential, 'it-1');
    expect((await call(second.credential, 'devices.list', {}, secondSession)).result.thisDevice).toBe(second.id);
  });

  it('takes a template, a template with its PDF or an exported package uploaded at 様式, judged as the designer judges them; a malformed or refused file changes nothing', async () => {
    const upload = (fileName: string, text: string, pdfBase64?: string) => call(itDesk, 'templates.upload', { fileName, text, ...(pdfBase64 ? { pdfBase64 } : {}) }, itSession);
    const stored = async () => JSON.stringify([await hall.stores.templates.latestVersions(), await hall.stores.templates.livePointers()]);
    const pdf = await PDFDocument.create();
    pdf.addPage([595.28, 841.89]);
    pdf.setTitle('upload background');
    const bytes = await pdf.save();
    const hash = createHash('sha256').update(bytes).digest('hex');
    const before = await stored();

    // Malformed files: a clear message each, in the designer's words, naming the file (never its folder); nothing stored.
    expect((await upload('C:\\Users\\it\\form.json', '{"id": "broken",')).result).toMatchObject({ ok: false, file: 'form.json', issues: [{ path: [], message: expect.stringMatching(/^\(file\): not JSON/) }] });
    expect((await upload('list.json', '[1, 2]')).result).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('expected a JSON object') }] });
    const noType = await upload('no-type.json', JSON.stringify(form('uploaded', 'U0', [{ id: 'purpose', label: loc('目的'), at: [20, 50, 120, 12] }])));
    expect(noType.result).toMatchObject({ ok: false, file: 'no-type.json', issues: [expect.objectContaining({ fieldId: 'purpose' })] });
    expect((await upload('notice.json', JSON.stringify(form('uploaded', 'U0')), Buffer.from('not a pdf').toString('base64'))).result).toMatchObject({ ok: false, issues: [{ path: ['background'] }] });
    const bundle = { id: 'upload-event', title: loc('取り込みの手続き'), event: 'other', templates: [{ id: 'checked' }] };
    expect((await upload('event.json', JSON.stringify(bundle), Buffer.from(bytes).toString('base64'))).result).toMatchObject({ ok: false, issues: [{ message: 'background: a bundle has no background PDF' }] });
    // A package whose PDF is fine but whose document is refused: not even the PDF is kept.
    const badPackage = writePackage('template', form('uploaded', 'U0', [{ id: 'purpose', label: loc('目的'), at: [20, 50, 120, 12] }], { background: { pdf: 'designer/0.pdf' } }), { fileName: 'city.pdf', bytes });
    expect((await upload('uploaded-v1.kakanai.json', badPackage)).result).toMatchObject({ ok: false, issues: [expect.objectContaining({ fieldId: 'purpose' })] });
    expect((await upload('cut.kakanai.json', badPackage.slice(0, 200))).result).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/not JSON/) }] });
    expect((await upload('both.kakanai.json', badPackage, Buffer.from(bytes).toString('base64'))).result).toMatchObject({ ok: false, issues: [{ path: ['background'] }] });
    // Too large for the contract: refused before anything is read.
    expect(await upload('huge.json', 'x'.repeat(UPLOAD_TEXT_MAX + 1))).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await stored()).toBe(before);
    expect(await hall.stores.templates.background(hash)).toBeUndefined();

    // A template with the city's PDF: the PDF stored by hash, the template naming it; saved, not live, the checks clean.
    const uploaded = await upload('notice.json', JSON.stringify(form('uploaded', 'U1')), Buffer.from(bytes).toString('base64'));
    expect(uploaded.result).toEqual({ ok: true, kind: 'template', id: 'uploaded', version: 1, unchanged: false, problems: [] });
    expect(JSON.parse((await call(itDesk, 'templates.get', { kind: 'template', id: 'uploaded', version: 1 }, itSession)).result.json as string)).toMatchObject({ background: { pdf: `designer/${hash}.pdf` } });
    expect((await hall.stores.templates.livePointers()).some((p) => p.id === 'uploaded')).toBe(false);
    expect((await upload('notice.json', JSON.stringify(form('uploaded', 'U1')), Buffer.from(bytes).toString('base64'))).result).toMatchObject({ ok: true, version: 1, unchanged: true });
    // Two boxes on top of each other: saved, with the publish checks' problem told at once; publishing refuses it.
    const overlapping = await upload('overlap.json', JSON.stringify(form('uploaded', 'U2', [{ ...purposeField, at: [20, 30, 120, 12] }])));
    expect(overlapping.result).toMatchObject({ ok: true, version: 2, problems: [{ code: 'overlap', fieldIds: ['applicant.name', 'purpose'] }] });
    expect(await call(itDesk, 'templates.publish', { kind: 'template', id: 'uploaded', version: 2 }, itSession)).toMatchObject({ ok: false, code: 'publish-problems' });
    // The designer's exported package: its PDF and document as exported; then published.
    const exported = writePackage('template', form('uploaded', 'U3', [purposeField], { background: { pdf: 'designer/elsewhere.pdf' } }), { fileName: 'city.pdf', bytes });
    expect((await upload('uploaded-v7.kakanai.json', exported)).result).toMatchObject({ ok: true, kind: 'template', id: 'uploaded', version: 3, problems: [] });
    expect(JSON.parse((await call(itDesk, 'templates.get', { kind: 'template', id: 'uploaded', version: 3 }, itSession)).result.json as string)).toMatchObject({ version: 3, background: { pdf: `designer/${hash}.pdf` } });
    expect(await call(itDesk, 'templates.publish', { kind: 'template', id: 'uploaded', version: 3 }, itSession)).toMatchObject({ ok: true, result: { liveVersion: 3 } });
    const listed = (await call(itDesk, 'templates.list', {}, itSession)).result.documents as Loose[];
    expect(listed.find((d) => d.id === 'uploaded').versions.map((v: Loose) => [v.version, v.savedBy, v.note])).toEqual([
      [3, 'it-1', '取り込み / uploaded: uploaded-v7.kakanai.json'],
      [2, 'it-1', '取り込み / uploaded: overlap.json'],
      [1, 'it-1', '取り込み / uploaded: notice.json'],
    ]);
  });

  it('saves versions judged as the designer judges them and publishes only what passes the designer\'s publish checks', async () => {
    const save = (document: unknown, basedOn: number | null, kind = 'template') => call(itDesk, 'templates.save', { kind, document, basedOn }, itSession);
    const publish = (id: string, version: number, kind = 'template') => call(itDesk, 'templates.publish', { kind, id, version }, itSession);

    // The template model: a field without its type is refused with the designer's issue, nothing stored.
    const broken = await save(form('checked', 'E1', [{ id: 'purpose', label: loc('目的'), at: [20, 50, 120, 12] }]), null);
    expect(broken.result).toMatchObject({ ok: false, issues: [expect.objectContaining({ fieldId: 'purpose' })] });
    expect((await save(form('checked', 'E1'), null)).result).toEqual({ ok: true, version: 1 });
    expect((await save(form('checked', 'stale'), null)).result).toEqual({ ok: false, issues: [], conflict: { latestVersion: 1 } });

    // Two boxes on top of each other: the publish checks' own typed problem.
    expect((await save(form('checked', 'E2', [{ ...purposeField, at: [20, 30, 120, 12] }]), 1)).result).toEqual({ ok: true, version: 2 });
    const overlap = await publish('checked', 2);
    expect(overlap).toMatchObject({ ok: false, code: 'publish-problems', problems: [{ code: 'overlap', fieldIds: ['applicant.name', 'purpose'], page: 1 }] });
    // A text lacking a language: saved (the model allows it), refused at publishing as missing-language.
    const { ko: _ko, ...noKorean } = loc('目的');
    expect((await save(form('checked', 'E3', [{ ...purposeField, label: noKorean }]), 2)).result).toEqual({ ok: true, version: 3 });
    expect(await publish('checked', 3)).toMatchObject({ ok: false, code: 'publish-problems', problems: [{ code: 'missing-language', fieldIds: ['purpose'] }] });
    expect(await publish('checked', 9)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await publish('checked', 1)).toMatchObject({ ok: true, result: { liveVersion: 1 } });

    // A bundle naming a form saved but not live is saved, and refused at publishing until the form is live.
    expect((await save(form('draft-only', 'D1'), null)).result).toEqual({ ok: true, version: 1 });
    const bundle = { id: 'hall-event', title: loc('庁舎の手続き'), event: 'other', templates: [{ id: 'checked' }, { id: 'draft-only' }] };
    expect((await save(bundle, null, 'bundle')).result).toEqual({ ok: true, version: 1 });
    expect(await publish('hall-event', 1, 'bundle')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await publish('draft-only', 1)).toMatchObject({ ok: true });
    expect(await publish('hall-event', 1, 'bundle')).toMatchObject({ ok: true, result: { liveVersion: 1 } });

    // A background by hash: refused when not a PDF; a template may name it once it is stored, not before.
    expect(await call(itDesk, 'templates.background', { pdfBase64: Buffer.from('not a pdf').toString('base64') }, itSession)).toMatchObject({ ok: false, code: 'not-a-pdf' });
    const pdf = await PDFDocument.create();
    pdf.addPage([595.28, 841.89]);
    const bytes = await pdf.save();
    const hash = createHash('sha256').update(bytes).digest('hex');
    const withBackground = form('checked', 'E4', [], { background: { pdf: `designer/${hash}.pdf` } });
    expect((await save(withBackground, 3)).result).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: ['background', 'pdf'] })] });
    expect((await call(itDesk, 'templates.background', { pdfBase64: Buffer.from(bytes).toString('base64') }, itSession)).result).toEqual({ hash, pagesMm: [{ widthMm: 210, heightMm: 297 }] });
    expect((await save(withBackground, 3)).result).toEqual({ ok: true, version: 4 });

    // Who saved and who published each version is kept (the publications are the hall's audit of what went live).
    const listed = (await call(itDesk, 'templates.list', {}, itSession)).result.documents as Loose[];
    const checked = listed.find((d) => d.id === 'checked');
    expect(checked).toMatchObject({ kind: 'template', liveVersion: 1, latestVersion: 4, title: { ja: '庁舎管理テスト届' } });
    expect(checked.versions.map((v: Loose) => [v.version, v.savedBy, v.live])).toEqual([[4, 'it-1', false], [3, 'it-1', false], [2, 'it-1', false], [1, 'it-1', true]]);
    expect((await hall.stores.templates.livePointers()).find((p) => p.id === 'checked')).toMatchObject({ version: 1 });
    const got = await call(itDesk, 'templates.get', { kind: 'template', id: 'checked', version: 4 }, itSession);
    expect(JSON.parse(got.result.json as string)).toMatchObject({ version: 4, background: { pdf: `designer/${hash}.pdf` } });
  });

  it('publishes over the wire and a joined kiosk\'s next session uses the new version', async () => {
    const device = await hall.stores.registry.add('kiosk', 'honcho', '1階 B');
    await hall.stores.registry.issueCode(device.id, 'KIOSKCODE02', Date.now() + 60_000);
    const dataDir = join(dir, 'kiosk-b');
    await joinHall({ hall: `https://localhost:${hall.port}`, code: 'KIOSKCODE02', ca, dataDir });
    const service = await startCounterService({
      reader: { socketPath: join(dir, 'no-pcscd.sock') },
      outputDir: dataDir,
      keys: { dir: join(dir, 'kiosk-b-keys') },
      watchTemplates: false,
      figures: false,
      hall: { templatesEveryMs: 200, stateEveryMs: 200 },
    });
    try {
      await until(async () => (await service.request('kiosk.info', {})).procedures.some((p) => p.id === 'checked'), 20_000);
      const before = await service.request('session.start', { procedureId: 'checked', language: 'ja' });
      expect(before.questions).toEqual([]);
      await service.request('session.end', { reason: 'done' });
      const v = (await call(itDesk, 'templates.save', { kind: 'template', document: form('checked', 'E5', [purposeField]), basedOn: 4 }, itSession)).result.version as number;
      expect(await call(itDesk, 'templates.publish', { kind: 'template', id: 'checked', version: v }, itSession)).toMatchObject({ ok: true, result: { liveVersion: 5 } });
      await until(async () => (await service.request('session.start', { procedureId: 'checked', language: 'ja' }).then(async (s) => {
        await service.request('session.end', { reason: 'done' });
        return s.questions.map((q) => q.key).join();
      })) === 'purpose', 20_000);
    } finally {
      await service.close();
    }
  }, 120_000);

  it('kakanai hall publish puts the shipped forms and bundles live from a folder, and a second run saves nothing new', async () => {
    const db = await cluster.createDatabase('cli');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await hallCli(['publish', '--db', db, join(repoRoot, 'templates')])).toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0]));
      expect(printed.some((l) => /✓ template juminhyo-request v1 /.test(l))).toBe(true);
      expect(printed.some((l) => /✓ bundle moving-in v1 /.test(l))).toBe(true);
      expect(err.mock.calls).toEqual([]);
      out.mockClear();
      expect(await hallCli(['publish', '--db', db, join(repoRoot, 'templates')])).toBe(0);
      expect(out.mock.calls.every((c) => String(c[0]).includes('v1 (同じ版'))).toBe(true);

      // One file with its background: the PDF is stored by its hash and the template names it.
      const pdf = await PDFDocument.create();
      pdf.addPage([595.28, 841.89]);
      const bgFile = join(dir, 'city-form.pdf');
      writeFileSync(bgFile, await pdf.save());
      const file = join(dir, 'checked.json');
      writeFileSync(file, JSON.stringify(form('cli-form', 'C1')));
      expect(await hallCli(['publish', '--db', db, file, '--background', bgFile])).toBe(0);
      const overlapping = join(dir, 'overlap.json');
      writeFileSync(overlapping, JSON.stringify(form('cli-overlap', 'C2', [{ ...purposeField, at: [20, 30, 120, 12] }])));
      expect(await hallCli(['publish', '--db', db, overlapping])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/✗ template cli-overlap v1: publish-problems — overlap applicant\.name\+purpose/);

      // A package the designer exported on a kiosk: its PDF stored by hash, the template naming it there.
      const bytes = await pdf.save();
      const hash = createHash('sha256').update(bytes).digest('hex');
      const exported = join(dir, 'cli-package-v3.kakanai.json');
      writeFileSync(exported, writePackage('template', form('cli-package', 'P1', [], { background: { pdf: 'designer/0000.pdf' } }), { fileName: 'city.pdf', bytes }));
      expect(await hallCli(['publish', '--db', db, exported])).toBe(0);
      const pool = new pg.Pool({ connectionString: db, max: 1 });
      try {
        const live = await pool.query<{ id: string; json: string }>("SELECT v.id, v.json FROM document_versions v JOIN live_documents l USING (kind, id, version) WHERE v.id IN ('cli-form', 'cli-package') ORDER BY v.id");
        expect(live.rows.map((r) => [r.id, (JSON.parse(r.json) as { background?: { pdf: string } }).background?.pdf])).toEqual([
          ['cli-form', `designer/${hash}.pdf`],
          ['cli-package', `designer/${hash}.pdf`],
        ]);
      } finally {
        await pool.end();
      }
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }, 180_000);

  it('serves the admin app at /admin/ with the shared security headers, and enrols a browser desk there with the hall\'s cookie', async () => {
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    for (const f of ['admin.html', 'clerk.html', 'index.html', 'clerk-bell.wav', 'assets/admin-1.js']) writeFileSync(join(rendererDir, f), f);
    const web = await startHallServer({ db: startedDb, cert: tls.cert, key: tls.key, port: 0, host: '127.0.0.1', keys: keyFolderStore(join(dir, 'keys')), rendererDir });
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const req = request({ host: 'localhost', port: web.port, path, method, ca, headers }, (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await get('/admin')).toMatchObject({ status: 308, headers: { location: '/admin/' } });
      const page = await get('/admin/');
      expect([page.status, page.body]).toEqual([200, 'admin.html']);
      for (const [name, value] of Object.entries(TLS_SECURITY_HEADERS)) expect(page.headers[name.toLowerCase()], name).toBe(value);
      expect((await get('/admin/assets/admin-1.js')).status).toBe(200);
      // Nothing else of the renderer folder: not the kiosk's page, not the desk's bell.
      for (const path of ['/admin/index.html', '/admin/clerk-bell.wav', '/admin/../index.html', '/admin/clerk.html']) expect((await get(path)).status, path).toBe(404);
      expect((await get('/admin/device')).status).toBe(401);
      // The admin app's first question (a kiosk's session path) tells it it runs at a hall.
      const asked = await get('/api/admin/session');
      expect([asked.status, asked.headers['kakanai-hall']]).toEqual([401, '1']);

      const enrol = (code: string) => get('/admin/enrol', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ code }));
      const kioskDevice = await hall.stores.registry.add('kiosk', 'honcho', 'ブラウザで登録したキオスク');
      await hall.stores.registry.issueCode(kioskDevice.id, 'KIOSKINWEB1', Date.now() + 60_000);
      expect((await enrol('KIOSKINWEB1')).status).toBe(403);
      const desk = await hall.stores.registry.add('desk', 'honcho', '情報政策課');
      await hall.stores.registry.issueCode(desk.id, 'ADMINDESK01', Date.now() + 60_000);
      const enrolled = await enrol('ADMIN-DESK01');
      expect(enrolled.status).toBe(200);
      const cookie = String((enrolled.headers['set-cookie'] as string[])[0]).split(';')[0]!;
      expect(cookie).toMatch(/^kakanai_hall_device=/);
      expect(JSON.parse((await get('/admin/device', { cookie })).body)).toEqual({ ok: true, site: 'honcho', name: '情報政策課' });
    } finally {
      await web.close();
    }
  });
});
