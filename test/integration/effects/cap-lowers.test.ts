// CAP_LOWERS (第八条) as a cross-subgraph effect: the procurement's transaction enqueues
// providers.lowerCapFromProcurement, the providers worker lowers the cap — at least once, once in
// effect, also when the providers subgraph was down when the procurement happened.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../../seed/world';
import { enqueueEffect, migrateJobs, startEffectWorker, type EffectWorker } from '../../../subgraphs/kit/jobs';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { enqueueCapLowerings, LOWER_CAP_TASK, type LowerCapPayload } from '../../../subgraphs/contracts/cap-lowerings';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { loadSubgraphModule } from '../../../subgraphs/modules';
import { createEffectTasks } from '../../../subgraphs/providers/effects';
import { basicEntriesByIds, capHistoryByEntryIds } from '../../../subgraphs/providers/catalogs/catalog.service';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { migratedDataSource } from '../../setup/subgraphs';
import { causeDataSource, jobsOf, refusalsOf, sleep, waitFor } from './helpers';

const world = buildWorld();
let db: TestDatabase;
let providers: DataSource;
let cause: DataSource;
let worker: EffectWorker | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  const module = await loadSubgraphModule('providers');
  providers = await migratedDataSource(db, module, world);
  await migrateJobs(db.migrationUrl);
  cause = await causeDataSource(db.url);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await cause?.destroy();
  await providers?.destroy();
  await db?.drop();
});

/** The providers subgraph's worker, as its process starts it. */
async function startProvidersWorker(): Promise<void> {
  worker = await startEffectWorker({ databaseUrl: db.url, tasks: createEffectTasks({ dataSource: providers }), pollInterval: 100 });
}

const entry = (i: number) => world.basicCatalog[i]!;
async function capOf(entryId: string): Promise<string> {
  const [row] = await basicEntriesByIds(providers, [entryId]);
  return fenToYuan(row!.priceCapFen);
}
const procurementChanges = async (entryId: string) =>
  (await capHistoryByEntryIds(providers, [entryId])).filter((change) => change.source === 'PROCUREMENT');
const below = (yuan: string, fen: number) => fenToYuan(yuanToFen(yuan)! - fen);
const line = (entryId: string, concludedPriceYuan: string, procurementReference: string): LowerCapPayload => ({
  entryId,
  concludedPriceYuan,
  procurementReference,
  actor: { subject: 'test-bureau' },
});
const share = (fen: number, ratio: number) => Math.floor(fen * ratio);
const pendingJobs = async () => (await jobsOf(cause, LOWER_CAP_TASK)).length;

