// The providers subgraph as its own process (subgraphs/providers/index.ts, as `npm start` runs it):
// a procurement's CAP_LOWERS effect enqueued while that process is stopped is applied once it is
// started again, and SIGTERM stops it cleanly, worker included.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../seed/world';
import { fenToYuan, yuanToFen } from '../../subgraphs/kit/money';
import { Role, type Principal } from '../../subgraphs/kit/principal';
import { enqueueCapLowerings } from '../../subgraphs/contracts/cap-lowerings';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { postGraphQL, TEST_INTERNAL_SECRET } from '../setup/subgraph';
import { causeDataSource, waitFor } from '../integration/effects/helpers';
import { freePort } from '../setup/free-port';

const world = buildWorld();
const bureau: Principal = { subject: 'e2e-bureau', role: Role.BUREAU };
const entry = world.basicCatalog[5]!;
const concluded = fenToYuan(yuanToFen(entry.priceCapYuan)! - 1200);

let db: TestDatabase;
let cause: DataSource;
let port: number;
let providers: ChildProcess | undefined;
const output: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase({ from: 'seeded' });
  cause = await causeDataSource(db.url);
  port = await freePort();
});
afterAll(async () => {
  if (providers && providers.exitCode === null) providers.kill('SIGKILL');
  await cause?.destroy();
  await db?.drop();
});

async function startProviders(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/providers/index.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      // The process migrates the job queue as the owner and serves as the service role.
      MIGRATION_DATABASE_URL: db.migrationUrl,
      PROVIDERS_PORT: String(port),
      HOST: '127.0.0.1',
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
    },
    // The channel stops it if this test's process dies first (kit/supervised.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  providers = child;
  await waitFor(
    `providers on port ${port} (output: ${output.join('')})`,
    async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true,
    60_000,
  );
}

async function stopProviders(): Promise<number | null> {
  const child = providers!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function capNow(): Promise<{
  priceCapYuan: string;
  capHistory: { edges: Array<{ node: { source: string; sourceReference: string | null } }> };
}> {
  const result = await postGraphQL<{ catalogEntry: Awaited<ReturnType<typeof capNow>> }>(
    `http://127.0.0.1:${port}/graphql`,
    bureau,
    `query($id: ID!) { catalogEntry(id: $id) { ... on BasicCatalogEntry { priceCapYuan capHistory { edges { node { source sourceReference } } } } } }`,
    { id: entry.id },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.catalogEntry;
}

describe('CAP_LOWERS across a providers restart', () => {
  it('a procurement recorded while providers is stopped lowers the cap once providers starts again', async () => {
    await startProviders();
    expect((await capNow()).priceCapYuan).toBe(entry.priceCapYuan);
    expect(await stopProviders()).toBe(0);

    await cause.transaction((manager) =>
      enqueueCapLowerings(manager, [
        { entryId: entry.id, concludedPriceYuan: concluded, procurementReference: 'E2E-RESTART', actor: { subject: 'e2e-bureau' } },
      ]),
    );

    await startProviders();
    await waitFor('the cap to come down after the restart', async () => (await capNow()).priceCapYuan === concluded);
    const history = (await capNow()).capHistory.edges.map((edge) => edge.node);
    expect(history.filter((change) => change.source === 'PROCUREMENT')).toEqual([
      { source: 'PROCUREMENT', sourceReference: 'E2E-RESTART' },
    ]);
    expect(await stopProviders()).toBe(0);
  });
});
