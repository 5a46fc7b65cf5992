// The applications subgraph's replica of the basic-catalog caps (第八条): seeded like the providers'
// caps, kept up to date by `applications.catalogCapChanged` (idempotent, order-safe), and what
// CATALOG_CAP is checked against, so a procurement records with no providers subgraph running.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEffectTasks } from '../../../subgraphs/applications/effects';
import { replicaCapsOf, upsertCatalogCap } from '../../../subgraphs/applications/catalog-caps/catalog-cap.service';
import { CATALOG_CAP_CHANGED_TASK, enqueueCatalogCapChanged } from '../../../subgraphs/contracts/catalog-cap-events';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { enqueueEffect, startEffectWorker, type EffectWorker } from '../../../subgraphs/kit/jobs';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { LOWER_CAP_TASK } from '../../../subgraphs/contracts/cap-lowerings';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { userUnit, world } from '../../setup/principals';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';
import { expectRefusedUnchanged, mutate, view } from './lifecycle-helpers';

let subgraph: SubgraphForTest;
let worker: EffectWorker | undefined;

// Only the applications subgraph: the providers subgraph's URL points at a closed port.
beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await subgraph?.stop();
});

interface ReplicaRow {
  cap_fen: string;
  cap_version: string;
  updated_at: Date;
}

async function replicaRow(entryId: string): Promise<ReplicaRow | undefined> {
  const [row] = await subgraph.dataSource.query(
    `SELECT cap_fen::text, cap_version::text, updated_at FROM "applications"."catalog_cap" WHERE entry_id = $1`,
    [entryId],
  );
  return row;
}

const entry = (i: number) => world.basicCatalog[i]!;
const fen = (i: number) => yuanToFen(entry(i).priceCapYuan)!;

