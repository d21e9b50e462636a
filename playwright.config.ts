// End-to-end journeys: Debian's Chromium against the browser host, the real PC/SC rig and the virtual card.
// Two workers: each starts its own rig, service and browser host (kiosk-fixture.ts), and a hall spec its own PostgreSQL
// cluster, so only the system's CUPS is shared. The journeys that print through it or add a queue to it run in the
// `printer` project, one file at a time (and under the printer lock, against the vitest files that print).
import { defineConfig } from '@playwright/test';

/** The journeys that print on the system's cups-pdf printer (its one output folder) or add a CUPS queue. */
const PRINTER_JOURNEYS = ['clerk-desk-ops.spec.ts', 'clerk-desk-print.spec.ts', 'clerk-paper.spec.ts'];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Not test-results/ itself: Playwright empties its outputDir, and vitest.json and the step screenshots live there.
  outputDir: 'test-results/playwright-artifacts',
  globalSetup: './e2e/support/global-setup.ts',
  // Two cores on the CI machine; `--workers=1` runs the journeys one at a time again.
  workers: 2,
  fullyParallel: false,
  // `printer` first: its files start at once on one worker instead of trailing alone after the rest.
  projects: [
    { name: 'printer', testMatch: PRINTER_JOURNEYS, workers: 1 },
    { name: 'journeys', testIgnore: PRINTER_JOURNEYS },
  ],
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is never used here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
