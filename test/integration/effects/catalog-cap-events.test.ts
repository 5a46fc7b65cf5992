// Every change of a basic-catalog cap in the providers subgraph (第八条) publishes
// `applications.catalogCapChanged` in its own transaction, with a new cap version; the applications
// subgraph's worker brings its replica up to it. The stale-replica edge ends as a CATALOG_CAP refusal.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../../seed/world';
import { createEffectTasks as applicationsTasks } from '../../../subgraphs/applications/effects';
import { replicaCapsOf } from '../../../subgraphs/applications/catalog-caps/catalog-cap.service';
import { replicaCatalogPort } from '../../../subgraphs/applications/lifecycle/catalog-port';
import { CATALOG_CAP_CHANGED_TASK, type CatalogCapChangedPayload } from '../../../subgraphs/contracts/catalog-cap-events';
import { isBilledOnce } from '../../../subgraphs/contracts/billing-cycle';
import { inTransaction } from '../../../subgraphs/kit/data-source';
import { startEffectWorker, type EffectWorker } from '../../../subgraphs/kit/jobs';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { LOWER_CAP_TASK } from '../../../subgraphs/contracts/cap-lowerings';
import { loadSubgraphModule } from '../../../subgraphs/modules';
import { createEffectTasks as providersTasks } from '../../../subgraphs/providers/effects';
import { SupplementaryCatalogEntryEntity } from '../../../subgraphs/providers/catalogs/supplementary-catalog-entry.entity';
import {
  applyProcurementPrice,
  basicEntriesByIds,
  lockBasicEntry,
  setListedPrice,
  setPriceCap,
} from '../../../subgraphs/providers/catalogs/catalog.service';
import { promoteSupplementaryEntry } from '../../../subgraphs/providers/catalogs/supplementary.service';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { serviceDataSource } from '../../setup/subgraphs';
import { jobsOf, refusalsOf, waitFor } from './helpers';

const world = buildWorld();
const bureau = { subject: 'test-bureau' };
let db: TestDatabase;
let providers: DataSource;
let applications: DataSource;
const workers: EffectWorker[] = [];

beforeAll(async () => {
  db = await createTestDatabase({ from: 'seeded' });
  const [providersModule, applicationsModule] = await Promise.all([loadSubgraphModule('providers'), loadSubgraphModule('applications')]);
  providers = await serviceDataSource(db, providersModule);
  applications = await serviceDataSource(db, applicationsModule);
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
});
afterAll(async () => {
  await applications?.destroy();
  await providers?.destroy();
  await db?.drop();
});

const entry = (i: number) => world.basicCatalog[i]!;
const fen = (i: number) => yuanToFen(entry(i).priceCapYuan)!;
const events = async (entryId?: string): Promise<CatalogCapChangedPayload[]> =>
  (await jobsOf(providers, CATALOG_CAP_CHANGED_TASK))
    .map((job) => job.payload as unknown as CatalogCapChangedPayload)
    .filter((payload) => entryId === undefined || payload.entryId === entryId);
const versionOf = async (entryId: string) => (await basicEntriesByIds(providers, [entryId]))[0]!.capVersion;

