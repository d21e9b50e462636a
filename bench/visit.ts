// npm run bench:visit — a resident's walk-through counted as she would live it, in Debian's Chromium on the real
// kiosk and PC/SC rig: every screen she sees and every tap she makes, for 住民票 and for a family of two adults and
// one child moving in (転入 with 児童手当). Scripted time = 3 s reading per screen + 2 s per tap. Also: how many times
// each person's name and the new address are asked across the visit. Prints a table; asserts nothing.
import { chromium, type Page } from '@playwright/test';
import type { AnswerValue } from '../src-main/contract/kiosk';
import { answerQuestions, enterPin, openKiosk, questionsOf, signIfAsked, startVisit } from '../e2e/support/kiosk-flow';
import { holdKioskSession, startStage } from '../e2e/support/kiosk-fixture';
import buildRendererIfStale from '../e2e/support/global-setup';
import config from '../playwright.config';

const READ_S = 3;
const TAP_S = 2;
const viewport = { width: 1080, height: 1920 };
const noSteps = { step: async () => {} };

type Walk = { name: string; procedureId: string; answers: Record<string, AnswerValue>; target: string; people?: Record<string, RegExp> };

const walks: Walk[] = [
  {
    name: '住民票の写し (本人, 1 copy)',
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.myNumber': false },
    target: '≤ 10 screens, ≤ 150 s',
  },
  {
    name: '転入 + 児童手当 (2 adults, 1 child)',
    procedureId: 'moving-in',
    answers: {
      kana: 'みほん　はなこ', phone: '0478-54-1111', movedOn: '2025-11-20', 'move.notifier': 'self', 'move.newAddress': 'かとりし さわら い1234', postalCode: '2870003',
      // The family, entered once on the people screens (一緒に届け出るご家族).
      'household.1.relationship': 'spouse', 'household.1.kana': 'みほん　たろう', 'household.1.birthDate': '1984-02-03', 'household.1.sex': '1', 'household.1.living': 'together',
      'household.2.relationship': 'child', 'household.2.kana': 'みほん　さくら', 'household.2.birthDate': '2021-05-01', 'household.2.sex': '2', 'household.2.living': 'together',
      'linked.childAllowance': true, 'linked.nursery': false, needsJuminhyo: false,
      pension: 'employees', 'account.method': 'public',
      // Asked on a 転入 since 2026-12-06: nationality (then 本籍・筆頭者) and how the move-in is proven.
      'move.japanese': true, 'move.honseki': '千葉県香取市佐原イ1番地', 'move.hittosha': 'みほん　はなこ', 'attach.proof': 'card',
    },
    target: 'no person or address asked twice',
    // The keys that ask each person's name, before (per form) and now (once per person).
    people: {
      'the spouse': /^(move\.person2\.name|spouse\.name|household\.1\.kana)$/,
      'the child': /^(move\.person3\.name|child1\.name|household\.2\.kana)$/,
      'the new address': /(newAddress|after\.address)$/,
    },
  },
];

/** Counts the screens (each new screen section) and the taps (every pointer press) on the page from now on. */
async function countFrom(page: Page): Promise<() => Promise<{ screens: number; taps: number; list: string[] }>> {
  // A string: tsx would wrap named inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const w = window;
    w.__visit = { screens: [], taps: 0 };
    const note = () => {
      const s = document.querySelector('main section.screen, main .screen');
      const id = s ? s.className + '|' + (s.querySelector('h1,h2')?.textContent ?? '') + '|' + [...s.querySelectorAll('[data-question-key]')].map((q) => q.getAttribute('data-question-key')).join(',') : '';
      if (id && w.__visit.screens.at(-1) !== id) w.__visit.screens.push(id);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    document.addEventListener('pointerdown', () => (w.__visit.taps += 1), true);
    note();
  })()`);
  return () => page.evaluate('({ screens: window.__visit.screens.length, taps: window.__visit.taps, list: window.__visit.screens })') as Promise<{ screens: number; taps: number; list: string[] }>;
}

async function walk(stage: Awaited<ReturnType<typeof startStage>>['stage'], w: Walk): Promise<string[][]> {
  const browser = await chromium.launch(config.use!.launchOptions);
  try {
    const page = await browser.newPage({ viewport });
    await holdKioskSession(page.context(), stage);
    await openKiosk(page, stage);
    const counts = await countFrom(page);
    await startVisit(page, noSteps as never, { language: 'ja', procedureId: w.procedureId });
    await stage.insertCard('demo');
    await enterPin(page, '1234');
    await page.locator('.screen-take-card').waitFor();
    await stage.removeCard();
    const { asked } = await answerQuestions(page, noSteps, { procedureId: w.procedureId, answers: w.answers });
    await signIfAsked(page, noSteps as never);
    await page.locator('.screen-review').waitFor();
    await page.locator('.screen-review .nav-row .btn-go').click();
    await page.locator('.choice-submit').first().click();
    await page.locator('.screen-done').waitFor({ timeout: 30_000 });
    const { screens, taps, list } = await counts();
    if (process.env['BENCH_VERBOSE']) console.log(`${w.name}:\n  ${list.join('\n  ')}`);
    await page.locator('.screen-done .btn-go').click();
    const seconds = screens * READ_S + taps * TAP_S;
    const rows = [[w.name, String(screens), String(taps), `${seconds} s (${(seconds / 60).toFixed(1)} min)`, String(asked.length), w.target]];
    const keys = new Set(questionsOf(w.procedureId).map((q) => q.key));
    for (const [who, pattern] of Object.entries(w.people ?? {})) {
      const times = asked.filter((k) => pattern.test(k)).length;
      rows.push([`  ${who}: asked`, '', '', '', `${times}×`, times <= 1 ? 'once: met' : 'twice or more: NOT met']);
    }
    if (!keys.size) throw new Error('no questions');
    return rows;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  buildRendererIfStale();
  const started = await startStage();
  const rows: string[][] = [];
  try {
    for (const w of walks) rows.push(...(await walk(started.stage, w)));
  } finally {
    await started.stop();
  }
  const head = ['walk-through (1080×1920, ja)', 'screens', 'taps', `scripted (${READ_S} s/screen, ${TAP_S} s/tap)`, 'questions', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  console.log('Screens: each screen the resident sees, attract to done (a keyboard opening is not a screen). Taps: every press, keys included.');
}

await main();
