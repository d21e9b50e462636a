// The resident's gestures, as a test performs them: touches on the kiosk screen only, never a request of its own.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { LANGUAGES, type AnswerValue, type Language, type Question } from '../../src-main/contract/kiosk';
import { buildCatalogue } from '../../src-main/counter/catalogue';
import { loadCityAddresses } from '../../src-main/forms/city/addresses';
import { kanaRowOf } from '../../src-main/forms/field-types/address';
import { eraYearText, toWareki } from '../../src-main/forms/binding/wareki';
import { loadLibrary } from '../../src-main/forms/load';
import { localized } from '../../src-renderer/i18n';
import { expect, type Journey, type KioskStage } from './kiosk-fixture';

const catalogue = buildCatalogue(loadLibrary());

export function questionsOf(procedureId: string): readonly Question[] {
  const plan = catalogue.plans.get(procedureId);
  if (!plan) throw new Error(`no procedure ${procedureId} in templates/`);
  return plan.questions;
}

/** The kiosk at rest, connected to the service (the header shows the city only once kiosk.info answered). */
export async function openKiosk(page: Page, kiosk: KioskStage): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.locator('.header-city')).not.toBeEmpty();
  await expect(page.locator('button.attract')).toBeEnabled();
}

/** Attract → language → procedure, up to the screen asking for the card. */
/**
 * From the attract screen to the card screen. The language is chosen as a resident does, on the attract screen's own
 * row; `languageScreen` goes through the separate language screen instead (touching the screen anywhere else).
 */
export async function startVisit(page: Page, journey: Pick<Journey, 'step'>, visit: { language: Language; procedureId: string; languageScreen?: boolean }): Promise<void> {
  await journey.step('attract');
  if (visit.languageScreen) {
    await page.locator('button.attract').click();
    await expect(page.locator('.language').first()).toBeVisible();
    await journey.step('language');
    await page.locator('.language').nth(LANGUAGES.indexOf(visit.language)).click();
  } else {
    await page.locator(`.attract-language[data-language="${visit.language}"]`).click();
  }
  await expect(page.locator('.procedure').first()).toBeVisible();
  await journey.step('procedure');
  const procedure = catalogue.plans.get(visit.procedureId)!.procedure;
  await page.locator('.procedure', { hasText: localized(procedure.title, visit.language) }).first().click();
  await expect(page.locator('.screen-card')).toBeVisible();
  await journey.step('card');
}

export async function enterPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.locator('.pin-pad .key-digit', { hasText: new RegExp(`^${digit}$`) }).click();
  await page.locator('.pin-pad .btn-go').click();
}

// ── answering questions ───────────────────────────────────────────────────────────────────────────────────────────

const kanaColumns = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん';
const voiced = new Map([...'がぎぐげござじずぜぞだぢづでどばびぶべぼ'].map((c, i) => [c, [...'かきくけこさしすせそたちつてとはひふへほ'][i]!]));
const semiVoiced = new Map([...'ぱぴぷぺぽ'].map((c, i) => [c, [...'はひふへほ'][i]!]));
const small = new Map([...'ぁぃぅぇぉっゃゅょゎ'].map((c, i) => [c, [...'あいうえおつやゆよわ'][i]!]));

async function tapKana(keyboard: Locator, text: string): Promise<void> {
  const modifiers = keyboard.locator('.kana-modifiers button');
  const key = (c: string) => keyboard.locator('.kana-grid .key-kana', { hasText: new RegExp(`^${c}$`) });
  for (const c of text) {
    if (c === ' ' || c === '\u3000') await modifiers.nth(4).click();
    else if (c === 'ー') await keyboard.locator('.kana-modifiers .key', { hasText: /^ー$/ }).click();
    else if (kanaColumns.includes(c)) await key(c).click();
    else {
      // が = か then the voiced mark, as on the screen; the modifier changes the last character typed.
      const [base, modifier] = voiced.has(c) ? [voiced.get(c), 0] : semiVoiced.has(c) ? [semiVoiced.get(c), 1] : small.has(c) ? [small.get(c), 2] : [undefined, 0];
      if (base === undefined) throw new Error(`the kana keyboard has no key for U+${c.codePointAt(0)!.toString(16)}`);
      await key(base).click();
      await modifiers.nth(modifier).click();
    }
  }
}

