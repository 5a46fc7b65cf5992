// Whether PostgreSQL's plan for a statement uses an index (sequential scans off, so a small test table
// still shows the index a filter would use at scale).
import { expect } from 'vitest';
import type { SubgraphForTest } from './subgraph';

/** Expects the plan of `sql` in `subgraph` to name `index`. */
export async function expectIndexUsed(subgraph: SubgraphForTest, sql: string, index: string): Promise<void> {
  const plan = await subgraph.dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL enable_seqscan = off');
    return (await manager.query(`EXPLAIN ${sql}`)) as Array<{ 'QUERY PLAN': string }>;
  });
  expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
}
