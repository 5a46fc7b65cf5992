// The statements a request sends and their plans (issue 14's index tests): what a subgraph's data
// source sent while `run` ran, with parameters, and a statement's plan with sequential scans off.
import type { DataSource } from 'typeorm';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { SqlStatementCounter } from '../../subgraphs/kit/sql-counter';

export interface SentStatement {
  sql: string;
  parameters: unknown[];
}

export async function statementsSent(dataSource: DataSource, run: () => Promise<unknown>): Promise<SentStatement[]> {
  const counter = sqlCounterOf(dataSource);
  const captured: SentStatement[] = [];
  counter.logQuery = (sql: string, parameters?: unknown[]) => {
    captured.push({ sql, parameters: parameters ?? [] });
    SqlStatementCounter.prototype.logQuery.call(counter, sql, parameters);
  };
  try {
    await run();
  } finally {
    counter.logQuery = SqlStatementCounter.prototype.logQuery;
  }
  return captured;
}

/** EXPLAIN of the statement as sent, with enable_seqscan off: the index the planner can use, whatever the rows. */
export function planOf(dataSource: DataSource, statement: SentStatement): Promise<string> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL enable_seqscan = off');
    const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(`EXPLAIN ${statement.sql}`, statement.parameters);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
