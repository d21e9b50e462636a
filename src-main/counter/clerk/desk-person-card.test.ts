// The desk's paper view of a 転入 whose spouse was read from their own My Number Card: the spouse's name (in kanji),
// birth date and sex are marked as from that person's card and need no clerk kanji; the child typed in kana still does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCounterService, type CounterService } from '../index';
import { ClerkQueue, keyFolderStore } from '../queue';
import { addStaff } from '../staff/test/staff-fixture';

let root: string;
let queue: ClerkQueue;
let service: CounterService;
const desk = { deskId: 'desk-1-abcdef', clerk: 'tanaka' };

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kakanai-desk-person-card-'));
  queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
  service = await startCounterService({ reader: { socketPath: join(root, 'no-pcscd.sock') }, outputDir: join(root, 'data'), watchTemplates: false, queue, keys: { dir: join(root, 'service-keys') } });
  await addStaff(service.admin.staff.directory, 'tanaka', 'clerk');
});

afterEach(async () => {
  await service.close();
  queue.close();
  rmSync(root, { recursive: true, force: true });
});

it("marks a person read from their own card on the paper view, and asks the clerk's kanji only for the person typed in kana", async () => {
  const id = queue.enqueue({
    ticketNumber: 'A-002',
    day: '2025-06-02',
    procedureId: 'moving-in',
    forms: [
      {
        templateId: 'resident-move',
        templateVersion: 1,
        pdf: new Uint8Array([37, 80, 68, 70]),
        values: {
          'p2.name': '見本　平太',
          'p2.kana': 'みほん　へいた',
          'p2.birthDate': '1989-01-08',
          'p2.sex': '1',
          'p3.name': 'みほん　さくら',
          'p3.kana': 'みほん　さくら',
          'p3.birthDate': '2021-05-01',
        },
      },
    ],
  });
  const view = await service.clerk.request(desk, 'queue.view', { id });
  const fields = new Map(view.forms[0]!.groups.flatMap((g) => g.fields).map((f) => [f.id, f]));
  for (const id of ['p2.name', 'p2.birthDate', 'p2.sex']) expect(fields.get(id)?.fromPersonCard, id).toBe(true);
  // The reading is typed at the kiosk even for a person read from their card; the child's items are all typed.
  for (const id of ['p2.kana', 'p3.name', 'p3.kana', 'p3.birthDate']) expect(fields.get(id)?.fromPersonCard, id).toBeUndefined();
  expect(fields.get('p2.name')?.kanji).toBeUndefined();
  expect(view.kanjiPending).toEqual([{ position: 0, fieldId: 'p3.name' }]);
});