async function tapDigits(container: Locator, digits: string): Promise<void> {
  for (const d of digits) {
    if (d === '-') await container.locator('.keypad .key-extra').first().click();
    else await container.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
  }
}

/** Text without kanji (the kiosk has no kanji input): hiragana on the kana grid, digits on the numbers pad. */
async function tapText(container: Locator, text: string): Promise<void> {
  const modes = container.locator('.keyboard-modes button');
  for (const run of text.match(/[0-9]+|[A-Z .,'-]+|[^0-9A-Z .,'-]+/g) ?? []) {
    if (/^[0-9]/.test(run)) {
      if ((await modes.count()) > 0) await modes.nth(2).click();
      await tapDigits(container, run);
    } else if (/^[A-Z]/.test(run)) {
      await modes.nth(1).click();
      for (const c of run) await container.locator('.latin-keyboard .key', { hasText: new RegExp(`^${c === '.' ? '\\.' : c}$`) }).first().click();
    } else {
      if ((await modes.count()) > 0) await modes.nth(0).click();
      await tapKana(container, run);
    }
  }
}

const cityAddresses = loadCityAddresses().list;

/**
 * An address: a listed 町字 is picked (its kana row, its button) and 番地・号 typed on the keypad; anything else goes
 * through 「一覧にない」 and is typed as a reading.
 */
/**
 * An address: one of the city's 町字 is picked from its list; "〒1000005 東京都千代田区丸の内 1-1" is found by its postal
 * code (the town's button, then the number); anything else is typed as its reading.
 */
