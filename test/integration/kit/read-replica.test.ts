// DATABASE_READ_URL (issue 13, Deployment): an analyst's query is answered from the read
// DataSource; anyone else's query, and any mutation (an analyst's too), from the primary. The read
// source here is a second pool on the same test database whose transactions are all read-only,
// so a write sent to it would fail rather than pass unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import type { Principal } from '../../../subgraphs/kit/principal';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { postGraphQL, TEST_INTERNAL_SECRET } from '../../setup/graphql-client';
import { bureau, cybersec } from '../../setup/principals';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';

let database: TestDatabase;
let running: RunningSubgraphs;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['security'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
    readDatabaseUrl: database.url,
  });
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

const BULLETINS = `query Bulletins { securityBulletins(first: 5) { totalCount edges { node { id number } } } }`;
const ISSUE = `mutation Issue($input: IssueSecurityBulletinInput!) { issueSecurityBulletin(input: $input) { id number } }`;

/** Statements each DataSource ran for one request. */
async function statementsOf(principal: Principal, query: string, variables?: Record<string, unknown>) {
  const primary = sqlCounterOf(running.dataSources.security!);
  const read = sqlCounterOf(running.readDataSources.security!);
  primary.reset();
  read.reset();
  const result = await postGraphQL(running.urls.security, principal, query, variables);
  expect(result.errors).toBeUndefined();
  return { primary: primary.count, read: read.count, data: result.data };
}

describe('DATABASE_READ_URL: analysts read the replica', () => {
  it("answers an analyst's query from the read DataSource, none of it from the primary", async () => {
    const { primary, read, data } = await statementsOf({ ...bureau, analyst: true }, BULLETINS);
    expect(read).toBeGreaterThan(0);
    expect(primary).toBe(0);
    expect(data).toMatchObject({ securityBulletins: { totalCount: expect.any(Number) } });
  });

  it("answers anyone else's query from the primary", async () => {
    const { primary, read } = await statementsOf(bureau, BULLETINS);
    expect(primary).toBeGreaterThan(0);
    expect(read).toBe(0);
  });

  it('opens the read source read-only, so no write can go there', async () => {
    const rows: Array<{ default_transaction_read_only: string }> = await running.readDataSources.security!.query(
      'SHOW default_transaction_read_only',
    );
    expect(rows[0]!.default_transaction_read_only).toBe('on');
  });

  it("runs an analyst's mutation on the primary (the read source refuses writes)", async () => {
    const input = { title: '只读副本测试通报', content: '请知悉。', severity: 'LOW' };
    const { primary, read, data } = await statementsOf({ ...cybersec, analyst: true }, ISSUE, { input });
    expect(primary).toBeGreaterThan(0);
    expect(read).toBe(0);
    expect(data).toMatchObject({ issueSecurityBulletin: { number: expect.any(String) } });
  });
});
