/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { SlowestFirst } from './tests/slowest-first';
// With an extension (resolved to the .ts file): Vite's config loader asks for one.
import { serviceWorker } from './scripts/service-worker-plugin.js';

export default defineConfig({
  // Relative URLs throughout: dist/ works from any folder of any static server.
  base: './',
  plugins: [react(), serviceWorker()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 3000 },
  test: {
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Two forks on two cores: training tests are CPU-bound and independent, and with one core
          // taken by other work the pair still shares what is left.
          maxWorkers: 2,
          // Files share each fork's modules: TensorFlow.js, its WASM and the engine load and warm up
          // once per fork, not once per file (quiet, 2026-12-01: 108 s → 80 s, every file passing
          // in the usual order and in two shuffled ones). So a test file leaves no state behind:
          // it sets the tf backend it needs and restores what it stubs.
          isolate: false,
          // Three times the longest quiet-machine test (the 2-D network loops, ~30 s) at least: the
          // suite stays green on a machine twice as slow. Tests that train longer name their own budget.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time: a page computes on one worker thread, so one file alone leaves a
          // core idle. Every wait is for a condition with a timeout that allows for the contention.
          maxWorkers: 2,
          // A poll waits for what the page shows next (a field, a restarted run's status); vitest's
          // default second is less than a busy two-core machine sometimes takes to render it.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
