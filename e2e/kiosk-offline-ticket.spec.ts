// A kiosk joined to a city hall that is out of reach: 見本 花子 still gets her ticket — the kiosk's own number — and
// the done screen tells her the clerk will receive her forms shortly.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, demoCardVisit, confirmAndSubmit, expectReview, finishVisit } from './support/kiosk-flow';

test.use({ hallUnreachable: true });

test('with the hall out of reach the resident gets the kiosk\'s own ticket and is told the clerk receives it shortly', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'juminhyo-request' });
  await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  });
  await expectReview(page, journey, 1);
  const ticket = await confirmAndSubmit(page, journey, { recommended: 'clerk' });
  expect(ticket).toMatch(/^K[0-9A-F]{4}-\d{3}$/);
  await expect(page.getByTestId('offline-ticket')).toHaveText('この番号は、この端末で発行しました。受付の係に届くまで、少しお待ちください');
  await finishVisit(page);
});