describe('providers: a cap change publishes applications.catalogCapChanged in its transaction', () => {
  it('setPriceCap: one event at the next version; rolled back, no event and no new version', async () => {
    const { id, providerId } = entry(0);
    await expect(
      inTransaction(providers, async (manager) => {
        await setPriceCap(manager, await lockBasicEntry(manager, id), fen(0) - 200, '测试回滚', bureau);
        throw new Error('the mutation failed');
      }),
    ).rejects.toThrow('the mutation failed');
    expect(await events(id)).toEqual([]);
    expect(await versionOf(id)).toBe(1);

    await inTransaction(providers, async (manager) =>
      setPriceCap(manager, await lockBasicEntry(manager, id), fen(0) - 200, '市场价格下降', bureau),
    );
    expect(await versionOf(id)).toBe(2);
    expect(await events(id)).toEqual([{ entryId: id, providerId, capYuan: fenToYuan(fen(0) - 200), capVersion: 2, billedOnce: false }]);
    const [job] = await jobsOf(providers, CATALOG_CAP_CHANGED_TASK);
    expect(job!.key).toBe(`${CATALOG_CAP_CHANGED_TASK}:${id}:2`);

    // The same cap again, or a listed price: the cap did not change, so no event and no version.
    await inTransaction(providers, async (manager) =>
      setPriceCap(manager, await lockBasicEntry(manager, id), fen(0) - 200, '重复', bureau),
    );
    await inTransaction(providers, async (manager) => setListedPrice(manager, await lockBasicEntry(manager, id), fen(0) - 300));
    expect(await versionOf(id)).toBe(2);
    expect(await events(id)).toHaveLength(1);
  });

  it('applyProcurementPrice: an event only when the cap comes down; a redelivery adds none', async () => {
    const { id } = entry(1);
    await inTransaction(providers, (manager) => applyProcurementPrice(manager, id, entry(1).priceCapYuan, 'EV-EQUAL', bureau));
    expect(await events(id)).toEqual([]);
    const lower = fenToYuan(fen(1) - 500);
    for (let i = 0; i < 2; i++) {
      await inTransaction(providers, (manager) => applyProcurementPrice(manager, id, lower, 'EV-LOWER', bureau));
    }
    expect(await events(id)).toEqual([expect.objectContaining({ entryId: id, capYuan: lower, capVersion: 2 })]);
  });

  it('promoting a supplementary entry creates a basic entry at version 1, published', async () => {
    const filed = world.supplementaryCatalog.find((candidate) => candidate.filingStatus === 'FILED')!;
    const promoted = await inTransaction(providers, async (manager) =>
      promoteSupplementaryEntry(
        manager,
        await manager.findOneByOrFail(SupplementaryCatalogEntryEntity, { id: filed.id }),
        'EV-PROMOTED-1',
        88_800,
        bureau,
      ),
    );
    const basicId = promoted.promotedToEntryId!;
    expect(await events(basicId)).toEqual([
      { entryId: basicId, providerId: filed.providerId, capYuan: '888.00', capVersion: 1, billedOnce: isBilledOnce(filed.billingUnit) },
    ]);
  });

  it('an entry billed once per delivery (套·次, 第十六条) says so, and the replica keeps it', async () => {
    const delivery = world.basicCatalog.find((candidate) => candidate.serviceItemCode === 'SVC-MIGRATION')!;
    const cap = yuanToFen(delivery.priceCapYuan)! - 500;
    await inTransaction(providers, async (manager) =>
      setPriceCap(manager, await lockBasicEntry(manager, delivery.id), cap, '一次性服务限价调整', bureau),
    );
    const [event] = await events(delivery.id);
    expect(event).toMatchObject({ entryId: delivery.id, billedOnce: true });
    workers.push(
      await startEffectWorker({ databaseUrl: db.url, tasks: applicationsTasks({ dataSource: applications }), pollInterval: 100 }),
    );
    await waitFor(
      'the replica to take the cap',
      async () => (await replicaCapsOf(applications.manager, [delivery.id])).get(delivery.id)?.capFen === cap,
    );
    const [row] = await applications.query(`SELECT billed_once FROM "applications"."catalog_cap" WHERE entry_id = $1`, [delivery.id]);
    expect(row).toEqual({ billed_once: true });
  });
});

describe('the replica follows the providers, and a stale replica ends in a CATALOG_CAP refusal', () => {
  it('two procurements checked against the same stale cap: the second, above the lowered cap, is refused for good', async () => {
    const { id } = entry(5);
    const port = (subject: string) => replicaCatalogPort({ subject, role: Role.USER_UNIT } as Principal);
    const line = (reference: string, concludedPriceFen: number) => ({
      applicationId: reference,
      procurementReference: reference,
      catalogEntryId: id,
      concludedPriceFen,
      capFen: fen(5),
    });
    // Both procurements pass CATALOG_CAP against the replica before either lowering is applied.
    for (const [reference, price] of [
      ['EV-FIRST', fen(5) - 1_000],
      ['EV-SECOND', fen(5) - 500],
    ] as const) {
      await applications.transaction(async (manager) => {
        expect((await replicaCapsOf(manager, [id])).get(id)?.capFen).toBe(fen(5));
        await port('test-unit').lowerCapsLater(manager, [line(reference, price)]);
      });
    }
    // The providers worker takes them in order; then the applications worker hears of the change.
    workers.push(
      await startEffectWorker({ databaseUrl: db.url, tasks: providersTasks({ dataSource: providers }), pollInterval: 100, concurrency: 1 }),
    );
    await waitFor('both lowerings to be settled', async () => (await jobsOf(providers, LOWER_CAP_TASK)).length === 0);
    const [refusal] = await refusalsOf(providers, LOWER_CAP_TASK);
    expect(refusal).toMatchObject({ code: 'RULE_VIOLATION', payload: expect.objectContaining({ procurementReference: 'EV-SECOND' }) });
    expect(refusal!.message).toContain('CATALOG_CAP');
    expect((await basicEntriesByIds(providers, [id]))[0]).toMatchObject({ priceCapFen: fen(5) - 1_000, capVersion: 2 });

    workers.push(
      await startEffectWorker({ databaseUrl: db.url, tasks: applicationsTasks({ dataSource: applications }), pollInterval: 100 }),
    );
    await waitFor(
      'the replica to take the lowered cap',
      async () => (await replicaCapsOf(applications.manager, [id])).get(id)?.capFen === fen(5) - 1_000,
    );
    await waitFor('every event to be applied', async () => (await jobsOf(providers, CATALOG_CAP_CHANGED_TASK)).length === 0);
    // Every change published above reached the replica at its version.
    const [row] = await applications.query(`SELECT cap_version::int AS v FROM "applications"."catalog_cap" WHERE entry_id = $1`, [
      entry(0).id,
    ]);
    expect(row.v).toBe(2);
  });
});