async function tapAddress(container: Locator, value: string): Promise<void> {
  const outside = /^〒(\d{7}) (\S+) (\S*)$/u.exec(value);
  if (outside) {
    // The 〒 tab may be open already; else the button for an address outside the city opens it.
    if ((await container.locator('.address-outside').count()) > 0) await container.locator('.address-outside').click();
    await tapDigits(container, outside[1]!);
    await container.locator('.address-town').filter({ has: container.page().locator('.address-area-name', { hasText: new RegExp(`^${outside[2]}$`) }) }).click();
    return tapAddressNumber(container, outside[3]!);
  }
  const city = cityAddresses ? cityAddresses.prefecture + cityAddresses.city : undefined;
  const rest = city && value.startsWith(city) ? value.slice(city.length) : undefined;
  const area = rest === undefined ? undefined : cityAddresses?.areas.filter((a) => rest.startsWith(a.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!area || rest === undefined) {
    if (cityAddresses) await container.locator('.address-other').click();
    return tapText(container, value);
  }
  await container.locator('.address-tabs .key', { hasText: new RegExp(`^${kanaRowOf(area.reading)}$`) }).click();
  await container.locator('.address-area').filter({ has: container.page().locator('.address-area-name', { hasText: new RegExp(`^${area.name}$`) }) }).first().click();
  await tapAddressNumber(container, rest.slice(area.name.length));
}

/** 番地・号 on the address keypad: digits, and 番地 / 号 / － / の from the marks beside it. */
async function tapAddressNumber(container: Locator, number: string): Promise<void> {
  for (const part of number.match(/[0-9]+|番地|号|-|の/g) ?? []) {
    if (/^[0-9]/.test(part)) await tapDigits(container, part);
    else await container.locator('.address-marks .key', { hasText: part === '-' ? '－' : part }).click();
  }
}

/** A pick list (続柄): the option's button, or その他 and the reading typed on the keyboard. */
async function tapPicked(container: Locator, q: Question, value: string): Promise<void> {
  const index = q.options!.findIndex((o) => o.value === value);
  if (index >= 0) return container.getByRole('radio').nth(index).click();
  await container.locator('.picked-other').click();
  return tapText(container, value);
}

async function tapDate(container: Locator, iso: string): Promise<void> {
  const w = toWareki(iso);
  if (!w) throw new Error(`not a date the picker offers: ${iso}`);
  const radio = (name: string) => container.getByRole('radio', { name, exact: true });
  await container.locator('.date-part').first().click();
  await radio(w.era.name).click();
  await radio(eraYearText(w.year)).click();
  await radio(String(w.month)).click();
  await radio(String(w.day)).click();
}

/** An answer a resident could plausibly give when a journey's table says nothing about a required question. */
function defaultAnswer(q: Question): AnswerValue {
  switch (q.type) {
    case 'kana':
    case 'text':
    case 'multiline':
    case 'address':
      return q.options?.[0]?.value ?? 'てすと';
    case 'phone':
      return '0478-54-1111';
    case 'postal-code':
      return '287-8501';
    case 'number':
      return 1;
    case 'digits':
      return '1'.repeat(q.digitCount ?? q.maxLength ?? 4);
    case 'checkbox':
      return false;
    case 'date':
      return '2020-04-01';
    default:
      return q.options?.[0]?.value ?? null;
  }
}

async function answerOne(container: Locator, q: Question, value: AnswerValue): Promise<void> {
  if (value === null) return;
  switch (q.type) {
    case 'kana':
      return tapKana(container, String(value));
    case 'text':
    case 'multiline':
      return q.options ? tapPicked(container, q, String(value)) : tapText(container, String(value));
    case 'address':
      return tapAddress(container, String(value));
    case 'phone':
    case 'number':
    case 'digits':
      return tapDigits(container, String(value));
    case 'postal-code':
      return tapDigits(container, String(value).replace(/-/g, ''));
    case 'date':
      return tapDate(container, String(value));
    case 'checkbox':
      return container.getByRole('radio').nth(value === true ? 0 : 1).click();
    case 'choice':
    case 'circle': {
      if (!q.options?.some((o) => o.value === value)) throw new Error(`${q.key} has no option ${String(value)}`);
      // By value: a choice may offer only some of its options now (保育's 区分 by the child's age).
      return container.locator(`[role="radio"][data-value="${String(value)}"]`).click();
    }
    default:
      throw new Error(`no gesture for a ${q.type} question (${q.key})`);
  }
}

/** Answers one question on the screen shown now, as the resident would (its field touched first when collapsed). */
export async function answerOnScreen(page: Page, procedureId: string, key: string, value: AnswerValue): Promise<void> {
  const q = questionsOf(procedureId).find((x) => x.key === key);
  if (!q) throw new Error(`${procedureId} does not ask ${key}`);
  const block = page.locator(`[data-question-key="${key}"]`);
  if ((await block.locator('.question-field').count()) > 0) await block.locator('.question-field').click();
  await answerOne(block, q, value);
}

/** The keys of the questions on the screen now, in order ('' when none). */
const keysOnScreen = (page: Page) =>
  page.locator('[data-question-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-question-key')).join('|'));

/** Which screen is shown: review, a refused answer, or the question count and keys (two gates differ by count). */
async function screenIdentity(page: Page): Promise<string> {
  if (await page.locator('.screen-review').isVisible()) return 'review';
  if (await page.locator('.screen-signature').isVisible()) return 'signature';
  if ((await page.locator('main .notice-error').count()) > 0) return 'problem';
  const count = await page.locator('.question-count').allInnerTexts();
  return `${count.join('')}#${await keysOnScreen(page)}`;
}

async function leaveScreen(page: Page, before: string, press: () => Promise<void>): Promise<void> {
  await press();
  await expect.poll(() => screenIdentity(page), { message: `the screen after ${before}`, timeout: 15_000 }).not.toBe(before);
  const problem = page.locator('main .notice-error');
  if ((await problem.count()) > 0) throw new Error(`the service refused the answers on ${before}: ${await problem.first().innerText()}`);
}

/**
 * Answers every question the screens ask, from `answers` (optional questions missing from it are left empty,
 * required ones get a default per type), pressing Next on each screen until the review screen shows. An optional
 * group's gate is opened only when the table answers one of its questions, else skipped.
 * Screenshots each screen; axe checks each combination of question types once (see Journey.step). With `until`, it
 * stops on the screen that asks that key, before answering it.
 */