describe('CAP_LOWERS through the job queue', () => {
  it('a procurement that rolls back enqueues nothing and changes nothing', async () => {
    const { id, priceCapYuan } = entry(0);
    await expect(
      cause.transaction(async (manager) => {
        await enqueueCapLowerings(manager, [line(id, below(priceCapYuan, 500), 'CAP-ROLLBACK')]);
        throw new Error('the procurement failed');
      }),
    ).rejects.toThrow('the procurement failed');
    expect(await pendingJobs()).toBe(0);
    await startProvidersWorker();
    await sleep(500);
    expect(await capOf(id)).toBe(priceCapYuan);
    expect(await procurementChanges(id)).toEqual([]);
  });

  it('a committed procurement lowers the cap; the history says PROCUREMENT with its reference', async () => {
    await startProvidersWorker();
    const { id, priceCapYuan } = entry(1);
    const concluded = below(priceCapYuan, 1000);
    await cause.transaction((manager) => enqueueCapLowerings(manager, [line(id, concluded, 'CAP-COMMIT')]));
    await waitFor('the cap to come down', async () => (await capOf(id)) === concluded);
    const [change] = await procurementChanges(id);
    expect(change).toMatchObject({ sourceReference: 'CAP-COMMIT', newCapFen: yuanToFen(concluded), changedBy: 'test-bureau' });
    expect(change!.previousCapFen).toBe(yuanToFen(priceCapYuan));
    await waitFor('the job to complete', async () => (await pendingJobs()) === 0);
  });

  it('the same effect delivered twice changes the cap once', async () => {
    const { id, priceCapYuan } = entry(2);
    const concluded = below(priceCapYuan, 300);
    // Without a job key: two separate jobs, as a redelivery would be.
    for (let i = 0; i < 2; i++) {
      await cause.transaction((manager) => enqueueEffect(manager, LOWER_CAP_TASK, line(id, concluded, 'CAP-TWICE')));
    }
    expect(await pendingJobs()).toBe(2);
    await startProvidersWorker();
    await waitFor('both jobs to complete', async () => (await pendingJobs()) === 0);
    expect(await capOf(id)).toBe(concluded);
    expect(await procurementChanges(id)).toHaveLength(1);
  });

  it('the providers worker down when the procurement happens: the cap is lowered once it starts again', async () => {
    const { id, priceCapYuan } = entry(3);
    const concluded = below(priceCapYuan, 700);
    await startProvidersWorker();
    await worker!.stop(); // the providers subgraph stops
    worker = undefined;
    await cause.transaction((manager) => enqueueCapLowerings(manager, [line(id, concluded, 'CAP-LATER')]));
    await sleep(500);
    expect(await capOf(id)).toBe(priceCapYuan);
    expect(await pendingJobs()).toBe(1);
    await startProvidersWorker(); // … and starts again
    await waitFor('the cap to come down after the restart', async () => (await capOf(id)) === concluded);
    expect(await procurementChanges(id)).toMatchObject([{ sourceReference: 'CAP-LATER' }]);
  });

  it('CATALOG_CAP: a price above the cap is refused once, recorded, not retried, and changes nothing', async () => {
    const { id, priceCapYuan } = entry(4);
    const above = fenToYuan(yuanToFen(priceCapYuan)! + 100);
    await startProvidersWorker();
    await cause.transaction((manager) => enqueueCapLowerings(manager, [line(id, above, 'CAP-ABOVE')]));
    await waitFor('the job to be settled', async () => (await pendingJobs()) === 0);
    expect(await refusalsOf(cause, LOWER_CAP_TASK)).toEqual([
      {
        code: 'RULE_VIOLATION',
        message: expect.stringContaining('CATALOG_CAP'),
        payload: expect.objectContaining({ entryId: id, procurementReference: 'CAP-ABOVE' }),
      },
    ]);
    expect(await capOf(id)).toBe(priceCapYuan);
    expect(await procurementChanges(id)).toEqual([]);
  });

  it('an unknown entry or a malformed payload is refused once too; a retry could not change it', async () => {
    await startProvidersWorker();
    const unknown = line(stableId('basic-catalog', 'no-such-entry'), '1.00', 'CAP-UNKNOWN');
    await cause.transaction(async (manager) => {
      await enqueueCapLowerings(manager, [unknown]);
      await enqueueEffect(manager, LOWER_CAP_TASK, { entryId: entry(5).id });
    });
    await waitFor('both jobs to be settled', async () => (await pendingJobs()) === 0);
    const codes = (await refusalsOf(cause, LOWER_CAP_TASK)).map((refusal) => refusal.code);
    expect(codes).toEqual(['RULE_VIOLATION', expect.any(String), expect.any(String)]);
    expect(codes.slice(1).sort()).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
    expect(await capOf(entry(5).id)).toBe(entry(5).priceCapYuan);
  });

  it('enqueueCapLowerings: one job per entry and reference, at the lowest price of its lines', async () => {
    const [a, b] = [entry(6), entry(7)];
    const capA = yuanToFen(a.priceCapYuan)!;
    const capB = yuanToFen(b.priceCapYuan)!;
    const line = (entryId: string, fen: number) => ({
      entryId,
      concludedPriceYuan: fenToYuan(fen),
      procurementReference: 'A-2026-0900',
      actor: { subject: 'test-unit' },
    });
    await cause.transaction((manager) =>
      enqueueCapLowerings(manager, [line(a.id, share(capA, 0.9)), line(a.id, share(capA, 0.8)), line(b.id, share(capB, 0.95))]),
    );
    expect(await pendingJobs()).toBe(2);
    await startProvidersWorker();
    await waitFor('both caps to come down', async () => (await pendingJobs()) === 0);
    expect(await capOf(a.id)).toBe(fenToYuan(share(capA, 0.8)));
    expect(await capOf(b.id)).toBe(fenToYuan(share(capB, 0.95)));
    expect(await procurementChanges(a.id)).toMatchObject([{ sourceReference: 'A-2026-0900', changedBy: 'test-unit' }]);
  });
});
