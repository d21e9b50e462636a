import { defineConfig } from 'vitest/config';

// Three projects: `unit` needs nothing but Node; `rig` drives the real pcscd + vpcd + virtual card stack
// and runs its files one at a time (one reader, one card); `pg` runs the hall server's stores on a private PostgreSQL.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          // Real work (PDFs drawn and read back, the post office's data parsed) beside the journeys on two cores: a
          // file that takes 6 s there is slow, not broken. Timings belong in bench/, not in a test's time limit.
          testTimeout: 30_000,
          include: ['card-reader/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'templates/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/test/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'rig',
          include: ['card-reader/test/**/*.test.ts', 'src-main/**/test/**/*.test.ts'],
          exclude: ['src-main/hall/**', 'node_modules/**'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['card-reader/test/rig-global-setup.ts'],
        },
      },
      {
        // The city-hall server's PostgreSQL half: each file starts its own private cluster (never a system one).
        test: {
          name: 'pg',
          include: ['src-main/hall/test/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
