// Resource lines as versions (第十五条、第十六条): `resourceLines` is what is in force today,
// `resourceLineHistory` every version with its provider and dates, paged in SQL; the settlement's
// candidates carry each version's own provider and dates, so each is billed for its own days.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSettlementLines, settlementCandidates } from '../../../subgraphs/applications/settlement/settlement-lines';
import { daysBetween } from '../../../subgraphs/kit/dates';
import { lineAmountFen } from '../../../subgraphs/applications/settlement/settlement.rules';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface LineNode {
  id: string;
  position: number;
  quantity: number;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  provider: { id: string };
  changeRequest: { id: string } | null;
}
const LINE = `id position quantity effectiveFrom effectiveUntil provider { id } changeRequest { id }`;
const READ = `query($id: ID!, $after: String) { application(id: $id) {
  resourceLines(first: 1) { edges { node { ${LINE} } } }
  resourceLineHistory(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${LINE} } } }
} }`;
type Read = {
  application: {
    resourceLines: { edges: Array<{ node: LineNode }> };
    resourceLineHistory: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: LineNode }> };
  };
};

/** A seeded application in production since before June 2025, and its first line. */
async function liveApplication(): Promise<{
  id: string;
  providerId: string;
  regionCode: string;
  goLiveOn: string;
  line: Record<string, unknown>;
}> {
  const [row] = await subgraph.dataSource.query(
    `SELECT a.id, a.provider_id AS "providerId", u.region_code AS "regionCode", a.go_live_on::text AS "goLiveOn", row_to_json(l) AS line
       FROM "applications"."application" a JOIN "applications"."unit" u ON u.id = a.unit_id
       JOIN "applications"."application_resource_line" l ON l.application_id = a.id AND l.position = 1
       JOIN "applications"."information_system" s ON s.id = a.system_id
      WHERE a.status = 'IN_PRODUCTION' AND a.go_live_on < '2025-06-01' AND s.retired_on IS NULL
        AND l.concluded_price_yuan IS NOT NULL
      ORDER BY a.number LIMIT 1`,
  );
  return row;
}

describe('resource line versions (第十五条、第十六条, CHANGE_APPROVAL)', () => {
  it('shows the lines in force today, every version in the history with its provider and dates, and bills each version for its own days', async () => {
    const app = await liveApplication();
    const line = app.line as { id: string; quantity: number; catalog_entry_id: string; concluded_price_yuan: string };
    const other = world.providers.find((provider) => provider.id !== app.providerId)!;
    // Closed on 2025-06-30; a version at another provider from 2025-07-01 to the day before today
    // (2026-11-26 in tests); one from today; one from a day still to come.
    await subgraph.dataSource.query(`UPDATE "applications"."application_resource_line" SET effective_until = '2025-06-30' WHERE id = $1`, [
      line.id,
    ]);
    const insert = (quantity: number, providerId: string, from: string, until: string | null) =>
      subgraph.dataSource.query(
        `INSERT INTO "applications"."application_resource_line"
           (id, application_id, position, catalog_entry_id, quantity, quantity_max, concluded_price_yuan, provider_id, effective_from, effective_until)
         VALUES ($1, $2, 1, $3, $4, $4, $5, $6, $7, $8)`,
        [randomUUID(), app.id, line.catalog_entry_id, quantity, line.concluded_price_yuan, providerId, from, until],
      );
    await insert(line.quantity * 3, other.id, '2025-07-01', '2026-11-25');
    await insert(line.quantity * 2, app.providerId, '2026-11-26', '2026-12-31');
    await insert(line.quantity * 5, app.providerId, '2027-01-01', null);

    const first = await subgraph.query<Read>(bureau, READ, { id: app.id });
    expect(first.errors).toBeUndefined();
    const inForce = first.data!.application.resourceLines.edges.map((edge) => edge.node);
    expect(inForce.filter((node) => node.position === 1)).toHaveLength(1);
    expect(inForce[0]).toMatchObject({
      quantity: line.quantity * 2,
      effectiveFrom: '2026-11-26',
      effectiveUntil: '2026-12-31',
      provider: { id: app.providerId },
      changeRequest: null,
    });

    const history = first.data!.application.resourceLineHistory;
    const otherLines = history.totalCount - 4;
    expect(history.pageInfo.hasNextPage).toBe(true);
    const second = await subgraph.query<Read>(bureau, READ, { id: app.id, after: history.pageInfo.endCursor });
    const versions = [...history.edges, ...second.data!.application.resourceLineHistory.edges].map((edge) => edge.node);
    expect(otherLines).toBeGreaterThanOrEqual(0);
    expect(versions.map((version) => [version.effectiveFrom, version.effectiveUntil, version.provider.id, version.quantity])).toEqual([
      [null, '2025-06-30', app.providerId, line.quantity],
      ['2025-07-01', '2026-11-25', other.id, line.quantity * 3],
      ['2026-11-26', '2026-12-31', app.providerId, line.quantity * 2],
      ['2027-01-01', null, app.providerId, line.quantity * 5],
    ]);
    expect(second.data!.application.resourceLineHistory.pageInfo.hasNextPage).toBe(otherLines > 0);

    // 2025: the original from go-live to 30 June for the application's provider, the other from 1 July.
    const candidates = (await settlementCandidates(subgraph.dataSource.manager, 2025, app.regionCode)).filter(
      (candidate) => candidate.applicationId === app.id && candidate.position === 1,
    );
    const settled = buildSettlementLines(
      candidates,
      new Map(),
      { id: 's', year: 2025, regionCode: app.regionCode },
      (c) => c.resourceLineId,
    );
    const byDay = [...settled].sort((a, b) => a.serviceFrom.localeCompare(b.serviceFrom));
    expect(byDay.map((each) => [each.providerId, each.serviceFrom, each.serviceUntil, each.daysInService, each.billedQuantity])).toEqual([
      [app.providerId, app.goLiveOn, '2025-06-30', daysBetween(app.goLiveOn, '2025-07-01'), line.quantity],
      [other.id, '2025-07-01', '2025-12-31', 184, line.quantity * 3],
    ]);
    for (const each of settled) {
      expect(each.amountFen).toBe(
        lineAmountFen({
          unitPriceFen: each.unitPriceFen,
          quantity: each.billedQuantity,
          days: each.daysInService,
          daysInYear: 365,
          factorPermille: 1000,
        }),
      );
    }
  });
});
