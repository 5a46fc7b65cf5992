// Every child connection of every subgraph pages through an index (issue 14): the loaders of a
// BUREAU request are made (each childConnectionLoader reports its options), then each one's page
// statement for a batch of parents is EXPLAIN ANALYZE'd as it ran, with sequential scans off: the
// scan under each parent's LIMIT reads the child table by an index, and each parent's children are
// counted once.
import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoaders as applicationsLoaders } from '../../../subgraphs/applications/loaders';
import { childConnectionLoader, childPage, type ChildConnectionOptions } from '../../../subgraphs/kit/child-connection';
import { childPageLoaders } from '../../../subgraphs/kit/child-page-statement';
import { scopeOf } from '../../../subgraphs/kit/principal';
import { createLoaders as providersLoaders } from '../../../subgraphs/providers/loaders';
import { createLoaders as securityLoaders } from '../../../subgraphs/security/loaders';
import { aggregateLoops, capturedStatements, limitedScans, planOf } from '../../setup/child-page-plan';
import { bureau } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

const SUBGRAPHS = [
  ['applications', applicationsLoaders],
  ['providers', providersLoaders],
  ['security', securityLoaders],
] as const;

/** The options of every child connection a request's loaders make (per-filter ones made with every filter field null). */
function childConnectionsOf(make: () => Record<string, unknown>): Array<ChildConnectionOptions<ObjectLiteral>> {
  const made: Array<ChildConnectionOptions<ObjectLiteral>> = [];
  childPageLoaders.created = (options) => made.push(options);
  try {
    for (const loader of Object.values(make())) {
      if (typeof loader !== 'function') continue;
      // No filter; one of fields (`{ unitId, providerId }`) with each field null when that fails.
      for (const filter of [null, new Proxy({}, { get: () => null })]) {
        const before = made.length;
        try {
          (loader as (filter: unknown) => unknown)(filter);
          made.slice(before).forEach((options) => options.query());
          break;
        } catch {
          made.length = before;
        }
      }
    }
  } finally {
    childPageLoaders.created = undefined;
  }
  return made;
}

for (const [name, createLoaders] of SUBGRAPHS) {
  describe(`${name}: child connections page through an index`, () => {
    let subgraph: SubgraphForTest;
    beforeAll(async () => {
      subgraph = await startSubgraphForTest(name, { seed: true });
    });
    afterAll(async () => {
      await subgraph?.stop();
    });

    it('each caller’s page statement scans its children by an index under each parent’s LIMIT', async () => {
      const scope = scopeOf(bureau);
      const connections = childConnectionsOf(() => createLoaders(subgraph.dataSource, bureau, scope) as Record<string, unknown>);
      expect(connections.length).toBeGreaterThan(0);
      const unindexed: string[] = [];
      const countedPerChild: string[] = [];
      for (const options of connections) {
        // A parent column of a joined table (`link.system_id`) is looked up by that table's index.
        const [alias, column] = options.parentColumn.includes('.')
          ? options.parentColumn.split('.')
          : [options.alias, options.parentColumn];
        const metadata = options.query().expressionMap.findAliasByName(alias!).metadata;
        const table = metadata.tableName;
        const parents = (
          await subgraph.dataSource.query<Array<{ parent: string }>>(
            `SELECT DISTINCT ${column}::text AS parent FROM ${metadata.tablePath} WHERE ${column} IS NOT NULL LIMIT 5`,
          )
        ).map((row) => row.parent);
        const loader: DataLoader<ReturnType<typeof childPage>, unknown, string> = childConnectionLoader(options as never);
        const statements = await capturedStatements(subgraph.dataSource, () =>
          Promise.all([...parents, randomUUID()].map((parent) => loader.load(childPage(parent, { first: 2 })))),
        );
        const plan = await planOf(subgraph.dataSource, statements[0]!);
        const scans = limitedScans(plan, table);
        const label = `${table}.${options.parentColumn} by ${options.sortExpression}`;
        if (scans.length === 0 || scans.some((scan) => !scan.index)) unindexed.push(`${label}: ${JSON.stringify(scans)}`);
        // Each parent's children are counted once, not once per child on its page.
        const counts = aggregateLoops(plan);
        if (counts > parents.length + 1) countedPerChild.push(`${label}: ${counts} counts for ${parents.length + 1} parents`);
      }
      expect(unindexed).toEqual([]);
      expect(countedPerChild).toEqual([]);
    });
  });
}
