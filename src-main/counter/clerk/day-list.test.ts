// The desk's day list through the desk service: a real queue and a real figures file, two clerks at two desks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mirror } from '../../contract/clerk';
import { FiguresRecorder } from '../figures';
import { ClerkQueue, keyFolderStore } from '../queue';
import { FileStaffDirectory, StaffSignIn } from '../staff';
import { addStaff } from '../staff/test/staff-fixture';
import { ClerkDesk } from './desk-service';
import { DeskRegistry } from './desks';

const restingKiosk: Mirror = { step: 'attract', session: null, updatedAt: 0 };
let dir: string;
let queue: ClerkQueue;
let figures: FiguresRecorder;
let desk: ClerkDesk;
let now = Date.parse('2025-06-02T10:00:00+09:00');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-day-list-'));
  queue = new ClerkQueue({ dir: join(dir, 'queue'), keys: keyFolderStore(join(dir, 'keys')), clock: () => now });
  figures = new FiguresRecorder({ file: join(dir, 'figures.db'), clock: () => new Date(now) });
  const directory = new FileStaffDirectory(dir);
  await addStaff(directory, 'tanaka', 'clerk');
  await addStaff(directory, 'suzuki', 'clerk');
  desk = new ClerkDesk({
    desks: new DeskRegistry(),
    staff: new StaffSignIn(directory),
    queue,
    figures,
    procedureTitle: (id) => (id === 'juminhyo-request' ? { ja: '住民票の写し等交付請求書', easy: 'じゅうみんひょう', en: 'Certificate of residence' } : undefined),
    live: { mirror: () => restingKiosk, correct: async () => ({ problems: [] }), readWithCheckCodeB: async () => ({ ok: false, error: 'NoCard' }), allowLastTry: () => {} },
  });
});

afterEach(() => {
  desk.close();
  figures.close();
  queue.close();
  rmSync(dir, { recursive: true, force: true });
});

const form = { templateId: 'juminhyo-request', pdf: new Uint8Array([37, 80, 68, 70]), values: { 'applicant.name': '見本　花子' } };

describe("the desks' day list", () => {
  it('lists what each clerk opened and decided today, with ticket, procedure and times, and nothing of the resident', async () => {
    const a = queue.enqueue({ ticketNumber: 'A-001', day: '2025-06-02', procedureId: 'juminhyo-request', forms: [form] });
    const b = queue.enqueue({ ticketNumber: 'A-002', day: '2025-06-02', procedureId: 'juminhyo-request', forms: [form] });
    const tanaka = { deskId: 'desk-1-aaaaaa', clerk: 'tanaka' };
    const suzuki = { deskId: 'desk-2-bbbbbb', clerk: 'suzuki' };
    expect(await desk.request(tanaka, 'day.list', {})).toEqual({ items: [] });
    now += 60_000;
    await desk.request(tanaka, 'queue.open', { id: a });
    now += 60_000;
    await desk.request(tanaka, 'queue.setStatus', { id: a, status: 'confirmed' });
    await desk.request(tanaka, 'queue.setStatus', { id: a, status: 'done' });
    await desk.request(suzuki, 'queue.setStatus', { id: b, status: 'returned', reason: 'missing-document' });
    const { items } = await desk.request(suzuki, 'day.list', {});
    const start = Date.parse('2025-06-02T10:00:00+09:00');
    expect(items).toEqual([
      { ticketNumber: 'A-001', procedureId: 'juminhyo-request', procedureTitle: expect.objectContaining({ ja: '住民票の写し等交付請求書' }), submittedAt: start, openedAt: start + 60_000, decidedAt: start + 120_000, status: 'done', clerk: 'tanaka' },
      { ticketNumber: 'A-002', procedureId: 'juminhyo-request', procedureTitle: expect.objectContaining({ ja: '住民票の写し等交付請求書' }), submittedAt: start, openedAt: start + 120_000, decidedAt: start + 120_000, status: 'returned', clerk: 'suzuki' },
    ]);
    expect(JSON.stringify(items)).not.toContain('見本');
  });
});
