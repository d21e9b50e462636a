// The journeys' stage: a private PC/SC rig, the counter service and the browser host, started once per Playwright
// worker IN the worker process (libpcsclite binds a process to one pcscd, so the rig and the service share it), and
// a `journey` per test that screenshots every step and runs axe on it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { startRig } from '../../card-reader/rig/rig';
import { cardFromFixture } from '../../card-reader/virtual-card/emulate';
import { CARDS_DIR, loadCardFixture, residentFixturePath } from '../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../card-reader/virtual-card/vpcd-client';
import type { KioskResult, ReaderState } from '../../src-main/contract/kiosk';
import { startCounterService, type CounterService, type CounterServiceOptions } from '../../src-main/counter';
import { addStaff } from '../../src-main/counter/staff/test/staff-fixture';
import { startWebHost } from '../../src-main/hosts/web/server';
import { credentialFile } from '../../src-main/hall/join';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** The stage's staff directory: a clerk (desks, the kiosk's staff panel) and an IT staff member (the admin app). */
export const E2E_CLERK = { name: 'sato', passphrase: 'katori desk passphrase 1' } as const;
export const E2E_IT = { name: 'joho', passphrase: 'katori admin passphrase 1' } as const;
const screensRoot = join(repoRoot, 'test-results', 'screens');

export interface KioskStage {
  /** The kiosk screen served by the browser host. */
  url: string;
  service: CounterService;
  /** The service's data folder: print/ holds the demo's (fictional) prints, queue/ the sealed hand-offs. */
  outputDir: string;
  /** Puts a fixture card (fixtures/residents/<id> or fixtures/cards/<id>) on the reader; resolves once connected. */
  insertCard(fixtureId: string, options?: { delayMs?: number }): Promise<VpcdCardClient>;
  /** Takes the card off and waits until the service sees the reader EMPTY (pcscd needs up to ~0.4 s). */
  removeCard(): Promise<void>;
  /** What the service still holds of a resident (counts and flags only). */
  memory(): Promise<KioskResult<'session.memory'>>;
  /** A new kiosk session as its cookie: what kakanai sets in the kiosk browser it launches (the socket needs it). */
  kioskCookie(): { name: string; value: string };
}

function cardFixtureFile(id: string): string {
  const other = join(CARDS_DIR, `${id}.json`);
  return existsSync(other) ? other : residentFixturePath(id);
}

