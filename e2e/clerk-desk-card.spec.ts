// The clerk's help with the card, on the real rig with two browser contexts (kiosk and desk):
// - the resident forgot the PIN: the desk enters the card's 照合番号B (birth date, expiry year, security code) and the
//   kiosk goes on to the questions with the resident's data, as after a PIN read;
// - one PIN try left: the kiosk refuses the pad; the clerk allows the last try; the kiosk's next read with the right
//   PIN succeeds.
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { clerkWord, type ClerkMessageKey } from '../src-renderer/clerk/words';
import { clerkDeskTest, pairClerk } from './support/clerk-desk';
import { E2E_CLERK, Journey, expect, type KioskStage } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

const test = clerkDeskTest();

const desk = (key: ClerkMessageKey, params?: Record<string, string | number>) => clerkWord('ja', key, params);

type AuditEntry = { action: string; detail: string | null; actor: { kind: string } };
const auditOf = (kiosk: KioskStage): AuditEntry[] =>
  (kiosk.service as unknown as { clerk: { options: { queue: { auditLog(): AuditEntry[] } } } }).clerk.options.queue.auditLog();

test('a resident who forgot the PIN: the clerk reads the card with 照合番号B and the kiosk goes on with the resident’s data', async ({ page, browser, kiosk, journey }) => {
  // This card's 照合番号B has one try left: the right code must work at once (a wrong one would lock it).
  const resident = loadResidentFixture(residentFixturePath('check-code-b-one-try'));
  const code = resident.checkCodeB!;
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url);
  const clerkShots = new Journey(clerk, 'clerk-desk-card--check-code-b');

  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('check-code-b-one-try', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  await page.getByRole('button', { name: words('pin.forgot'), exact: true }).click();
  // The 照合番号B path is offered in words, then the call; a desk is paired, so a clerk is promised.
  await expect(page.locator('.clerk-path')).toContainText(words('pin.forgotBody'));
  await page.getByRole('button', { name: words('pin.askClerk'), exact: true }).click();
  await expect(page.locator('.screen-pin')).toContainText(words('pin.clerkComing'));
  await journey.step('clerk-coming');

  const mirror = clerk.locator('.desk-mirror');
  await expect(mirror).toHaveAttribute('data-step', 'pin');
  // The desk is told the resident is calling, and sees no override: this card has tries to spare.
  await expect(mirror.locator('.desk-call')).toHaveText(desk('mirror.clerkCalled'));
  await expect(clerk.locator('.desk-guard')).toHaveCount(0);
  const form = clerk.locator('.desk-checkb');
  await form.getByLabel(desk('checkB.birth')).fill(code.birth);
  await form.getByLabel(desk('checkB.expiry')).fill(code.expiryYear);
  await form.getByLabel(desk('checkB.security')).fill(code.securityCode);
  await clerkShots.step('check-code-b-filled', { axe: false });
  await form.getByRole('button', { name: desk('checkB.read') }).click();
  await expect(clerk.locator('.desk-notice')).toHaveText(desk('checkB.ok'), { timeout: 20_000 });
  // The desk keeps no copy of the code once it is sent: no field holds it, and the form left with the PIN step.
  expect(await clerk.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).not.toContain(code.securityCode);
  await expect(form).toHaveCount(0);

  // The kiosk continues as after its own read: take the card, then the questions; the desk sees the card's items.
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await expect(clerk.locator('.desk-resident')).toContainText(resident.name);
  await expect(clerk.locator('.desk-resident')).toContainText(resident.address);
  await clerkShots.step('check-code-b-read');
  await kiosk.removeCard();
  expect(await kiosk.memory()).toMatchObject({ hasResident: true, hasMyNumber: false });

  await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　てる', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.myNumber': false },
  });
  await expectReview(page, journey, 1);
  const ticket = await confirmAndSubmit(page, journey);

  // The submission the clerk receives carries the resident's data from the card.
  const row = clerk.locator(`.desk-queue tr[data-ticket="${ticket}"]`);
  await expect(row).toBeVisible();
  await row.locator('button').click();
  const values = clerk.locator('.desk-paper [data-group="applicant"]');
  await expect(values).toContainText(resident.name);
  await expect(values).toContainText(resident.address);
  await clerkShots.step('submission');

  const card = auditOf(kiosk).filter((e) => e.action === 'card');
  expect(card).toEqual([expect.objectContaining({ detail: 'check-code-b-read', actor: expect.objectContaining({ kind: 'clerk', id: expect.stringMatching(new RegExp(`^${E2E_CLERK.name}:desk-`)) }) })]);
  expect(JSON.stringify(auditOf(kiosk))).not.toContain(code.securityCode);
  await clerk.context().close();
});

test('one PIN try left: the kiosk refuses the pad, the clerk allows the last try, and the right PIN then reads the card', async ({ page, browser, kiosk, journey }) => {
  const resident = loadResidentFixture(residentFixturePath('one-try-left'));
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url);
  const clerkShots = new Journey(clerk, 'clerk-desk-card--last-try');
  const auditBefore = auditOf(kiosk).filter((e) => e.action === 'card').length;

  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('one-try-left', { delayMs: 30 });
  await expect(page.locator('.clerk-path-title')).toHaveText(words('pin.guardTitle'));
  await expect(page.locator('.pin-pad, .keypad')).toHaveCount(0);
  await page.getByRole('button', { name: words('pin.askClerk'), exact: true }).click();
  await expect(page.locator('.clerk-path')).toContainText(words('pin.clerkComing'));
  await journey.step('guard');
  // The refusal spent nothing: the card still has its one try.
  expect(await kiosk.service.request('card.tries', {})).toEqual({ triesLeft: 1 });

  const mirror = clerk.locator('.desk-mirror');
  await expect(mirror).toHaveAttribute('data-step', 'pin');
  await expect(mirror.locator('.desk-call')).toHaveText(desk('mirror.clerkCalled'));
  await expect(mirror.locator('.desk-tries')).toHaveAttribute('data-tries-left', '1');
  const allow = clerk.locator('.desk-guard button');
  await expect(allow).toHaveText(desk('guard.allow'));
  await clerkShots.step('guard');
  await allow.click();
  await expect(allow).toHaveText(desk('guard.allowed'));
  await expect(allow).toBeDisabled();

  // The kiosk offers the pad once; the right PIN reads the card.
  await expect(page.locator('.screen-pin .pin-pad')).toBeVisible();
  await journey.step('pin-after-override');
  await enterPin(page, resident.pin);
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await expect(clerk.locator('.desk-resident')).toContainText(resident.name);
  await clerkShots.step('read');
  await kiosk.removeCard();
  await expect(page.locator('.screen-question')).toBeVisible({ timeout: 20_000 });
  expect(await kiosk.memory()).toMatchObject({ hasResident: true });
  // The override was one-shot: it is spent.
  expect((await kiosk.service.clerk.request({ deskId: 'e2e', clerk: E2E_CLERK.name }, 'mirror.get', {})).session?.lastTryAllowed).toBe(false);
  const card = auditOf(kiosk).filter((e) => e.action === 'card').slice(auditBefore);
  expect(card).toEqual([expect.objectContaining({ detail: 'last-try-allowed', actor: expect.objectContaining({ kind: 'clerk', id: expect.stringMatching(new RegExp(`^${E2E_CLERK.name}:desk-`)) }) })]);
  await clerk.context().close();
});
