import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem { id mlps { level certificateNo region { code } } securityAgreements { totalCount edges { node { number status } } } }
    ... on Provider { id securityProfile { platformMlpsLevel } }
  }
}`;

async function statementsFor(systems: number): Promise<{ statements: number; withMlps: number }> {
  const representations = [
    ...world.systems.slice(0, systems).map((system) => ({ __typename: 'InformationSystem', id: system.id })),
    ...world.providers.map((provider) => ({ __typename: 'Provider', id: provider.id })),
  ];
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<{ _entities: Array<{ mlps?: unknown }> }>(bureau, ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return { statements: counter.count, withMlps: result.data!._entities.filter((entity) => entity.mlps).length };
}

describe('security batching', () => {
  it('resolves 100 InformationSystem references with the same statements as 10: one per loader', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    const recorded = new Set(world.mlpsRecords.map((record) => record.systemId));
    expect(hundred.withMlps).toBe(world.systems.slice(0, 100).filter((system) => recorded.has(system.id)).length);
    // MLPS records, agreements, provider profiles.
    expect(ten.statements).toBe(3);
    expect(hundred.statements).toBe(3);
  });
});