async function readerIs(service: CounterService, card: ReaderState['card']): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await service.request('reader.state', {});
    if (state.reader && state.card === card) return;
    if (Date.now() > deadline) throw new Error(`the reader never became ${card}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface StageOptions {
  inactivity?: CounterServiceOptions['inactivity'];
  /**
   * "Send to the clerk" always goes to the service's sealed queue; 'clerk-queue' also serves the clerk's desk beside
   * the kiosk. The demo's prints are files in print/ either way, read back by the journeys.
   */
  handOff?: 'files' | 'clerk-queue';
  /** The service's DEMO flag (default true: the journeys use the demo resident's card); false plays a city's real reader. */
  demo?: boolean;
  /** A kiosk joined to a city hall that is out of reach (a credential naming a port nobody listens on). */
  hallUnreachable?: boolean;
  /** Runs on the empty data folder before the service starts (a kiosk joins a hall there: `kakanai kiosk join`). */
  beforeStart?: (dataDir: string) => Promise<void>;
}

/** The credential `kakanai kiosk join` leaves, for a hall on 127.0.0.1's port 9 (discard: nothing answers there). */
function writeUnreachableHall(dataDir: string): void {
  mkdirSync(join(dataDir, 'hall'), { recursive: true, mode: 0o700 });
  const credential = { version: 1, hall: 'https://127.0.0.1:9', deviceId: '6f0b2a4e-0000-4000-8000-00000000e2e0', kind: 'kiosk', site: 'honcho', name: 'e2e', credential: 'not-a-credential', ca: null };
  writeFileSync(credentialFile(dataDir), JSON.stringify(credential), { mode: 0o600 });
}

export async function startStage(options: StageOptions = {}): Promise<{ stage: KioskStage; stop(): Promise<void> }> {
  const { inactivity, handOff = 'files', demo = true, hallUnreachable = false } = options;
  const rig = await startRig({ private: true });
  // Before the first PC/SC call of this process: libpcsclite reads it once.
  process.env['PCSCLITE_CSOCK_NAME'] = rig.socketPath;
  // The data folder and, apart from it, the queue's key folder: both removed by stop().
  const root = mkdtempSync(join(tmpdir(), 'kakanai-e2e-'));
  const outputDir = join(root, 'data');
  if (hallUnreachable) writeUnreachableHall(outputDir);
  await options.beforeStart?.(outputDir);
  const service = await startCounterService({
    reader: { socketPath: rig.socketPath, name: rig.readers[0].name },
    demo,
    outputDir,
    keys: { dir: join(root, 'keys') },
    watchTemplates: false,
    ...(inactivity ? { inactivity } : {}),
  });
  await addStaff(service.admin.staff.directory, E2E_CLERK.name, 'clerk', E2E_CLERK.passphrase);
  await addStaff(service.admin.staff.directory, E2E_IT.name, 'it', E2E_IT.passphrase);
  const host = await startWebHost({ service, port: 0, ...(handOff === 'clerk-queue' ? { clerk: service.clerk } : {}) });
  let card: VpcdCardClient | undefined;
  const stage: KioskStage = {
    url: host.url,
    service,
    outputDir,
    async insertCard(fixtureId, options = {}) {
      if (card) throw new Error('a card is already on the reader: removeCard() first');
      card = new VpcdCardClient(cardFromFixture(loadCardFixture(cardFixtureFile(fixtureId))), { port: rig.cardPort, delayMs: options.delayMs ?? 0 });
      await card.insert();
      return card;
    },
    async removeCard() {
      const c = card;
      card = undefined;
      await c?.close();
      await readerIs(service, 'empty');
    },
    memory: () => service.request('session.memory', {}),
    kioskCookie: () => host.openKioskSession(),
  };
  await readerIs(service, 'empty');
  return {
    stage,
    async stop() {
      await card?.close().catch(() => {});
      await host.close();
      await service.close();
      await rig.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Gives a browser context the kiosk session, as kakanai does for the kiosk Chromium it launches. */
export async function holdKioskSession(context: BrowserContext, stage: KioskStage): Promise<BrowserContext> {
  await context.addCookies([{ ...stage.kioskCookie(), url: stage.url, httpOnly: true, sameSite: 'Strict' }]);
  return context;
}

/** Screenshots and axe for each step of one journey: test-results/screens/<journey>/NN-step.png. */
export class Journey {
  private count = 0;
  readonly folder: string;

  constructor(
    readonly page: Page,
    readonly name: string,
    /** false: axe only where a step asks for it (`axe: true`), e.g. while a short inactivity timer runs. */
    private readonly axeByDefault = true,
  ) {
    this.folder = join(screensRoot, name);
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder, { recursive: true });
  }

  /**
   * Records the screen as it is now: a numbered screenshot, and axe's serious/critical findings as soft failures.
   * axe takes 1–3 s a screen here, so each kind of screen (`screen`, default the step's name) is checked once per
   * worker; `axe: false` for a state that is not a screen of its own (a signature drawn on the same pad).
   */
  async step(step: string, options: { axe?: boolean; screen?: string } = {}): Promise<void> {
    this.count += 1;
    const file = `${String(this.count).padStart(2, '0')}-${step}.png`;
    // Let fonts settle so the picture is the screen a resident sees.
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    await this.page.screenshot({ path: join(this.folder, file), animations: 'disabled' });
    const screen = options.screen ?? step;
    if (!(options.axe ?? this.axeByDefault) || screensCheckedByAxe.has(screen)) return;
    screensCheckedByAxe.add(screen);
    const result = await new AxeBuilder({ page: this.page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
    expect.soft(serious, `axe on ${screen} (${this.name}/${file})`).toEqual([]);
  }
}

/** Kinds of screen axe has already checked in this worker. */
const screensCheckedByAxe = new Set<string>();

function journeyName(testInfo: TestInfo): string {
  const spec = basename(testInfo.file).replace(/\.spec\.ts$/, '');
  // One folder per test; a spec with one test keeps the spec's name.
  const slug = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return testInfo.titlePath.length > 2 || slug === '' ? `${spec}--${slug}` : spec;
}

export const test = base.extend<
  { journey: Journey; kiosk: KioskStage; pageErrors: string[]; axeEveryScreen: boolean },
  { stage: KioskStage; inactivity: CounterServiceOptions['inactivity']; demo: boolean; hallUnreachable: boolean }
>({
  inactivity: [undefined, { scope: 'worker', option: true }],
  demo: [true, { scope: 'worker', option: true }],
  hallUnreachable: [false, { scope: 'worker', option: true }],
  axeEveryScreen: [true, { option: true }],

  stage: [
    async ({ inactivity, demo, hallUnreachable }, use) => {
      const started = await startStage({ inactivity, demo, hallUnreachable });
      await use(started.stage);
      await started.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  /** The test's browser holds the kiosk session, as the Chromium kakanai launches does; other contexts do not. */
  context: async ({ context, stage }, use) => {
    await use(await holdKioskSession(context, stage));
  },

  /** The stage, reset for this test: no card on the reader, no session left by an earlier test. */
  kiosk: async ({ stage }, use) => {
    await stage.removeCard();
    await stage.service.request('session.end', { reason: 'cancel' });
    await use(stage);
    await stage.removeCard();
  },

  /** Uncaught errors and console errors of the screen; the test fails if any appeared. */
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'errors on the kiosk screen').toEqual([]);
    },
    { auto: true },
  ],

  journey: async ({ page, axeEveryScreen }, use, testInfo) => {
    await use(new Journey(page, journeyName(testInfo), axeEveryScreen));
  },
});

export { expect };
