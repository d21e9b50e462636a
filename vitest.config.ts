import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing but Node; `rig` drives the real pcscd + vpcd + virtual card stack
// and runs its files one at a time (one reader, one card).
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['card-reader/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'templates/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/test/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'rig',
          include: ['card-reader/test/**/*.test.ts', 'src-main/**/test/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['card-reader/test/rig-global-setup.ts'],
        },
      },
    ],
  },
});
