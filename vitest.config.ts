import { defineConfig } from 'vitest/config';

/**
 * One config, three projects: unit (no database), integration (each subgraph against real
 * PostgreSQL) and e2e (gateway and four subgraphs over HTTP, the IDE in Chromium).
 *
 * Sized for a 2-core machine: the projects run one after another (sequence.groupOrder), so the
 * e2e stacks never compete with integration files, and each project runs two files at a time
 * (vitest's default on two cores is one). An e2e file runs its gateway and four subgraphs in one
 * process, which waits on PostgreSQL and HTTP about as much as it computes, so two overlap well:
 * on an idle 2-core machine `npm test` took 355 s with one e2e file at a time and 280 s with two.
 *
 * Test files share their worker's module cache (isolate: false): isolated, every file loaded
 * Apollo, TypeORM and graphql-js afresh in a new process, and loading was most of the run (unit:
 * 88 s with 70 s of it importing, 32 s shared; integration 470 → 215 s; e2e 465 → 258 s). Files
 * therefore keep no state in modules between them: each starts and stops its own servers and
 * database, and a file that mocks a module imports what uses the mock after vi.resetModules().
 */
export default defineConfig({
  test: {
    // The demo world is dated 2026-11-26; rules that depend on "today" are tested on that day.
    env: { GOVCLOUD_TODAY: '2026-11-26' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
          isolate: false,
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
          sequence: { groupOrder: 2 },
          maxWorkers: 2,
          isolate: false,
          globalSetup: ['test/setup/global-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          env: { NODE_ENV: 'test' },
        },
      },
    ],
  },
});