export async function answerQuestions(
  page: Page,
  journey: Pick<Journey, 'step'>,
  visit: { procedureId: string; answers: Record<string, AnswerValue>; until?: string },
): Promise<{ asked: string[]; lastNextAt: number }> {
  const questions = new Map(questionsOf(visit.procedureId).map((q) => [q.key, q]));
  const asked: string[] = [];
  let lastNextAt = 0;
  const next = page.locator('main .nav-row .btn-go').last();
  await expect(page.locator('.screen-question, .screen-signature, .screen-review').first()).toBeVisible({ timeout: 20_000 });
  for (let screen = 0; screen < 120; screen++) {
    if (await page.locator('.screen-review, .screen-signature').first().isVisible()) return { asked, lastNextAt };
    const gate = page.locator('.group-gate-choices [role="radio"]');
    if ((await gate.count()) > 0 && (await keysOnScreen(page)) === '') {
      const closed = await screenIdentity(page);
      await gate.nth(0).click();
      await expect.poll(() => keysOnScreen(page), { message: `the group behind ${closed}` }).not.toBe('');
      if (!(await keysOnScreen(page)).split('|').some((k) => k in visit.answers)) {
        await journey.step('group-gate', { screen: 'question:group-gate' });
        const count = (await page.locator('.question-count').allInnerTexts()).join('');
        await leaveScreen(page, await screenIdentity(page), async () => {
          await gate.nth(1).click();
          // Skipping may move on by itself; if the same screen stays (its count unchanged), Next moves on.
          await page.waitForTimeout(300);
          const still = (await page.locator('.question-count').allInnerTexts()).join('') === count;
          if (still && !(await page.locator('.screen-review, .screen-signature').first().isVisible())) await next.click();
        });
        continue;
      }
    }
    const keys = (await keysOnScreen(page)).split('|').filter(Boolean);
    if (keys.length === 0) throw new Error('neither a question nor the review screen is shown');
    if (visit.until !== undefined && keys.includes(visit.until)) return { asked, lastNextAt };
    // An answer may bring more questions onto the same screen (a person's 同居・別居 once they are a child): answer
    // those too, in screen order, until none is left.
    for (let round = 0, todo = keys; todo.length > 0 && round < 5; round++) {
      for (const key of todo) {
        const q = questions.get(key);
        if (!q) throw new Error(`the screen asks ${key}, which ${visit.procedureId} does not have`);
        const value = key in visit.answers ? visit.answers[key]! : q.required ? defaultAnswer(q) : null;
        const block = page.locator(`[data-question-key="${key}"]`);
        // A group's screen shows one keyboard at a time: a collapsed question opens when its field is touched.
        if (value !== null && (await block.locator('.question-field').count()) > 0) await block.locator('.question-field').click();
        await answerOne(block, q, value);
        asked.push(key);
      }
      todo = (await keysOnScreen(page)).split('|').filter((k) => k !== '' && !asked.includes(k));
      keys.push(...todo);
    }
    const shape = keys.map((k) => questions.get(k)?.type).join('+');
    await journey.step(`question-${keys[0]!.replace(/[^a-zA-Z0-9]+/g, '-')}`, { screen: `question:${shape}` });
    await leaveScreen(page, await screenIdentity(page), async () => {
      lastNextAt = performance.now();
      await next.click();
    });
  }
  throw new Error('more than 120 question screens');
}

/** From the attract screen to the first question: a procedure chosen, the demo card read with its PIN and taken. */
export async function demoCardVisit(page: Page, kiosk: KioskStage, journey: Pick<Journey, 'step'>, visit: { language?: Language; procedureId: string }): Promise<void> {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: visit.language ?? 'ja', procedureId: visit.procedureId });
  await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
}

/**
 * The demo resident's 住民票の写し等交付請求書 from the attract screen to its review: card, PIN, taken card, the
 * usual answers (self, `copies` copies, to the city hall).
 */
export async function demoJuminhyoToReview(page: Page, kiosk: KioskStage, journey: Pick<Journey, 'step'>, options: { pin: string; copies?: number }): Promise<void> {
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  await enterPin(page, options.pin);
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': options.copies ?? 1, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  });
  await expectReview(page, journey, 1);
}

// ── review, signature, submit ─────────────────────────────────────────────────────────────────────────────────────

