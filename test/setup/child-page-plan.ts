// The plan of a child page statement as it ran (issue 14): the statement and parameters a loader
// sent, captured from the data source's logger, then EXPLAIN ANALYZE'd with sequential scans off —
// so a test can show that each parent's page walks an index for at most `first + 1` rows instead
// of ranking every child of the batch.
import type { DataSource } from 'typeorm';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** The statements `run` sent through `dataSource`, with their parameters. */
export async function capturedStatements(
  dataSource: DataSource,
  run: () => Promise<unknown>,
): Promise<Array<{ sql: string; parameters: unknown[] }>> {
  const counter = sqlCounterOf(dataSource);
  const original = counter.logQuery.bind(counter);
  const captured: Array<{ sql: string; parameters: unknown[] }> = [];
  counter.logQuery = (query, parameters, runner) => {
    captured.push({ sql: query, parameters: parameters ?? [] });
    original(query, parameters, runner);
  };
  try {
    await run();
  } finally {
    counter.logQuery = original;
  }
  return captured;
}

/** EXPLAIN (ANALYZE, FORMAT JSON) of a statement, with sequential and bitmap scans off (a small table still shows the index it would walk). */
export async function planOf(dataSource: DataSource, statement: { sql: string; parameters: unknown[] }): Promise<PlanNode> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL enable_seqscan = off');
    await manager.query('SET LOCAL enable_bitmapscan = off');
    const rows = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`,
      statement.parameters,
    );
    return rows[0]!['QUERY PLAN'][0]!.Plan;
  });
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan's node types, e.g. to show it ranks no window (`WindowAgg`). */
export function nodeTypes(plan: PlanNode): string[] {
  return nodes(plan).map((node) => node['Node Type']);
}

/**
 * The scans under each `Limit` of the plan (the LATERAL page of one parent) that read `table`: by
 * which index, and the most rows a loop returned.
 */
export function limitedScans(plan: PlanNode, table: string): Array<{ type: string; index: string | null; rowsPerLoop: number }> {
  return nodes(plan)
    .filter((node) => node['Node Type'] === 'Limit')
    .flatMap((limit) => nodes(limit).slice(1))
    .filter((node) => node['Relation Name'] === table)
    .map((node) => ({
      type: node['Node Type'],
      // A bitmap heap scan names its index on the bitmap index scan under it.
      index: node['Index Name'] ?? nodes(node).find((child) => child['Index Name'])?.['Index Name'] ?? null,
      rowsPerLoop: node['Actual Rows'] ?? 0,
    }));
}

/** How many times the plan's `Aggregate` nodes ran, summed: a page's counts, once per parent. */
export function aggregateLoops(plan: PlanNode): number {
  return nodes(plan)
    .filter((node) => node['Node Type'] === 'Aggregate')
    .reduce((sum, node) => sum + (node['Actual Loops'] ?? 0), 0);
}
