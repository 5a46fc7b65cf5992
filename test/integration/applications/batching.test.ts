import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, countyAuthority, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem {
      id name region { code } hostingProvider { id }
      owner { id name systems(first: 5) { totalCount } }
      primarySystem { id }
      applications { totalCount edges { node { id status unit { id } system { id } } } }
    }
  }
}`;

/** Runs `_entities` for `count` systems and returns how many SQL statements it caused. */
async function statementsFor(count: number, principal = bureau): Promise<{ statements: number; resolved: number }> {
  const representations = world.systems.slice(0, count).map((system) => ({ __typename: 'InformationSystem', id: system.id }));
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<{ _entities: Array<{ id: string } | null> }>(principal, ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return { statements: counter.count, resolved: result.data!._entities.filter(Boolean).length };
}

describe('applications batching', () => {
  it('resolves 100 InformationSystem references with the same few statements as 10', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.resolved).toBe(10);
    expect(hundred.resolved).toBe(100);
    // systems, owners, owners' systems, applications, primary systems, applications' units: one batch each at most.
    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.statements).toBeLessThanOrEqual(6);
  });

  it('keeps the count constant when the scope hides most references', async () => {
    const county = await statementsFor(100, countyAuthority('371602'));
    expect(county.resolved).toBe(world.systems.slice(0, 100).filter((system) => system.regionCode === '371602').length);
    expect(county.statements).toBeLessThanOrEqual(6);
  });

  it('answers unknown and malformed ids with null without failing the batch', async () => {
    const result = await subgraph.query<{ _entities: Array<{ id: string } | null> }>(
      bureau,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on InformationSystem { id } ... on Unit { id } } }`,
      {
        representations: [
          { __typename: 'InformationSystem', id: randomUUID() },
          { __typename: 'InformationSystem', id: 'not-a-uuid' },
          { __typename: 'Unit', id: world.units[0]!.id },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, null, { id: world.units[0]!.id }]);
  });
});
