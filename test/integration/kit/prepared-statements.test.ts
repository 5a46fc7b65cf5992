// A statement marked with prepared() (kit/prepared-statements.ts) is prepared once per connection
// and run by name afterwards, with each run's own values; unmarked statements stay unnamed; and a
// connection holds at most MAX_PREPARED_PER_CONNECTION of them, running further ones unnamed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { MAX_PREPARED_PER_CONNECTION, prepared } from '../../../subgraphs/kit/prepared-statements';
import { openBareDataSource, type BareDataSource } from '../../setup/database';

let bare: BareDataSource;
let dataSource: DataSource;

beforeAll(async () => {
  bare = await openBareDataSource();
  dataSource = bare.dataSource;
});

afterAll(() => bare?.close());

async function preparedOnConnection(): Promise<string[]> {
  const rows: Array<{ statement: string }> = await dataSource.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
  return rows.map((row) => row.statement);
}

describe('prepared statements', () => {
  it('prepares a marked statement once and runs it with each run’s values; leaves unmarked ones unnamed', async () => {
    const sum = prepared('SELECT $1::int + $2::int AS n');
    expect(await dataSource.query(sum, [1, 2])).toEqual([{ n: 3 }]);
    expect(await dataSource.query(sum, [40, 2])).toEqual([{ n: 42 }]);
    expect(await dataSource.query('SELECT $1::int * 2 AS n', [21])).toEqual([{ n: 42 }]);
    const statements = await preparedOnConnection();
    expect(statements).toEqual([sum]);
  });

  it('holds at most MAX_PREPARED_PER_CONNECTION on a connection and runs the rest unnamed, still answered', async () => {
    const shapes = Array.from({ length: MAX_PREPARED_PER_CONNECTION + 5 }, (_, i) => prepared(`SELECT $1::int + ${i} AS n`));
    for (const [i, shape] of shapes.entries()) expect(await dataSource.query(shape, [1])).toEqual([{ n: 1 + i }]);
    const statements = await preparedOnConnection();
    expect(statements).toHaveLength(MAX_PREPARED_PER_CONNECTION);
    // The first test's statement is among them; the last shapes, past the cap, are not.
    expect(statements).not.toContain(shapes.at(-1));
  });
});
