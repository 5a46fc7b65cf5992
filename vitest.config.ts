import { defineConfig } from 'vitest/config';

/**
 * One config, three projects: unit (no database), integration (each subgraph against real
 * PostgreSQL) and e2e (gateway and four subgraphs over HTTP, the IDE in Chromium).
 */
export default defineConfig({
  test: {
    // The demo world is dated 2026-11-26; rules that depend on "today" are tested on that day.
    env: { GOVCLOUD_TODAY: '2026-11-26' },
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/global-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: 'test' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/global-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          env: { NODE_ENV: 'test' },
        },
      },
    ],
  },
});