describe('the replica of the basic-catalog caps', () => {
  it('is seeded with every basic-catalog entry at the cap and first version the providers seed writes', async () => {
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM "applications"."catalog_cap"`);
    expect(count).toBe(world.basicCatalog.length);
    expect(await replicaRow(entry(0).id)).toMatchObject({ cap_fen: String(fen(0)), cap_version: '1' });
  });

  it('takes a newer version, ignores the same version again and an older one arriving late', async () => {
    const { id, providerId } = entry(1);
    const manager = subgraph.dataSource.manager;
    expect(await upsertCatalogCap(manager, { entryId: id, providerId, capFen: fen(1) - 300, capVersion: 3 })).toBe(true);
    const applied = await replicaRow(id);
    expect(applied).toMatchObject({ cap_fen: String(fen(1) - 300), cap_version: '3' });

    expect(await upsertCatalogCap(manager, { entryId: id, providerId, capFen: fen(1) - 300, capVersion: 3 })).toBe(false);
    expect(await upsertCatalogCap(manager, { entryId: id, providerId, capFen: fen(1) - 100, capVersion: 2 })).toBe(false);
    expect(await replicaRow(id)).toEqual(applied);
  });

  it('adds an entry it has not seen (a new or promoted basic-catalog entry)', async () => {
    const id = stableId('basic-catalog', 'replica-new-entry');
    expect(
      await upsertCatalogCap(subgraph.dataSource.manager, { entryId: id, providerId: entry(0).providerId, capFen: 12_345, capVersion: 1 }),
    ).toBe(true);
    expect(await replicaRow(id)).toMatchObject({ cap_fen: '12345', cap_version: '1' });
  });

  it('reads the caps of many entries in one SQL statement; entries it does not hold are absent', async () => {
    const ids = world.basicCatalog.slice(0, 30).map((candidate) => candidate.id);
    const missing = stableId('basic-catalog', 'no-such-entry');
    sqlCounterOf(subgraph.dataSource).reset();
    const caps = await replicaCapsOf(subgraph.dataSource.manager, [...ids, missing, 'not-a-uuid']);
    expect(sqlCounterOf(subgraph.dataSource).count).toBe(1);
    expect(caps.size).toBe(30);
    expect(caps.get(entry(0).id)).toEqual({ capFen: fen(0), providerId: entry(0).providerId });
    expect(caps.has(missing)).toBe(false);
  });
});

describe(CATALOG_CAP_CHANGED_TASK, () => {
  const startWorker = async () => {
    worker = await startEffectWorker({
      databaseUrl: (subgraph.dataSource.options as { url?: string }).url!,
      tasks: createEffectTasks({ dataSource: subgraph.dataSource }),
      pollInterval: 100,
    });
  };
  const pending = async () => (await jobsOf(subgraph.dataSource, CATALOG_CAP_CHANGED_TASK)).length;

  it('the worker applies events delivered out of order and twice: the newest version wins, once', async () => {
    const { id, providerId } = entry(2);
    const event = (capVersion: number, capFen: number) => ({ entryId: id, providerId, capYuan: fenToYuan(capFen), capVersion });
    await subgraph.dataSource.transaction(async (manager) => {
      await enqueueCatalogCapChanged(manager, event(3, fen(2) - 900));
      await enqueueCatalogCapChanged(manager, event(2, fen(2) - 400));
      // A redelivery without the job key that would have collapsed it.
      await enqueueEffect(manager, CATALOG_CAP_CHANGED_TASK, event(3, fen(2) - 900));
    });
    expect(await pending()).toBe(3);
    await startWorker();
    await waitFor('the events to be applied', async () => (await pending()) === 0);
    expect(await replicaRow(id)).toMatchObject({ cap_fen: String(fen(2) - 900), cap_version: '3' });
  });

  it('one job per (entry, version): the same event enqueued twice waits as one job', async () => {
    const { id, providerId } = entry(3);
    const event = { entryId: id, providerId, capYuan: fenToYuan(fen(3) - 100), capVersion: 2 };
    await subgraph.dataSource.transaction(async (manager) => {
      await enqueueCatalogCapChanged(manager, event);
      await enqueueCatalogCapChanged(manager, event);
    });
    expect(await pending()).toBe(1);
    await startWorker();
    await waitFor('the event to be applied', async () => (await pending()) === 0);
    expect(await replicaRow(id)).toMatchObject({ cap_version: '2' });
  });

  it('a malformed event is refused once and recorded, changing nothing', async () => {
    const before = await replicaRow(entry(4).id);
    await subgraph.dataSource.transaction((manager) =>
      enqueueEffect(manager, CATALOG_CAP_CHANGED_TASK, { entryId: entry(4).id, capYuan: 'abc', capVersion: 9 }),
    );
    await startWorker();
    await waitFor('the event to be settled', async () => (await pending()) === 0);
    expect(await refusalsOf(subgraph.dataSource, CATALOG_CAP_CHANGED_TASK)).toEqual([
      { code: 'BAD_USER_INPUT', message: expect.stringContaining(CATALOG_CAP_CHANGED_TASK), payload: expect.anything() },
    ]);
    expect(await replicaRow(entry(4).id)).toEqual(before);
  });
});

describe('CATALOG_CAP against the replica, with no providers subgraph running', () => {
  const accepted = world.applications.filter((application) => application.state === 'ACCEPTED');

  async function pricesFor(applicationId: string, priceOf: (capFen: number, position: number) => number) {
    const application = world.applications.find((candidate) => candidate.id === applicationId)!;
    const unit = userUnit(world.units.find((candidate) => candidate.id === application.unitId)!);
    const seen = await view(subgraph, unit, application.id);
    const lines = (seen.resourceLines.edges as unknown as Array<{ node: { id: string; catalogEntry: { id: string } } }>).map(
      (edge) => edge.node,
    );
    const caps = await replicaCapsOf(
      subgraph.dataSource.manager,
      lines.map((line) => line.catalogEntry.id),
    );
    const prices = lines.map((line, i) => ({
      lineId: line.id,
      concludedPrice: fenToYuan(priceOf(caps.get(line.catalogEntry.id)!.capFen, i)),
    }));
    return { application, unit, version: seen.version, lines, caps, prices };
  }

  it('records a procurement below the cap and enqueues CAP_LOWERS with the application number', async () => {
    const { application, unit, version, lines, caps, prices } = await pricesFor(accepted[0]!.id, (cap, i) => (i === 0 ? cap - 500 : cap));
    const result = await mutate(subgraph, unit, 'recordProcurement', 'id: $id, version: $version, prices: $prices', {
      id: application.id,
      version,
      prices,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordProcurement).toMatchObject({ status: 'PROCURED' });
    const jobs = await jobsOf(subgraph.dataSource, LOWER_CAP_TASK);
    // Every line goes to the providers subgraph's check (CAP_LOWERS, and CATALOG_CAP against a stale
    // replica): the one below the cap lowers it, those at the cap are verified.
    expect(jobs.map((job) => job.payload)).toEqual(
      lines.map((line, i) =>
        expect.objectContaining({
          entryId: line.catalogEntry.id,
          concludedPriceYuan: fenToYuan(caps.get(line.catalogEntry.id)!.capFen - (i === 0 ? 500 : 0)),
          procurementReference: application.code,
        }),
      ),
    );
  });

  it('an entry the replica does not hold is refused as CATALOG_CAP, changing nothing', async () => {
    const { application, unit, version, lines, prices } = await pricesFor(accepted[1]!.id, (cap) => cap);
    await subgraph.dataSource.query(`DELETE FROM "applications"."catalog_cap" WHERE entry_id = $1`, [lines[0]!.catalogEntry.id]);
    await expectRefusedUnchanged(
      subgraph,
      application.id,
      () =>
        mutate(subgraph, unit, 'recordProcurement', 'id: $id, version: $version, prices: $prices', { id: application.id, version, prices }),
      'RULE_VIOLATION',
      'CATALOG_CAP',
      '第八条',
    );
  });
});
