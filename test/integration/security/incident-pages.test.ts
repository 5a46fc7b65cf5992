import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { copyChildren } from '../../setup/child-pages';
import { measureEntityChildPages, walkEntityChildPages } from '../../setup/entity-child-pages';
import { bureau, world } from '../../setup/principals';

// Provider.securityIncidents (第十八条, INCIDENT_REPORT) pages in SQL (issue 14), newest first through
// childConnectionLoader's direction DESC: the same statements however many providers and incidents,
// at most one row more than each page, in report order as before (ties by id, as the root list).

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
    'securityIncidents',
    world.providers.slice(0, count).map((provider) => provider.id),
  );

describe('a provider’s security incidents page in SQL', () => {
  it('cost the same statements for one provider as for all, and after their incidents grow; load at most first + 1 rows a provider', async () => {
    const few = await providers(1);
    const all = await providers(world.providers.length);
    expect(all.statements).toBe(few.statements);
    expect(all.total).toBeGreaterThan(0);
    await copyChildren(subgraph, 'security.security_incident', 3);
    const grown = await providers(world.providers.length);
    expect(grown.statements).toBe(all.statements);
    expect(grown.total).toBe(all.total * 4);
    // Each page and one row more where there are more: nothing else is read.
    expect(grown.rows).toBe(grown.returned + grown.more);
  });

  it('walks every page newest first, ties by id as securityIncidents lists them', async () => {
    const [busiest]: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT provider_id AS id FROM security.security_incident WHERE provider_id IS NOT NULL GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const expected: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT id FROM security.security_incident WHERE provider_id = $1 ORDER BY date_trunc('milliseconds', reported_at) DESC, id::text DESC`,
      [busiest!.id],
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'securityIncidents', busiest!.id, 2)).toEqual(
      expected.map((row) => row.id),
    );
  });
});
