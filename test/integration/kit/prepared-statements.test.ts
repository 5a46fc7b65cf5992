// Every read with values (kit/prepared-statements.ts) is prepared once per connection and run by name
// afterwards, with each run's own values; reads without values and writes stay unnamed; a connection
// holds at most MAX_PREPARED_PER_CONNECTION, running further ones unnamed; and after
// CONNECTION_MAX_USES checkouts the pool opens a fresh connection, which prepares anew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { CONNECTION_MAX_USES, MAX_PREPARED_PER_CONNECTION } from '../../../subgraphs/kit/prepared-statements';
import { openBareDataSource, type BareDataSource } from '../../setup/database';

let bare: BareDataSource;
let dataSource: DataSource;

beforeAll(async () => {
  // A pool of one connection: each statement below runs on the connection the next one inspects.
  bare = await openBareDataSource();
  dataSource = bare.dataSource;
});

afterAll(() => bare?.close());

async function preparedOnConnection(): Promise<string[]> {
  const rows: Array<{ statement: string }> = await dataSource.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
  return rows.map((row) => row.statement);
}

async function backendPid(): Promise<number> {
  const [row]: Array<{ pid: number }> = await dataSource.query('SELECT pg_backend_pid() AS pid');
  return row!.pid;
}

describe('prepared statements', () => {
  it('prepares a read with values once and runs it with each run’s values; reads without values and writes stay unnamed', async () => {
    const sum = 'SELECT $1::int + $2::int AS n';
    const withClause = 'WITH doubled AS (SELECT $1::int * 2 AS n) SELECT n FROM doubled';
    expect(await dataSource.query(sum, [1, 2])).toEqual([{ n: 3 }]);
    expect(await dataSource.query(sum, [40, 2])).toEqual([{ n: 42 }]);
    expect(await dataSource.query(withClause, [21])).toEqual([{ n: 42 }]);
    expect(await dataSource.query('SELECT 40 + 2 AS n')).toEqual([{ n: 42 }]);
    await dataSource.query('CREATE TEMPORARY TABLE written (n int)');
    await dataSource.query('INSERT INTO written (n) VALUES ($1)', [7]);
    expect(await dataSource.query('SELECT n FROM written WHERE n = $1', [7])).toEqual([{ n: 7 }]);
    expect(await preparedOnConnection()).toEqual([sum, withClause, 'SELECT n FROM written WHERE n = $1']);
  });

  it('holds at most MAX_PREPARED_PER_CONNECTION on a connection and runs the rest unnamed, still answered', async () => {
    const shapes = Array.from({ length: MAX_PREPARED_PER_CONNECTION + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);
    for (const [i, shape] of shapes.entries()) expect(await dataSource.query(shape, [1])).toEqual([{ n: 1 + i }]);
    const statements = await preparedOnConnection();
    expect(statements).toHaveLength(MAX_PREPARED_PER_CONNECTION);
    // The first test's statement is among them; the last shapes, past the cap, are not.
    expect(statements).toContain('SELECT $1::int + $2::int AS n');
    expect(statements).not.toContain(shapes.at(-1));
  });

  it('replaces a connection after CONNECTION_MAX_USES checkouts, and the new one prepares what runs now', async () => {
    const before = await backendPid();
    for (let i = 0; i < CONNECTION_MAX_USES; i++) await dataSource.query('SELECT 1');
    expect(await backendPid()).not.toBe(before);
    const now = 'SELECT $1::int - 1 AS n';
    expect(await dataSource.query(now, [43])).toEqual([{ n: 42 }]);
    expect(await preparedOnConnection()).toEqual([now]);
  }, 60_000);
});
