import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { copyChildren } from '../../setup/child-pages';
import { measureEntityChildPages, walkEntityChildPages } from '../../setup/entity-child-pages';
import { bureau, world } from '../../setup/principals';

// Provider.openRectifications and InformationSystem.openRectifications (第十九条, INSPECTION_RECTIFY)
// page in SQL (issue 14): the same statements however many parents and children, at most one row
// more than each parent's page, in deadline order (then id) as before.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const providers = (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'Provider',
    'openRectifications',
    world.providers.slice(0, count).map((provider) => provider.id),
  );
const systems = (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'InformationSystem',
    'openRectifications',
    world.systems.slice(0, count).map((system) => system.id),
  );

/** The open rectifications of a parent in deadline order, then id, straight from the table. */
async function expectedOrder(column: 'provider_id' | 'system_id', id: string): Promise<string[]> {
  const owner = column === 'provider_id' ? `AND owner_kind = 'PROVIDER'` : '';
  const rows: Array<{ id: string }> = await subgraph.dataSource.query(
    `SELECT id FROM security.inspection_finding WHERE ${column} = $1 AND status <> 'CLOSED' ${owner} ORDER BY deadline, id::text`,
    [id],
  );
  return rows.map((row) => row.id);
}

/** The parent with the most open rectifications. */
async function busiest(column: 'provider_id' | 'system_id'): Promise<string> {
  const owner = column === 'provider_id' ? `AND owner_kind = 'PROVIDER'` : '';
  const [row]: Array<{ parent: string }> = await subgraph.dataSource.query(
    `SELECT ${column} AS parent FROM security.inspection_finding WHERE status <> 'CLOSED' AND ${column} IS NOT NULL ${owner}
      GROUP BY ${column} ORDER BY count(*) DESC LIMIT 1`,
  );
  return row!.parent;
}

describe('open rectifications page in SQL', () => {
  it('cost the same statements for few parents as for all, and after their children grow; load at most first + 1 rows a parent', async () => {
    const fewProviders = await providers(1);
    const allProviders = await providers(world.providers.length);
    const fewSystems = await systems(3);
    const allSystems = await systems(world.systems.length);
    expect(allProviders.statements).toBe(fewProviders.statements);
    expect(allSystems.statements).toBe(fewSystems.statements);
    expect(allProviders.total).toBeGreaterThan(0);
    expect(allSystems.total).toBeGreaterThan(0);

    await copyChildren(subgraph, 'security.inspection_finding', 3, `'seq', t.seq + 100 * g`, `t.status <> 'CLOSED'`);
    const grownProviders = await providers(world.providers.length);
    const grownSystems = await systems(world.systems.length);
    expect(grownProviders.statements).toBe(allProviders.statements);
    expect(grownSystems.statements).toBe(allSystems.statements);
    expect(grownProviders.total).toBe(allProviders.total * 4);
    expect(grownSystems.total).toBe(allSystems.total * 4);
    // Each page and one row more where there are more: nothing else is read.
    expect(grownProviders.rows).toBe(grownProviders.returned + grownProviders.more);
    expect(grownSystems.rows).toBe(grownSystems.returned + grownSystems.more);
  });

  it('walk every page in deadline order, ties by id, as before', async () => {
    for (const [typename, column] of [
      ['Provider', 'provider_id'],
      ['InformationSystem', 'system_id'],
    ] as const) {
      const parent = await busiest(column);
      const expected = await expectedOrder(column, parent);
      expect(expected.length).toBeGreaterThan(2);
      expect(await walkEntityChildPages(subgraph, bureau, typename, 'openRectifications', parent, 2)).toEqual(expected);
    }
  });
});
