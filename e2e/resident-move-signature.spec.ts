// 見本 花子 reports a move within the city (住民異動届): the only form with a signature, drawn on the pad with a
// finger; the printed PDF carries her data and the signature as an image (poppler's pdfimages lists it).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, demoCardVisit, confirmAndSubmit, expectPrinted, expectReview, finishVisit, producedForms, producedPdfText } from './support/kiosk-flow';

/** pdfimages -list: two header lines, then one line per image placed in the PDF. */
function imagesIn(pdf: string): string[] {
  return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8', timeout: 30_000 }).trim().split('\n').slice(2);
}

test('見本 花子 signs her 住民異動届 on the pad and the printed form carries the signature image', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'resident-move' });

  await answerQuestions(page, journey, {
    procedureId: 'resident-move',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'move.newAddress': 'かとりしさわら1', 'move.newHouseholder': 'みほん　はなこ', movedOn: '2026-11-20' },
  });
  // The pad comes after the questions and before the final review: the review shows the pages she signed.
  await expect(page.locator('.screen-signature')).toBeVisible();
  await expect(page.locator('.screen-review')).toHaveCount(0);
  await expectReview(page, journey, 1); // draws on the pad (axe on the signature screen), then the review
  await expect(page.locator('.screen-review .nav-row')).toContainText('署名を書き直す');
  const ticket = await confirmAndSubmit(page, journey);
  await expect(page.locator('.screen-done')).toBeVisible();

  expect(producedForms(kiosk, ticket)).toEqual(['resident-move']);
  expectPrinted(producedPdfText(kiosk, ticket, 'resident-move'), ['見本花子', '0478-54-1111', 'かとりしさわら1']);
  const folder = join(kiosk.outputDir, 'print');
  const file = readdirSync(folder).find((f) => f.endsWith(`_${ticket}_resident-move.pdf`))!;
  const images = imagesIn(join(folder, file));
  // The city's background is vector; the one raster image is the resident's signature from the pad.
  expect(images.length, 'images in the printed 住民異動届').toBeGreaterThanOrEqual(1);
  expect(images.some((line) => /\bimage\b|\bsmask\b/.test(line))).toBe(true);
  await finishVisit(page);
  expect(await kiosk.memory()).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
});
