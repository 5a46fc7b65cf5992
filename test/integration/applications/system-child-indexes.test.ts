// A provider's hosted systems and a unit's systems page in code order under each parent (issue 14,
// migration 1796301500002): a page of the first systems of each parent reads that parent's stretch
// of a (parent, code) index — no sort of all its systems, whatever their number. The demo's tables
// are small enough for a sequential scan, or a bitmap scan and a sort of a few rows, to win, so the
// plan is asked for with those switched off: what is left shows whether an index gives the order.
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

describe('indexes for systems paged under their parent', () => {
  it("a provider's hosted systems in code order come from (provider_id, code), unsorted", async () => {
    const plan = await planOf(
      'provider_id',
      world.providers.map((provider) => provider.id),
    );
    expect(plan).toMatch(/Index (Only )?Scan using information_system_provider_code_idx/);
    expect(plan).not.toMatch(/Sort/);
  });

  it("a unit's systems in code order come from (unit_id, code), unsorted", async () => {
    const plan = await planOf(
      'unit_id',
      world.units.slice(0, 10).map((unit) => unit.id),
    );
    expect(plan).toMatch(/Index (Only )?Scan using information_system_unit_code_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});
