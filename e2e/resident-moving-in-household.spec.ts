// A family of two adults and a child moves into 香取市 (転入) and claims 児童手当 and a 住民票 in the same visit, on a
// portrait kiosk: the spouse and the child are entered once, on the people screens, and appear on every form that
// names them; the forms that give the resident's address print the new one typed for the 異動届, not the card's.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, demoCardVisit, expectPrinted, expectReview, finishVisit, producedForms, producedPdfText } from './support/kiosk-flow';

test.use({ viewport: { width: 1080, height: 1920 } });
// A whole 転入 with two people and every screen checked by axe: longer than the default journey time on a shared machine.
test.setTimeout(300_000);

const family = {
  'household.1.relationship': 'spouse',
  'household.1.kana': 'みほん　たろう',
  'household.1.birthDate': '1984-02-03',
  'household.1.sex': '1',
  'household.1.living': 'together',
  'household.2.relationship': 'child',
  'household.2.kana': 'みほん　さくら',
  'household.2.birthDate': '2021-05-01',
  'household.2.sex': '2',
  'household.2.living': 'together',
};

test('a family moving in is entered once: the 異動届 and the 児童手当 both name the spouse and the child, and every form gives the new address', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'moving-in' });
  const { asked } = await answerQuestions(page, journey, {
    procedureId: 'moving-in',
    answers: {
      kana: 'みほん　はなこ',
      phone: '0478-54-1111',
      movedOn: '2026-11-20',
      'move.notifier': 'self',
      'move.newAddress': '千葉県香取市佐原イ1234番地5', // picked from the 町字 list, 番地 on the keypad
      'move.newHouseholder': 'みほん　たろう',
      'move.newRelationship': '妻', // picked from the 続柄 list, printed in kanji
      'move.previousRelationship': 'おい', // not in the list: その他, typed as its reading for the clerk's kanji
      'move.japanese': true,
      'move.honseki': '千葉県香取市佐原イ1番地',
      'move.hittosha': 'みほん　たろう',
      'attach.proof': 'card',
      ...family,
      'linked.childAllowance': true,
      'linked.nursery': false,
      needsJuminhyo: true,
      pension: 'employees',
      'account.method': 'public',
      'juminhyo.relation': 'self',
      'copies.all': 1,
    },
  });
  // Each person's name is asked on exactly one input of the whole visit, and no form asks its own copy of them.
  const names = asked.filter((k) => /(^|\.)(kana|name)$/.test(k) && k !== 'kana');
  expect(names).toEqual(['household.1.kana', 'household.2.kana']);
  expect(asked.filter((k) => /^(move\.person[2-9]|spouse|child\d?|nursery\.child)\./.test(k))).toEqual([]);
  expect(asked.filter((k) => k === 'move.newAddress')).toHaveLength(1);
  // A Japanese national moving in gives the 本籍 and 筆頭者, not the 国籍・在留資格, and one proof of the move-in.
  expect(asked).toEqual(expect.arrayContaining(['move.japanese', 'move.honseki', 'move.hittosha', 'attach.proof']));
  expect(asked).not.toContain('move.nationality');
  // The spouse's 同居・別居 was asked on that person's screen because the 児童手当 prints it.
  expect(asked).toContain('household.1.living');

  await expectReview(page, journey, 3);
  const ticket = await confirmAndSubmit(page, journey);
  expect(producedForms(kiosk, ticket)).toEqual(['jido-teate-nintei', 'juminhyo-request', 'resident-move']);
  const move = producedPdfText(kiosk, ticket, 'resident-move');
  const claim = producedPdfText(kiosk, ticket, 'jido-teate-nintei');
  const juminhyo = producedPdfText(kiosk, ticket, 'juminhyo-request');
  // The 異動届's rows 2 and 3: the readings (the clerk writes the kanji) and each one's 続柄 to the 世帯主 — she files as
  // the head's 妻, so her husband is 世帯主 (it printed 夫, his relationship to her); her child may be the head's 子 or
  // only hers (妻の子), so that box waits for the clerk with the reading as the hint.
  expectPrinted(move, ['みほんたろう', 'みほんさくら', '昭和59年2月3日', '令和3年5月1日', '世帯主', 'よみ：とどけでるひとのこ']);
  // The 児童手当 names the same spouse and child.
  expectPrinted(claim, ['みほんたろう', 'みほんさくら', '令和3年5月1日']);
  // The new address, typed once for the 異動届, is the address the 児童手当 and the 住民票 request give; the card's old
  // address appears only as the 異動届's 前住所.
  for (const text of [claim, juminhyo]) {
    expectPrinted(text, ['佐原イ1234番地5']);
    expect(text).not.toContain('佐原ロ２１２７');
  }
  expectPrinted(move, ['佐原イ1234番地5', '佐原イ1番地', '妻']);
  expect(move).not.toContain('つま');
  expect(move).toContain('よみ：おい');
  expect(move).toContain('佐原ロ２１２７');
  await finishVisit(page);
  expect(await kiosk.memory()).toMatchObject({ hasSession: false, hasResident: false, answerCount: 0 });
});
