// Issue 3's acceptance, through the gateway: a procurement below the cap lowers the cap (CAP_LOWERS,
// 第八条), also when the providers subgraph was stopped when the procurement happened and started
// again afterwards. The applications subgraph checks CATALOG_CAP against its own replica of the
// caps, so the procurement records while providers is down; the lowering waits in the job queue,
// and the cap change flows back into the replica once providers has applied it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../subgraphs/kit/money';
import { waitFor } from '../integration/effects/helpers';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Line {
  id: string;
  catalogEntry: { id: string };
}

const CATALOG_ENTRY = `query($id: ID!) {
  catalogEntry(id: $id) {
    ... on BasicCatalogEntry { priceCapYuan capHistory(first: 100) { edges { node { newCapYuan source sourceReference } } } }
  }
}`;

interface CatalogEntryView {
  priceCapYuan: string;
  capHistory: { edges: Array<{ node: { newCapYuan: string; source: string; sourceReference: string | null } }> };
}

async function entryThroughGateway(bureau: string, id: string) {
  return stack.query<{ catalogEntry: CatalogEntryView | null }>(bureau, CATALOG_ENTRY, { id });
}

async function replicaCapOf(entryId: string): Promise<{ cap_fen: string; cap_version: string }> {
  const [row] = await stack.dataSources.applications.query(
    `SELECT cap_fen::text, cap_version::text FROM "applications"."catalog_cap" WHERE entry_id = $1`,
    [entryId],
  );
  return row;
}

describe('CAP_LOWERS while the providers subgraph is stopped', () => {
  it('a procurement below the cap records through the gateway with providers down, and lowers the cap once providers is back', async () => {
    const application = stack.world.applications.find((candidate) => candidate.state === 'ACCEPTED')!;
    const unit = stack.world.units.find((candidate) => candidate.id === application.unitId)!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const bureau = await stack.token({ role: 'BUREAU' });

    const seen = await stack.query<{
      application: { version: number; status: string; resourceLines: { edges: Array<{ node: Line }> } };
    }>(
      unitToken,
      `query($id: ID!) { application(id: $id) { version status resourceLines(first: 100) { edges { node { id catalogEntry { id } } } } } }`,
      { id: application.id },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.application.status).toBe('ACCEPTED');
    const lines = seen.data!.application.resourceLines.edges.map((edge) => edge.node);
    expect(lines.length).toBeGreaterThan(0);
    const lowered = lines[0]!.catalogEntry.id;
    const capOf = (entryId: string) => stack.world.basicCatalog.find((entry) => entry.id === entryId)!.priceCapYuan;
    expect((await entryThroughGateway(bureau, lowered)).data!.catalogEntry!.priceCapYuan).toBe(capOf(lowered));
    const concluded = fenToYuan(yuanToFen(capOf(lowered))! - 1_000);
    // The first line below its cap, any other at its cap (changes nothing).
    const prices = lines.map((line, i) => ({ lineId: line.id, concludedPrice: i === 0 ? concluded : capOf(line.catalogEntry.id) }));

    await stack.stopSubgraph('providers');
    const down = await entryThroughGateway(bureau, lowered);
    expect(down.errors?.length, 'providers must really be down').toBeGreaterThan(0);

    const recorded = await stack.query<{ recordProcurement: { status: string } }>(
      unitToken,
      `mutation($id: ID!, $version: Int!, $prices: [ConcludedPriceInput!]!) {
        recordProcurement(id: $id, version: $version, prices: $prices) { status }
      }`,
      { id: application.id, version: seen.data!.application.version, prices },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordProcurement.status).toBe('PROCURED');
    // Nothing can have lowered the cap yet: the replica still holds the first one.
    expect(await replicaCapOf(lowered)).toEqual({ cap_fen: String(yuanToFen(capOf(lowered))), cap_version: '1' });

    await stack.startSubgraph('providers');
    let view: CatalogEntryView | null = null;
    await waitFor(
      'the cap to come down through the gateway',
      async () => {
        const body = await entryThroughGateway(bureau, lowered);
        view = body.data?.catalogEntry ?? null;
        return view?.priceCapYuan === concluded;
      },
      30_000,
    );
    const procurements = view!.capHistory.edges.map((edge) => edge.node).filter((change) => change.source === 'PROCUREMENT');
    expect(procurements).toEqual([{ newCapYuan: concluded, source: 'PROCUREMENT', sourceReference: application.code }]);

    // The change flows back: the replica CATALOG_CAP is checked against now holds the lowered cap.
    await waitFor('the replica to hear of the lowered cap', async () => (await replicaCapOf(lowered)).cap_version === '2', 30_000);
    expect(await replicaCapOf(lowered)).toEqual({ cap_fen: String(yuanToFen(concluded)), cap_version: '2' });
  }, 120_000);
});
