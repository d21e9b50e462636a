// A clerk at a desk on the hall finishes a kiosk's submission: the paper view, corrections (the kanji of a family
// member the kiosk took as kana), the 職員記入欄, confirmation, 受付済み/完了, releasing a claim and the PDF to print,
// each re-checking the device, the staff session and the site, and audited by field id only.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallQueueItem, HallSubmissionView } from '../../contract/hall';
import { hashPassphrase } from '../../counter/admin/config';
import { libraryDeskForms } from '../../counter/clerk';
import { encodeImageValue, IMAGES_KEPT_KEY } from '../../counter/queue/image-values';
import { loadLibrary, templatesDir } from '../../forms/load';
import type { Template } from '../../forms/model/template';
import type { HallServer } from '../server';
import { HallClient, startHallRig, type HallRig } from './hall-rig';

let rig: HallRig;
let hall: HallServer;
let kiosk: HallClient;
let shishoKiosk: HallClient;
const desks: Record<'sato' | 'tanaka' | 'kimura' | 'chief' | 'it-1', HallClient> = {} as never;
let template: Template;
let codes = 0;

const FAMILY_KANA = 'みほん はなこ';
const FAMILY_KANJI = '見本　花子';
const NOTIFIER = '見本　太郎';

async function device(kind: 'kiosk' | 'desk', site: string, name: string): Promise<{ id: string; credential: string }> {
  const d = await hall.stores.registry.add(kind, site, name);
  const code = `CODE${String(++codes).padStart(6, '0')}`;
  await hall.stores.registry.issueCode(d.id, code, Date.now() + 60_000);
  const redeemed = await new HallClient(hall.port, rig.tls.ca).call<{ credential: string }>('enrolment.redeem', { code });
  return { id: d.id, credential: redeemed.result!.credential };
}

async function deskFor(name: keyof typeof desks, site: string): Promise<HallClient> {
  const client = new HallClient(hall.port, rig.tls.ca, (await device('desk', site, `desk of ${name}`)).credential);
  const signedIn = await client.call<{ session: string }>('staff.signIn', { name, passphrase: `${name} passphrase long` });
  expect(signedIn.ok).toBe(true);
  client.staffSession = signedIn.result!.session;
  return client;
}

