import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';

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

  // InformationSystem.mlps reads plain rows with the selected columns (mlps-fields.ts); the records
  // list reads whole entities. Every field of a record must read the same either way.
  it.each([
    ['the bureau', bureau],
    ['a county', countyAuthority(BINCHENG)],
  ])('shows %s the same MLPS record under a system as in the records list', async (_, principal) => {
    const fields = `id system { id } level certificateNo filedOn lastAssessedOn assessmentScore assessmentConclusion assessorName
      region { code } businessSecurity { harmedObject harmDegree level } serviceSecurity { harmedObject harmDegree level }
      gradedBy gradedAt expertReviewedOn expertReviewOpinion filedBy filingRecordedAt version nextAssessmentDueOn assessmentOverdue`;
    const list = await subgraph.query<{ mlpsRecords: { edges: Array<{ node: { id: string; system: { id: string } } }> } }>(
      principal,
      `{ mlpsRecords(first: 100) { edges { node { ${fields} } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const records = list.data!.mlpsRecords.edges.map((edge) => edge.node);
    expect(records.length).toBeGreaterThan(0);
    const underSystems = await subgraph.query<{ _entities: Array<{ mlps: unknown }> }>(
      principal,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on InformationSystem { mlps { ${fields} } } } }`,
      { representations: records.map((record) => ({ __typename: 'InformationSystem', id: record.system.id })) },
    );
    expect(underSystems.errors).toBeUndefined();
    expect(underSystems.data!._entities.map((entity) => entity.mlps)).toEqual(records);
  });
});
