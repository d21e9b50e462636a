// A family moving in (転入) on a portrait kiosk, the spouse read from their own My Number Card: the visitor takes their
// card off, the spouse's card is placed and its own PIN typed on the same pad (a wrong PIN shows the spouse's own tries
// left; the visitor's card placed again is refused plainly), and the forms print the spouse's kanji name with no
// 漢字は職員が記入 for them. Neither card's My Number appears in any log of the service or the screen.
import type { Page } from '@playwright/test';
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, demoCardVisit, enterPin, expectPrinted, expectReview, finishVisit, producedPdfText } from './support/kiosk-flow';
import { words } from './support/words';

// axe runs on the new screens only (each `axe: true` step); the others are checked by their own journeys.
test.use({ viewport: { width: 1080, height: 1920 }, axeEveryScreen: false });

const MY_NUMBERS = ['123456789018', '101010101019']; // the demo visitor's and the spouse's (fixtures/residents)

/** Everything the service (it runs in this worker) and the screen write to a log while the journey runs. */
function captureLogs(page: Page): { text(): string; stop(): void } {
  const lines: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const keep = (write: typeof out) => ((chunk: unknown, ...rest: unknown[]) => (lines.push(String(chunk)), (write as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof out;
  process.stdout.write = keep(out);
  process.stderr.write = keep(err);
  page.on('console', (m) => lines.push(m.text()));
  return {
    text: () => lines.join('\n'),
    stop() {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}

test("a spouse's own My Number Card fills their name in kanji on every form; the visitor's session survives the card swap", async ({ page, kiosk, journey }) => {
  test.setTimeout(300_000); // a whole 転入 with two people, tapped as a resident does, on a shared machine
  const logs = captureLogs(page);
  try {
    await demoCardVisit(page, kiosk, journey, { procedureId: 'moving-in' });
    await answerQuestions(page, journey, {
      procedureId: 'moving-in',
      answers: {
        kana: 'みほん　はなこ',
        phone: '0478-54-1111',
        movedOn: '2026-11-20',
        'move.notifier': 'self',
        'move.newAddress': '千葉県香取市佐原イ1234番地5',
        'move.newHouseholder': 'みほん　はなこ',
        'linked.childAllowance': true,
        'linked.nursery': false,
        needsJuminhyo: true,
        'household.1.relationship': 'spouse',
      },
      until: 'household.1.relationship',
    });
    const person = page.locator('.screen-question');
    const have = page.getByRole('button', { name: words('personCard.have') });
    await expect(have).toBeVisible();
    // Chosen before the card: the screen keeps it through a cancel and through the read.
    const relationship = page.locator('[data-question-key="household.1.relationship"]').getByRole('radio').first();
    await relationship.click();
    await journey.step('person-screen', { screen: 'person-card:offer', axe: true });

    // Cancel at once: back to the person's screen as it was.
    await have.click();
    await expect(page.locator('.screen-person-card')).toBeVisible();
    await expect(page.getByRole('heading', { name: words('personCard.place') })).toBeVisible();
    await journey.step('person-card-place', { screen: 'person-card:place', axe: true });
    await page.locator('.person-card-cancel').click();
    await expect(have).toBeVisible();
    await expect(relationship).toHaveAttribute('aria-checked', 'true');

    await have.click();
    await expect(page.getByRole('heading', { name: words('personCard.place') })).toBeVisible();
    // The visitor's own card placed again is refused plainly; the session stays.
    await kiosk.insertCard('demo', { delayMs: 30 });
    await expect(page.getByRole('heading', { name: words('personCard.pinTitle') })).toBeVisible();
    await enterPin(page, '1234');
    await expect(page.getByText(words('personCard.visitorCard'))).toBeVisible();
    await journey.step('person-card-visitor-card', { screen: 'person-card:refused', axe: true });
    await kiosk.removeCard();

    // The spouse's card with the spouse's own PIN: a wrong one shows the spouse's own tries left.
    await kiosk.insertCard('heisei-first-day', { delayMs: 30 });
    await expect(page.getByRole('heading', { name: words('personCard.pinTitle') })).toBeVisible();
    await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 3 }));
    await journey.step('person-card-pin', { screen: 'person-card:pin', axe: true });
    await enterPin(page, '9999');
    await expect(page.locator('.screen-person-card .notice-error')).toHaveText(words('pin.wrong'));
    await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 2 }));
    await journey.step('person-card-wrong-pin', { axe: false });
    await enterPin(page, '0108');
    await expect(page.getByText(words('personCard.take'))).toBeVisible();
    await journey.step('person-card-take', { screen: 'person-card:take', axe: true });
    await kiosk.removeCard();

    // Back on the spouse's screen: what the card gave, read-only and marked; the relationship chosen before is kept.
    const read = person.locator('.person-card-read');
    await expect(read).toBeVisible();
    await expect(read.getByText(words('personCard.fromCard'))).toBeVisible();
    await expect(read.locator('.person-card-name')).toHaveText('見本　平太');
    await expect(read).toContainText('平成元年1月8日');
    await expect(read).toContainText('千葉県香取市見本町九丁目１０番１１号');
    await expect(relationship).toHaveAttribute('aria-checked', 'true');
    // The card's items are not asked; the kana reading still is (the 異動届 prints it), with no clerk-kanji note.
    await expect(page.locator('[data-question-key="household.1.birthDate"], [data-question-key="household.1.sex"]')).toHaveCount(0);
    await expect(page.locator('[data-question-key="household.1.kana"]')).toBeVisible();
    await expect(person.locator('.question-kanji-note')).toHaveCount(0);
    await journey.step('person-screen-from-card', { screen: 'person-card:read', axe: true });
    expect(await kiosk.memory()).toMatchObject({ hasSession: true, hasResident: true, personCards: 1 });

    await answerQuestions(page, journey, {
      procedureId: 'moving-in',
      answers: {
        'household.1.relationship': 'spouse',
        'household.1.kana': 'みほん　へいた',
        'household.1.living': 'together',
        'household.2.relationship': 'child',
        'household.2.kana': 'みほん　さくら',
        'household.2.birthDate': '2021-05-01',
        'household.2.sex': '2',
        'household.2.living': 'together',
        'linked.childAllowance': true,
        'linked.nursery': false,
        needsJuminhyo: true,
        pension: 'employees',
        'account.method': 'public',
        'juminhyo.relation': 'self',
        'copies.all': 1,
      },
    });
    await expectReview(page, journey, 3);
    // The review shows the spouse as read from their card: the kanji name and what else was read, marked, never the
    // My Number; the child typed in kana has no such mark.
    const review = page.locator('.screen-review');
    const spouseRead = review.locator('.person-card-read[data-person="1"]');
    await expect(spouseRead).toBeVisible();
    await expect(spouseRead.getByText(words('personCard.fromCard'))).toBeVisible();
    await expect(spouseRead.locator('.person-card-name')).toHaveText('見本　平太');
    await expect(spouseRead).toContainText('平成元年1月8日');
    await expect(spouseRead).toContainText(words('personCard.myNumberRead'));
    await expect(review.locator('.person-card-read')).toHaveCount(1);
    for (const n of MY_NUMBERS) await expect(review).not.toContainText(n);
    await spouseRead.scrollIntoViewIfNeeded();
    await journey.step('review-from-card', { screen: 'person-card:review', axe: true });
    const ticket = await confirmAndSubmit(page, journey);
    const move = producedPdfText(kiosk, ticket, 'resident-move');
    const claim = producedPdfText(kiosk, ticket, 'jido-teate-nintei');
    // The spouse's name in kanji from their card, and their birth date from it; never their reading for the clerk.
    expectPrinted(move, ['見本平太', 'みほんへいた', '平成元年1月8日', '夫']);
    expectPrinted(claim, ['見本平太']);
    for (const text of [move, claim]) expect(text).not.toContain('よみ：みほんへいた');
    // The child typed in kana still waits for the clerk's kanji.
    expect(move).toContain('よみ：みほんさくら（漢字は職員が記入）');
    await finishVisit(page);
    expect(await kiosk.memory()).toMatchObject({ hasSession: false, hasResident: false, answerCount: 0, personCards: 0 });
  } finally {
    logs.stop();
  }
  for (const n of MY_NUMBERS) expect(logs.text(), 'a log').not.toContain(n);
  expect(logs.text()).not.toContain('0108');
});
