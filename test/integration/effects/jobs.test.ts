// kit/jobs.ts on a real database: the schema migrates safely from four processes at once, and a
// job exists exactly when the transaction that enqueued it committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { enqueueEffect, JOBS_SCHEMA, migrateJobs, PermanentEffectError, startEffectWorker } from '../../../subgraphs/kit/jobs';
import { RuleViolationError } from '../../../subgraphs/kit/errors';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { causeDataSource, jobsOf, refusalsOf, waitFor } from './helpers';

let db: TestDatabase;
let cause: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  // As the four subgraphs do when they start together.
  await Promise.all([1, 2, 3, 4].map(() => migrateJobs(db.migrationUrl)));
  cause = await causeDataSource(db.url);
});
afterAll(async () => {
  await cause?.destroy();
  await db?.drop();
});

describe('kit/jobs', () => {
  it('migrateJobs from four processes at once leaves one complete schema, and may run again', async () => {
    const [{ count }] = await cause.query(`SELECT count(*)::int AS count FROM graphile_worker.migrations`);
    expect(count).toBeGreaterThan(10);
    await migrateJobs(db.migrationUrl);
    const [{ again }] = await cause.query(`SELECT count(*)::int AS again FROM graphile_worker.migrations`);
    expect(again).toBe(count);
  });

  it('enqueueEffect outside a transaction is refused: the effect would not share its cause’s fate', async () => {
    await expect(enqueueEffect(cause.manager, 'test.nothing', {})).rejects.toThrow(/inside the cause's transaction/);
    expect(await jobsOf(cause, 'test.nothing')).toEqual([]);
  });

  it('a rolled-back transaction leaves no job; a committed one leaves exactly one', async () => {
    await expect(
      cause.transaction(async (manager) => {
        await enqueueEffect(manager, 'test.effect', { n: 1 });
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    expect(await jobsOf(cause, 'test.effect')).toEqual([]);
    await cause.transaction((manager) => enqueueEffect(manager, 'test.effect', { n: 2 }, { maxAttempts: 3 }));
    expect((await jobsOf(cause, 'test.effect')).map((job) => job.payload)).toEqual([{ n: 2 }]);
  });

  it('a job key keeps one waiting job per key', async () => {
    for (const n of [1, 2]) await cause.transaction((manager) => enqueueEffect(manager, 'test.keyed', { n }, { jobKey: 'k1' }));
    const jobs = await jobsOf(cause, 'test.keyed');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ key: 'k1', payload: { n: 2 } });
  });

  it('the worker runs its tasks, retries a failure, and completes a permanent refusal without retrying', async () => {
    const seen: unknown[] = [];
    let failures = 0;
    const worker = await startEffectWorker({
      databaseUrl: db.url,
      pollInterval: 100,
      tasks: {
        'test.flaky': async (payload) => {
          if (failures++ === 0) throw new Error('transient');
          seen.push(payload);
        },
        'test.refused': async () => {
          throw new PermanentEffectError(new RuleViolationError('CATALOG_CAP', '采购成交价超过最高限价'));
        },
      },
    });
    try {
      await cause.transaction(async (manager) => {
        await enqueueEffect(manager, 'test.flaky', { n: 'flaky' });
        await enqueueEffect(manager, 'test.refused', { n: 'refused' });
      });
      await waitFor('the refusal', async () => (await jobsOf(cause, 'test.refused')).length === 0);
      expect(await refusalsOf(cause, 'test.refused')).toEqual([
        { code: 'RULE_VIOLATION', message: expect.stringContaining('CATALOG_CAP'), payload: { n: 'refused' } },
      ]);
      // graphile-worker retries after a backoff of exp(1) ≈ 3 s.
      const [flaky] = await jobsOf(cause, 'test.flaky');
      expect(flaky).toMatchObject({ attempts: 1, last_error: expect.stringContaining('transient') });
      await cause.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = $1`, [flaky!.id]);
      await waitFor('the retry', async () => seen.length === 1);
      expect(seen).toEqual([{ n: 'flaky' }]);
    } finally {
      await worker.stop();
    }
  });

  it('a schedule runs its start tasks once as the worker starts, and registers its crontab', async () => {
    let runs = 0;
    const worker = await startEffectWorker({
      databaseUrl: db.url,
      pollInterval: 100,
      tasks: { 'test.scheduled': async () => void runs++ },
      schedule: { crontab: [{ task: 'test.scheduled', match: '0 * * * *', maxAttempts: 3 }], runAtStart: ['test.scheduled'] },
    });
    try {
      await waitFor('the start run', async () => runs === 1);
      const known: Array<{ identifier: string }> = await cause.query(`SELECT identifier FROM ${JOBS_SCHEMA}._private_known_crontabs`);
      expect(known.map((row) => row.identifier)).toContain('test.scheduled');
    } finally {
      await worker.stop();
    }
    expect(runs).toBe(1);
  });

  it('refuses a schedule naming a task the worker does not have', async () => {
    await expect(
      startEffectWorker({
        databaseUrl: db.url,
        tasks: {},
        schedule: { crontab: [{ task: 'test.missing', match: '0 * * * *' }], runAtStart: ['test.other'] },
      }),
    ).rejects.toThrow(/test\.missing, test\.other/);
  });
});
