// The BPR figures as the running service records them: kiosk steps, outcomes and the clerk's hand-off timing reach
// the admin's figures.get, and figures.db holds nothing of the resident.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import type { KioskStep } from '../../contract/clerk';
import { startKioskRig, TEST_DESK, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
let now = Date.parse('2025-06-02T01:00:00Z');
beforeAll(async () => {
  kiosk = await startKioskRig({ clock: () => new Date(now) });
});
afterAll(async () => {
  await kiosk?.close();
});

const demo = loadResidentFixture(residentFixturePath('demo'));

async function step(s: KioskStep, spendMs: number): Promise<void> {
  await kiosk.service.request('session.step', { step: s });
  now += spendMs;
}

describe('the figures of a running counter', () => {
  it('counts each visit by outcome, times its steps and the clerk hand-off, and keeps nothing of the resident', { timeout: 60_000 }, async () => {
    const { service } = kiosk;
    await kiosk.insert('demo');

    // A visit sent to the clerk: card 4 s, PIN 6 s, questions 30 s, review 20 s.
    const started = await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await step('card', 4_000);
    await step('pin', 6_000);
    expect(await service.request('card.read', { pin: demo.pin })).toMatchObject({ ok: true });
    await step('questions', 30_000);
    const answers = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 2, 'juminhyo.purpose': '就職先への提出' };
    expect((await service.request('session.answer', { answers })).problems).toEqual([]);
    await step('review', 20_000);
    const submission = await service.request('session.submit', { print: false, toClerk: true });
    await step('done', 1_000);
    await service.request('session.end', { reason: 'done' });

    // The clerk opens it 90 s later and confirms it 45 s after that, then marks it done.
    now += 90_000;
    const item = (await service.clerk.request(TEST_DESK, 'queue.list', {})).items.find((i) => i.ticketNumber === submission.ticketNumber)!;
    expect(item.procedureTitle?.ja).toBe('住民票の写し等交付請求書'); // the queue line names the procedure as the kiosk offers it
    await service.clerk.request(TEST_DESK, 'queue.open', { id: item.id });
    now += 45_000;
    await service.clerk.request(TEST_DESK, 'queue.setStatus', { id: item.id, status: 'confirmed' });
    await service.clerk.request(TEST_DESK, 'queue.setStatus', { id: item.id, status: 'done' });

    // A visit cancelled at the PIN pad.
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'en' });
    await step('card', 3_000);
    await step('pin', 2_000);
    await service.request('session.end', { reason: 'cancel' });

    const { rows } = await service.admin.request('it-staff', 'figures.get', { since: '2025-06-01' });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ day: '2025-06-02', procedureId: 'juminhyo-request', procedureKind: 'form', sessions: 2, submitted: 1, cancelled: 1, timedOut: 0 });
    expect(row.steps.card).toMatchObject({ count: 2, totalMs: 7_000 });
    expect(row.steps.pin).toMatchObject({ count: 2, totalMs: 8_000 });
    expect(row.steps.questions).toMatchObject({ count: 1, totalMs: 30_000 });
    expect(row.steps.review).toMatchObject({ count: 1, totalMs: 20_000 });
    expect(row.steps['clerk-wait']).toMatchObject({ count: 1, totalMs: 91_000 }); // submitted → opened, the done screen's second included
    expect(row.steps['clerk-confirm']).toMatchObject({ count: 1, totalMs: 45_000 });
    expect(started.sessionId).toBeTruthy();

    // Nothing of the resident or the session in the figures' files. The ticket number is there on purpose, in the
    // desks' list of the day (ticket, procedure, times, clerk), kept apart from the anonymous visit rows.
    const files = readdirSync(kiosk.outputDir).filter((f) => f.startsWith('figures.db'));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(kiosk.outputDir, f))));
    expect(submission.ticketNumber).toMatch(/^A-\d{3}$/);
    for (const needle of [demo.name, demo.address, started.sessionId]) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), 'figures.db must not hold it').toBe(false);
    }
  });
});
