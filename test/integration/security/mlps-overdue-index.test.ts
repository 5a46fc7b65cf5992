// MLPS_6M (第二十二条; issue 14): the overdue worklist reads each system's stored due date
// (mlps_assessment_due, kept by triggers on the replica and the MLPS record) on an index and stops
// at the page's LIMIT; the stored date is NEXT_DUE_SQL's after every kind of write that changes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { NEXT_DUE_SQL } from '../../../subgraphs/security/mlps/mlps-overdue.service';
import { planOf, statementsSent, type SentStatement } from '../../setup/statement-plans';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { countyAuthority, cybersec, world } from '../../setup/principals';
import type { Principal } from '../../../subgraphs/kit/principal';
import { OVERDUE } from './mlps-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

/** Systems whose stored due date differs from the one computed from their fact and record. */
async function drift(manager: EntityManager): Promise<string[]> {
  const rows: Array<{ system_id: string }> = await manager.query(`
    SELECT fact.system_id FROM security.system_fact fact
      LEFT JOIN security.mlps_record mlps ON mlps.system_id = fact.system_id
      LEFT JOIN security.mlps_assessment_due due ON due.system_id = fact.system_id
     WHERE due.system_id IS NULL OR due.due_on IS DISTINCT FROM ${NEXT_DUE_SQL}
        OR (due.region_code, due.unit_id, due.provider_id) IS DISTINCT FROM (fact.region_code, fact.unit_id, fact.provider_id)`);
  return rows.map((row) => row.system_id);
}

/** The worklist's page statement as the resolver sent it, with its parameters. */
async function pageStatement(principal: Principal): Promise<SentStatement> {
  const captured = await statementsSent(subgraph.dataSource, async () => {
    const result = await subgraph.query(principal, OVERDUE, { first: 5 });
    expect(result.errors).toBeUndefined();
  });
  const page = captured.find((statement) => /\bLIMIT\b/i.test(statement.sql) && statement.sql.includes('mlps_assessment_due'));
  expect(page, captured.map((statement) => statement.sql).join('\n')).toBeDefined();
  return page!;
}

describe('MLPS_6M stored due dates (issue 14)', () => {
  it('stores every system’s due date as NEXT_DUE_SQL computes it, after the seed', async () => {
    expect(await drift(subgraph.dataSource.manager)).toEqual([]);
  });

  it('keeps it through go-live, retirement, a move, an assessment, a regrading and a record’s removal', async () => {
    const [a, b] = world.systems.filter((system) => system.goLiveOn);
    await subgraph.dataSource
      .transaction(async (manager) => {
        await manager.query(`UPDATE security.system_fact SET go_live_on = '2020-01-31' WHERE system_id = $1`, [a!.id]);
        await manager.query(`UPDATE security.system_fact SET retired_on = '2026-01-01' WHERE system_id = $1`, [b!.id]);
        expect(await drift(manager)).toEqual([]);
        await manager.query(`UPDATE security.system_fact SET region_code = '371602', unit_id = gen_random_uuid() WHERE system_id = $1`, [
          a!.id,
        ]);
        await manager.query(`UPDATE security.mlps_record SET level = 4, last_assessed_on = '2026-02-28' WHERE system_id = $1`, [a!.id]);
        expect(await drift(manager)).toEqual([]);
        await manager.query(`UPDATE security.mlps_record SET level = 2 WHERE system_id = $1`, [a!.id]);
        await manager.query(`DELETE FROM security.mlps_record WHERE system_id = $1`, [b!.id]);
        expect(await drift(manager)).toEqual([]);
        throw new Error('rollback');
      })
      .catch((error: Error) => expect(error.message).toBe('rollback'));
  });

  it('walks the (due_on, system_id) index and stops at the page, city-wide and in a county', async () => {
    for (const [principal, index] of [
      [cybersec, 'mlps_assessment_due_due_on_idx'],
      [countyAuthority('371602'), 'mlps_assessment_due_region_code_idx'],
    ] as const) {
      const plan = await planOf(subgraph.dataSource, await pageStatement(principal));
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/\bSort\b/);
      expect(plan).not.toContain('system_fact');
    }
  });
});