/** What the kiosk hands over: the engine's own render of the values, the template's version, the signature kept. */
async function submit(from: HallClient, key: string, templateVersion = template.version): Promise<number> {
  const png = new PNG({ width: 4, height: 2 });
  png.data.fill(0);
  const values = {
    kind: 'in',
    filedOn: '2026-12-05',
    movedOn: '2026-11-20',
    'notifier.name': NOTIFIER,
    'p1.name': NOTIFIER,
    'p1.birthDate': '1985-04-12',
    'p2.kana': 'ミホン ハナコ',
    'p2.name': FAMILY_KANA,
    signature: encodeImageValue(PNG.sync.write(png)),
    [IMAGES_KEPT_KEY]: true,
  };
  const forms = libraryDeskForms({ library: () => ({ templates: new Map([[template.id, template]]) }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
  const pdf = await forms.render(template, values, undefined, '2026-12-05');
  const answer = await from.call<{ id: number }>('kiosk.submit', {
    submissionKey: key,
    day: '2026-12-05',
    procedureId: 'resident-move',
    forms: [{ templateId: template.id, templateVersion, pdfBase64: Buffer.from(pdf).toString('base64'), values }],
  });
  expect(answer.ok).toBe(true);
  return answer.result!.id;
}

function textOf(pdfBase64: string): string {
  const file = join(rig.dir, 'form.pdf');
  writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
  } finally {
    rmSync(file, { force: true });
  }
}

const fieldOf = (view: HallSubmissionView, id: string) => view.forms[0]!.groups.flatMap((g) => g.fields).find((f) => f.id === id)!;

beforeAll(async () => {
  rig = await startHallRig('hall-desk-finish');
  hall = await rig.start();
  for (const [name, role, site] of [['it-1', 'it', null], ['sato', 'clerk', 'honcho'], ['tanaka', 'clerk', 'honcho'], ['kimura', 'clerk', 'shisho'], ['chief', 'clerk', null]] as const) {
    await hall.stores.staff.put({ name, role, site, passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  template = structuredClone(loadLibrary().templates.get('resident-move')!);
  // Published at the hall as the designer does: the stored version's number is stamped into the template.
  const saved = await hall.stores.templates.saveVersion({ kind: 'template', id: template.id, basedOn: null, json: JSON.stringify({ ...template, version: 1 }), who: 'it-1', note: null });
  expect(saved).toEqual({ ok: true, version: 1 });
  template = { ...template, version: 1 };
  await hall.stores.templates.publish({ kind: 'template', id: template.id, version: 1 }, 'it-1');
  kiosk = new HallClient(hall.port, rig.tls.ca, (await device('kiosk', 'honcho', '1階 A')).credential);
  shishoKiosk = new HallClient(hall.port, rig.tls.ca, (await device('kiosk', 'shisho', '支所 A')).credential);
  desks.sato = await deskFor('sato', 'honcho');
  desks.tanaka = await deskFor('tanaka', 'honcho');
  desks.kimura = await deskFor('kimura', 'shisho');
  desks.chief = await deskFor('chief', 'honcho');
  desks['it-1'] = await deskFor('it-1', 'honcho');
}, 120_000);

afterAll(async () => {
  for (const c of [kiosk, shishoKiosk, ...Object.values(desks)]) c?.close();
  await hall?.close();
  await rig?.remove();
});

describe('a clerk at a hall desk finishes a submission', () => {
  it('shows any clerk of the site the paper view; only the clerk holding the claim acts, another sees who has it', async () => {
    const id = await submit(kiosk, 'visit-view');
    const view = (await desks.tanaka.call<HallSubmissionView>('queue.view', { id })).result!;
    expect(view.forms[0]!.title.ja).toBe(template.title.ja);
    expect(view.item.procedureTitle?.ja).toBe(template.title.ja);
    expect(view.hall).toMatchObject({ site: 'honcho', claimedBy: null, status: 'submitted' });
    expect(fieldOf(view, 'p2.name')).toMatchObject({ value: FAMILY_KANA, kanji: { written: false } });
    expect(fieldOf(view, 'p1.birthDate').date).toEqual({ wareki: '昭和60年4月12日', seireki: '1985年4月12日' });
    expect(fieldOf(view, 'signature')).toMatchObject({ value: null, image: { present: true } });
    expect(view.kanjiPending).toContainEqual({ position: 0, fieldId: 'p2.name' });

    // Nobody holds it yet: nobody acts.
    expect(await desks.sato.call('queue.correct', { id, position: 0, fields: { 'p2.name': FAMILY_KANJI } })).toMatchObject({ ok: false, code: 'not-claimed' });
    expect((await desks.sato.call<{ ok: boolean }>('queue.claim', { id })).result).toMatchObject({ ok: true });
    const seen = (await desks.tanaka.call<HallSubmissionView>('queue.view', { id })).result!;
    expect(seen.hall.claimedBy).toBe('sato');
    for (const [name, params] of [
      ['queue.correct', { id, position: 0, fields: { 'p2.name': FAMILY_KANJI } }],
      ['queue.staffArea', { id, idDocument: 'driver-license' }],
      ['queue.confirmCorrections', { id }],
      ['queue.setStatus', { id, status: 'confirmed' }],
      ['queue.release', { id }],
      ['queue.pdf', { id }],
    ] as const) {
      expect(await desks.tanaka.call(name, params), name).toMatchObject({ ok: false, code: 'not-claimed' });
    }
  });

  it('writes a family member\'s kanji, records the 本人確認書類, confirms, marks it 受付済み then 完了, and audits field ids only', async () => {
    const id = await submit(kiosk, 'visit-finish');
    const sato = desks.sato;
    await sato.call('queue.claim', { id });
    expect(await sato.call('queue.setStatus', { id, status: 'confirmed' })).toMatchObject({ ok: false, code: 'kanji-pending' });
    expect(await sato.call('queue.pdf', { id })).toMatchObject({ ok: false, code: 'kanji-pending' });
    expect(await sato.call('queue.correct', { id, position: 0, fields: { 'no.such.field': 'x' } })).toMatchObject({ ok: false, code: 'invalid-request' });

    const corrected = (await sato.call<HallSubmissionView>('queue.correct', { id, position: 0, fields: { 'p2.name': FAMILY_KANJI } })).result!;
    expect(corrected.forms[0]!.pending).toBe(true);
    expect(fieldOf(corrected, 'p2.name')).toMatchObject({ value: FAMILY_KANJI, kanji: { written: true } });
    expect(corrected.kanjiPending).toEqual([]);
    // Rendered again from the kiosk's template version, with the kanji the clerk wrote.
    expect(textOf(corrected.forms[0]!.pdfBase64)).toContain('見本花子');

    const staffed = (await sato.call<HallSubmissionView>('queue.staffArea', { id, idDocument: 'driver-license' })).result!;
    expect(staffed.staff.idDocument).toBe('driver-license');
    const confirmed = (await sato.call<HallSubmissionView>('queue.confirmCorrections', { id })).result!;
    expect(confirmed.forms.every((f) => !f.pending)).toBe(true);
    expect(textOf(confirmed.forms[0]!.pdfBase64)).toContain('運転免許証');

    const pdf = (await sato.call<{ fileName: string; pdfBase64: string }>('queue.pdf', { id })).result!;
    expect(pdf.fileName).toMatch(/^2026-12-05_\d+\.pdf$/);
    expect(textOf(pdf.pdfBase64)).toContain('見本花子');

    expect((await sato.call<{ item: HallQueueItem }>('queue.setStatus', { id, status: 'confirmed' })).result!.item).toMatchObject({ status: 'confirmed', claimedBy: 'sato' });
    expect((await desks.tanaka.call<{ items: HallQueueItem[] }>('queue.list', {})).result!.items.find((i) => i.id === id)).toMatchObject({ status: 'confirmed' });
    expect(await sato.call('queue.setStatus', { id, status: 'confirmed' })).toMatchObject({ ok: false, code: 'bad-transition' });
    expect((await sato.call<{ item: HallQueueItem | null }>('queue.setStatus', { id, status: 'done' })).result).toEqual({ item: null });
    expect((await desks.tanaka.call<{ items: HallQueueItem[] }>('queue.list', {})).result!.items.some((i) => i.id === id)).toBe(false);

    const audit = (await hall.stores.queue.auditLog()).filter((a) => a.submissionId === id);
    expect(audit.filter((a) => a.action === 'correction').map((a) => `${a.fieldId ?? ''}:${a.detail ?? ''}`)).toEqual(['p2.name:staged', 'staff.idDocument:staged', ':confirmed']);
    expect(audit.filter((a) => a.action === 'status').map((a) => a.detail)).toEqual(['claimed', 'submitted-to-confirmed', 'confirmed-to-done']);
    expect(audit.find((a) => a.action === 'print')).toMatchObject({ actor: { kind: 'clerk', id: 'sato' }, detail: 'hall-desk-download' });
    const written = JSON.stringify(await hall.stores.queue.auditLog());
    for (const value of [FAMILY_KANA, FAMILY_KANJI, NOTIFIER, 'driver-license']) expect(written).not.toContain(value);
  });

  it('lets the holder release a claim for another clerk, and re-renders from the version the kiosk used after a new one is live', async () => {
    const id = await submit(kiosk, 'visit-release');
    await desks.sato.call('queue.claim', { id });
    expect((await desks.sato.call<{ item: HallQueueItem }>('queue.release', { id })).result!.item.claimedBy).toBeNull();
    expect((await desks.tanaka.call<{ ok: boolean }>('queue.claim', { id })).result).toMatchObject({ ok: true });

    // A new version goes live with another title: the kiosk's form keeps the title and fields it was made with.
    const v2 = { ...template, version: 2, title: { ...template.title, ja: '住民異動届（第2版）' } };
    await hall.stores.templates.saveVersion({ kind: 'template', id: template.id, basedOn: 1, json: JSON.stringify(v2), who: 'it-1', note: null });
    await hall.stores.templates.publish({ kind: 'template', id: template.id, version: 2 }, 'it-1');
    const corrected = (await desks.tanaka.call<HallSubmissionView>('queue.correct', { id, position: 0, fields: { 'p2.name': FAMILY_KANJI } })).result!;
    expect(corrected.forms[0]!.title.ja).toBe(template.title.ja);
    expect(textOf(corrected.forms[0]!.pdfBase64)).not.toContain('第2版');

    // A version the hall never stored cannot be corrected (another version could move or rename its fields).
    const orphan = await submit(kiosk, 'visit-orphan', 7);
    await desks.tanaka.call('queue.claim', { id: orphan });
    expect(await desks.tanaka.call('queue.correct', { id: orphan, position: 0, fields: { 'p2.name': FAMILY_KANJI } })).toMatchObject({ ok: false, code: 'template-changed' });
  });

  it('refuses every new request without a credential, from a kiosk, without a staff session, to the it role, and to a clerk of another site (not-found)', async () => {
    const id = await submit(kiosk, 'visit-refused');
    await desks.sato.call('queue.claim', { id });
    const noStaff = new HallClient(hall.port, rig.tls.ca, (await device('desk', 'honcho', 'desk without a clerk')).credential);
    const nobody = new HallClient(hall.port, rig.tls.ca);
    const revoked = await device('desk', 'honcho', 'revoked desk');
    await hall.stores.registry.revoke(revoked.id, Date.now());
    const revokedDesk = new HallClient(hall.port, rig.tls.ca, revoked.credential);
    try {
      for (const [name, params] of [
        ['queue.view', { id }],
        ['queue.correct', { id, position: 0, fields: { 'p2.name': FAMILY_KANJI } }],
        ['queue.staffArea', { id, idDocument: 'passport' }],
        ['queue.confirmCorrections', { id }],
        ['queue.setStatus', { id, status: 'confirmed' }],
        ['queue.release', { id }],
        ['queue.pdf', { id }],
      ] as const) {
        expect(await nobody.call(name, params), `${name} unenrolled`).toMatchObject({ status: 401, ok: false });
        expect(await revokedDesk.call(name, params), `${name} revoked`).toMatchObject({ status: 401, ok: false });
        expect(await kiosk.call(name, params), `${name} kiosk`).toMatchObject({ ok: false, code: 'unauthorized' });
        expect(await noStaff.call(name, params), `${name} no staff`).toMatchObject({ ok: false, code: 'unauthorized' });
        expect(await desks['it-1'].call(name, params), `${name} it`).toMatchObject({ ok: false, code: 'forbidden' });
        expect(await desks.kimura.call(name, params), `${name} other site`).toMatchObject({ ok: false, code: 'not-found' });
        expect(await desks.sato.call(name, { ...params, id: 999_999 }), `${name} unknown id`).toMatchObject({ ok: false, code: 'not-found' });
      }
      // Nothing changed on the way.
      expect((await hall.stores.queue.summary(id)).status).toBe('submitted');
      expect((await hall.stores.queue.auditLog()).filter((a) => a.submissionId === id && a.action === 'correction')).toEqual([]);
    } finally {
      for (const c of [noStaff, nobody, revokedDesk]) c.close();
    }
  });

  it('names procedures by their title, and shows a clerk of every site each kiosk and queue item with its site', async () => {
    await submit(shishoKiosk, 'visit-shisho');
    const items = (await desks.chief.call<{ items: HallQueueItem[] }>('queue.list', {})).result!.items;
    expect(new Set(items.map((i) => i.site))).toEqual(new Set(['honcho', 'shisho']));
    expect(items.every((i) => i.procedureTitle?.ja === '住民異動届（第2版）')).toBe(true);
    const all = (await desks.chief.call<{ devices: { site: string; name: string; kind: string }[] }>('kiosks.list', {})).result!.devices.filter((d) => d.kind === 'kiosk');
    expect(all.map((d) => `${d.site}/${d.name}`)).toEqual(['honcho/1階 A', 'shisho/支所 A']);
    const one = (await desks.chief.call<{ devices: { site: string; kind: string }[] }>('kiosks.list', { site: 'shisho' })).result!.devices;
    expect(one.every((d) => d.site === 'shisho')).toBe(true);
    // A clerk of one site still sees only theirs.
    expect(await desks.sato.call('kiosks.list', { site: 'shisho' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await desks.sato.call<{ devices: { site: string }[] }>('kiosks.list', {})).result!.devices.every((d) => d.site === 'honcho')).toBe(true);
  });
});
