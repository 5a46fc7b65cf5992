// Every change of a basic-catalog cap in the providers subgraph (第八条) publishes
// `applications.catalogCapChanged` in its own transaction, with a new cap version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../../seed/world';
import { CATALOG_CAP_CHANGED_TASK, type CatalogCapChangedPayload } from '../../../subgraphs/kit/catalog-cap-events';
import { inTransaction, migrate } from '../../../subgraphs/kit/data-source';
import { migrateJobs } from '../../../subgraphs/kit/jobs';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { loadSubgraphModule } from '../../../subgraphs/modules';
import {
  applyProcurementPrice,
  basicEntriesByIds,
  setListedPrice,
  setPriceCap,
} from '../../../subgraphs/providers/services/catalog.service';
import { promoteSupplementaryEntry } from '../../../subgraphs/providers/services/supplementary.service';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { jobsOf } from './helpers';

const world = buildWorld();
const bureau = { subject: 'test-bureau' };
let db: TestDatabase;
let providers: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  const providersModule = await loadSubgraphModule('providers');
  providers = providersModule.createDataSource(db.url);
  await migrate(providers);
  await providersModule.seed(providers, world);
  await migrateJobs(db.url);
});
afterAll(async () => {
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
        await setPriceCap(manager, id, fen(0) - 200, '测试回滚', bureau);
        throw new Error('the mutation failed');
      }),
    ).rejects.toThrow('the mutation failed');
    expect(await events(id)).toEqual([]);
    expect(await versionOf(id)).toBe(1);

    await inTransaction(providers, (manager) => setPriceCap(manager, id, fen(0) - 200, '市场价格下降', bureau));
    expect(await versionOf(id)).toBe(2);
    expect(await events(id)).toEqual([{ entryId: id, providerId, capYuan: fenToYuan(fen(0) - 200), capVersion: 2 }]);
    const [job] = await jobsOf(providers, CATALOG_CAP_CHANGED_TASK);
    expect(job!.key).toBe(`${CATALOG_CAP_CHANGED_TASK}:${id}:2`);

    // The same cap again, or a listed price: the cap did not change, so no event and no version.
    await inTransaction(providers, (manager) => setPriceCap(manager, id, fen(0) - 200, '重复', bureau));
    await inTransaction(providers, (manager) => setListedPrice(manager, id, fen(0) - 300, providerId));
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
    const promoted = await inTransaction(providers, (manager) =>
      promoteSupplementaryEntry(manager, filed.id, 'EV-PROMOTED-1', 88_800, bureau),
    );
    const basicId = promoted.promotedToEntryId!;
    expect(await events(basicId)).toEqual([{ entryId: basicId, providerId: filed.providerId, capYuan: '888.00', capVersion: 1 }]);
  });
});
