// kit/subgraph-client.ts and the caps read the applications subgraph relies on, against a real
// providers subgraph: what it answers, what it refuses, and what a dead one means.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../seed/world';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { ErrorCode, GovCloudError } from '../../../subgraphs/kit/errors';
import { yuanToFen } from '../../../subgraphs/kit/money';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { createSubgraphClient, type SubgraphClient } from '../../../subgraphs/kit/subgraph-client';
import { startSubgraphForTest, TEST_INTERNAL_SECRET, type SubgraphForTest } from '../../setup/subgraph';

const world = buildWorld();
const bureau: Principal = { subject: 'test-bureau', role: Role.BUREAU };
const unitUser: Principal = {
  subject: 'test-unit',
  role: Role.USER_UNIT,
  unitId: world.units[0]!.id,
  regionCode: world.units[0]!.regionCode,
};

let providers: SubgraphForTest;
let client: SubgraphClient;

beforeAll(async () => {
  providers = await startSubgraphForTest('providers', { seed: true });
  client = createSubgraphClient({ name: 'providers', url: providers.url, internalTokenSecret: TEST_INTERNAL_SECRET });
});
afterAll(() => providers?.stop());

/** Caps of catalog entries in one `_entities` request, as a subgraph would ask another. */
async function priceCapsOf(caller: SubgraphClient, principal: Principal, ids: string[]): Promise<Map<string, number>> {
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BasicCatalogEntry { id priceCapYuan } } }`;
  const data = await caller.request<{ _entities: Array<{ id: string; priceCapYuan: string } | null> }>(principal, query, {
    r: ids.map((id) => ({ __typename: 'BasicCatalogEntry', id })),
  });
  return new Map(data._entities.flatMap((entity) => (entity ? [[entity.id, yuanToFen(entity.priceCapYuan)!] as const] : [])));
}

async function failure(promise: Promise<unknown>): Promise<GovCloudError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GovCloudError);
  return error as GovCloudError;
}

describe('subgraph client against a real subgraph', () => {
  it('reads the caps of many entries in one request and one SQL statement', async () => {
    const entries = world.basicCatalog.slice(0, 25);
    const missing = stableId('basic-catalog', 'no-such-entry');
    sqlCounterOf(providers.dataSource).reset();
    const caps = await priceCapsOf(client, unitUser, [...entries.map((entry) => entry.id), missing]);
    expect(sqlCounterOf(providers.dataSource).count).toBe(1);
    expect(caps.size).toBe(25);
    for (const entry of entries) expect(caps.get(entry.id)).toBe(yuanToFen(entry.priceCapYuan));
    expect(caps.has(missing)).toBe(false);
  });

  it("the callee sees the caller's principal: a unit may not set a cap, and hears FORBIDDEN", async () => {
    const mutation = `mutation($id: ID!) { setPriceCap(entryId: $id, capYuan: "1.00", reason: "测试") { id } }`;
    const error = await failure(client.request(unitUser, mutation, { id: world.basicCatalog[0]!.id }));
    expect(error.extensions.code).toBe(ErrorCode.FORBIDDEN);
    const allowed = await client.request<{ setPriceCap: { id: string } }>(bureau, mutation, { id: world.basicCatalog[0]!.id });
    expect(allowed.setPriceCap.id).toBe(world.basicCatalog[0]!.id);
  });

  it("the callee's rule violations arrive with rule and article", async () => {
    const entry = world.basicCatalog[1]!;
    const above = ((yuanToFen(entry.priceCapYuan)! + 100) / 100).toFixed(2);
    const error = await failure(
      client.request(
        bureau,
        `mutation($id: ID!, $p: String!) { lowerCapFromProcurement(entryId: $id, concludedPriceYuan: $p, procurementReference: "T-1") { id } }`,
        {
          id: entry.id,
          p: above,
        },
      ),
    );
    expect(error.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
  });

  it('a wrong internal secret is not a pass: SERVICE_UNAVAILABLE', async () => {
    const forged = createSubgraphClient({
      name: 'providers',
      url: providers.url,
      internalTokenSecret: `${TEST_INTERNAL_SECRET}-other`,
      log: () => undefined,
    });
    expect((await failure(priceCapsOf(forged, bureau, [world.basicCatalog[0]!.id]))).extensions.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it('a subgraph on a dead port is SERVICE_UNAVAILABLE, never an empty answer', async () => {
    const dead = createSubgraphClient({
      name: 'providers',
      url: 'http://127.0.0.1:9/graphql',
      internalTokenSecret: TEST_INTERNAL_SECRET,
      log: () => undefined,
    });
    const error = await failure(priceCapsOf(dead, bureau, [world.basicCatalog[0]!.id]));
    expect(error.extensions.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.message).toBe('服务商子图暂时不可用，请稍后重试');
  });
});