/** The review screen with every page image drawn. */
/**
 * Signs on the pad when the procedure asks for a signature: it comes after the questions and before the final review,
 * so the review shows the signed pages.
 */
export async function signIfAsked(page: Page, journey: Pick<Journey, 'step'>): Promise<boolean> {
  const signature = page.locator('.screen-signature');
  await expect(signature.or(page.locator('.screen-review'))).toBeVisible();
  if (!(await signature.isVisible())) return false;
  await journey.step('signature');
  const box = (await page.locator('canvas.signature-pad').boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 80);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 160, { steps: 10 });
  await page.mouse.move(box.x + 500, box.y + 90, { steps: 10 });
  await page.mouse.up();
  await journey.step('signature-signed', { axe: false });
  await page.locator('.screen-signature .btn-go').click();
  return true;
}

export async function expectReview(page: Page, journey: Pick<Journey, 'step'>, formCount: number): Promise<void> {
  await signIfAsked(page, journey);
  await expect(page.locator('.screen-review')).toBeVisible();
  await expect(page.locator('.review-form')).toHaveCount(formCount, { timeout: 30_000 });
  await expect(page.locator('.review-pages .reader-state')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('img.review-page').first()).toBeVisible();
  await journey.step('review');
}

/** From the review screen to the done screen (print and send to the clerk); returns the ticket number shown. */
export async function confirmAndSubmit(page: Page, journey: Pick<Journey, 'step'>, expected: { recommended?: 'print' | 'clerk' | 'both' } = {}): Promise<string> {
  await page.locator('.screen-review .nav-row .btn-go').click();
  const submit = page.locator('.choice-submit');
  await expect(submit.first()).toBeVisible();
  // The city's recommended way comes first and is marked.
  if (expected.recommended) {
    await expect(submit.first()).toHaveAttribute('data-hand-in', expected.recommended);
    await expect(submit.first().locator('.tag-recommended')).toBeVisible();
    await expect(page.locator('.tag-recommended')).toHaveCount(1);
  }
  await journey.step('submit');
  await page.locator('.choice-submit[data-hand-in="both"]').click();
  await expect(page.locator('.screen-done')).toBeVisible({ timeout: 30_000 });
  const ticket = (await page.locator('.ticket-number').innerText()).trim();
  expect(ticket).not.toBe('');
  await journey.step('done');
  return ticket;
}

/** Presses the done screen's finish button and waits for the attract screen. */
export async function finishVisit(page: Page): Promise<void> {
  await page.locator('.screen-done .btn-go').click();
  await expect(page.locator('button.attract')).toBeVisible();
}

/** The text of one produced PDF (poppler's pdftotext), whitespace removed: boxes and layout split words apart. */
export function producedPdfText(kiosk: KioskStage, ticket: string, templateId: string, sub: 'print' | 'clerk' = 'print'): string {
  const folder = join(kiosk.outputDir, sub);
  const file = readdirSync(folder).find((f) => f.endsWith(`_${ticket}_${templateId}.pdf`));
  if (!file) throw new Error(`no ${sub} PDF for ticket ${ticket} and ${templateId}`);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(folder, file), '-'], { encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
}

/** The produced PDFs of one ticket: template ids, in name order. */
export function producedForms(kiosk: KioskStage, ticket: string, sub: 'print' | 'clerk' = 'print'): string[] {
  return readdirSync(join(kiosk.outputDir, sub))
    .filter((f) => f.includes(`_${ticket}_`))
    .map((f) => f.replace(/^.*?_.*?_/, '').replace(/\.pdf$/, ''))
    .sort();
}

/**
 * Each value appears in the PDF's text. Both sides are NFC-normalised and stripped of whitespace: a PDF's text layer
 * maps a glyph back to one code point, so a compatibility ideograph on the card (神 U+FA19) reads back as 神 U+795E
 * when the font draws both with one glyph.
 */
export function expectPrinted(pdfText: string, values: readonly string[]): void {
  const text = pdfText.normalize('NFC');
  for (const value of values) expect(text, 'the produced PDF').toContain(value.replace(/\s+/g, '').normalize('NFC'));
}
