// A provider's hosted systems and a unit's systems page in code order under each parent (issue 14,
// migration 1796301500002): the (parent, code) indexes exist, and a page of the first systems of each
// parent is read in an index's order, never sorted. On the demo's small tables the planner may pick
// a sequential scan, a bitmap scan and a sort, or the code index filtered by parent; the first two are
// switched off, and which index it then walks is its choice (at scale it is the (parent, code) one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { world } from '../../setup/principals';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('SET enable_seqscan = off');
  await client.query('SET enable_bitmapscan = off');
  await client.query('SET enable_sort = off');
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function planOf(parentColumn: 'provider_id' | 'unit_id', parents: string[]): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT page.id FROM unnest($1::uuid[]) AS parent(id) CROSS JOIN LATERAL (
       SELECT sys.id FROM applications.information_system sys WHERE sys.${parentColumn} = parent.id ORDER BY sys.code LIMIT 51) page`,
    [parents],
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** The index's definition, as PostgreSQL prints it. */
async function indexOn(name: string): Promise<string> {
  const { rows } = await client.query<{ indexdef: string }>(
    `SELECT indexdef FROM pg_indexes WHERE schemaname = 'applications' AND indexname = $1`,
    [name],
  );
  return rows[0]?.indexdef ?? '(no such index)';
}

describe('indexes for systems paged under their parent', () => {
  it("a provider's hosted systems in code order come from (provider_id, code), unsorted", async () => {
    const plan = await planOf(
      'provider_id',
      world.providers.map((provider) => provider.id),
    );
    expect(await indexOn('information_system_provider_code_idx')).toMatch(/\(provider_id, code\)/);
    // An index gives the order (this one, or on a table this small the code index filtered by parent).
    expect(plan).toMatch(/Index (Only )?Scan using information_system_/);
    expect(plan).not.toMatch(/Sort/);
  });

  it("a unit's systems in code order come from (unit_id, code), unsorted", async () => {
    const plan = await planOf(
      'unit_id',
      world.units.slice(0, 10).map((unit) => unit.id),
    );
    expect(await indexOn('information_system_unit_code_idx')).toMatch(/\(unit_id, code\)/);
    expect(plan).toMatch(/Index (Only )?Scan using information_system_/);
    expect(plan).not.toMatch(/Sort/);
  });
});
