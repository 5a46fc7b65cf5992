// The effect worker when the database drops its connections (what a PostgreSQL restart does to
// them) while a job runs: if the job cannot be released, graphile-worker's worker gives up, ours
// starts a new runner and unlocks the job for it; jobs enqueued afterwards run, and nothing is
// thrown out of the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { enqueueEffect, startEffectWorker, type EffectWorker } from '../../../subgraphs/kit/jobs';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { causeDataSource, waitFor } from './helpers';

let db: TestDatabase;
let cause: DataSource;
let worker: EffectWorker | undefined;

beforeAll(async () => {
  db = await createTestDatabase({ from: 'migrated' });
  cause = await causeDataSource(db.url);
});
afterAll(async () => {
  await worker?.stop();
  await cause?.destroy();
  await db?.drop();
});

/** Ends every session of the effect worker on this test's database, as a server shutdown would. */
async function dropWorkerConnections(): Promise<number> {
  const rows: unknown[] = await cause.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'govcloud-effects'`,
  );
  return rows.length;
}

describe('the effect worker survives its connections being dropped', () => {
  it('a job in flight at that moment is not left locked, and jobs enqueued after run', async () => {
    const runs: number[] = [];
    let afterRuns = 0;
    let release: (() => void) | undefined;
    worker = await startEffectWorker({
      databaseUrl: db.url,
      pollInterval: 100,
      tasks: {
        'test.held': async () => {
          runs.push(Date.now());
          // The first run waits until its connections are gone, so its release fails.
          if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
        },
        'test.after': async () => void (afterRuns += 1),
      },
    });
    await cause.transaction((manager) => enqueueEffect(manager, 'test.held', {}));
    await waitFor('the held job to start', async () => release !== undefined);

    expect(await dropWorkerConnections()).toBeGreaterThan(0);
    release!();

    await cause.transaction((manager) => enqueueEffect(manager, 'test.after', {}));
    await waitFor(
      'every job done',
      async () => (await cause.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs`))[0].n === 0,
      30_000,
    );
    // The held job completed — on a fresh connection, or run again by a new runner that took
    // over its lock (at least once) — and the job enqueued after the drop ran.
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(afterRuns).toBe(1);
  });
});
