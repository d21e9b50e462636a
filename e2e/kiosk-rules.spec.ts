// A form's own rules are enforced where the resident can act: 0 copies of a 住民票 is refused on the copies screen
// with the template's own words (通数を1つ以上…), never reaching the review, the printer or the clerk.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, demoCardVisit } from './support/kiosk-flow';

test('0 copies of a 住民票 stays on the copies screen with the form’s own message, and one copy goes on to the review', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'juminhyo-request' });

  const answers = { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 0, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' };
  await expect(answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers })).rejects.toThrow(/通数を1つ以上書いてください/);
  const notice = page.locator('main .notice-error');
  await expect(notice).toContainText('通数を1つ以上書いてください');
  await expect(page.locator('[data-question-key="copies.all"]')).toBeVisible();
  await expect(page.locator('.screen-review')).toHaveCount(0);
  await journey.step('copies-refused', { screen: 'question:copies-refused' });

  // The service refuses the hand-off too, whatever a screen does: nothing with 0 copies is submitted.
  expect(await page.evaluate(async () => {
    const ws = new WebSocket(`ws://${location.host}/api/kiosk`);
    await new Promise((r) => (ws.onopen = r));
    const answer = new Promise<string>((r) => (ws.onmessage = (m) => r(String(m.data))));
    ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'session.submit', params: { print: true, toClerk: true } }));
    const text = await answer;
    ws.close();
    return text;
  })).toContain('"ok":false');
  expect(await kiosk.memory()).toMatchObject({ hasSession: true });

  // One copy: the same screen lets her on, and the review comes.
  await answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers: { ...answers, 'copies.all': 1 } });
  await expect(page.locator('.screen-review')).toBeVisible();
});
