import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  BINCHENG,
  bureau,
  countyAuthority,
  providerByCode,
  providerPrincipal,
  unitWithSystems,
  userUnit,
  world,
} from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

type Evaluation = { year: number; totalScore: number; grade: string; provider: { id: string } };

describe('PROVIDER_EVALUATION', () => {
  it('every government role sees every provider’s evaluations', async () => {
    for (const principal of [bureau, countyAuthority(BINCHENG), userUnit(unitWithSystems(BINCHENG, 1))]) {
      const result = await subgraph.query<{ providerEvaluations: { totalCount: number } }>(
        principal,
        `{ providerEvaluations { totalCount } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.providerEvaluations.totalCount).toBe(world.providerEvaluations.length);
    }
  });

  it('a provider sees only its own evaluations', async () => {
    const unicom = providerByCode('P-UNICOM');
    const result = await subgraph.query<{ providerEvaluations: { totalCount: number; edges: Array<{ node: Evaluation }> } }>(
      providerPrincipal(unicom),
      `{ providerEvaluations(first: 100) { totalCount edges { node { year totalScore grade provider { id } } } } }`,
    );
    expect(result.data!.providerEvaluations.totalCount).toBe(
      world.providerEvaluations.filter((evaluation) => evaluation.providerId === unicom.id).length,
    );
    expect(result.data!.providerEvaluations.edges.every((edge) => edge.node.provider.id === unicom.id)).toBe(true);
    const other = world.providerEvaluations.find((evaluation) => evaluation.providerId !== unicom.id)!;
    // Another provider's evaluation answers like a missing one (kit/lookup.ts).
    const hidden = await subgraph.query(providerPrincipal(unicom), `query ($id: ID!) { providerEvaluation(id: $id) { id } }`, {
      id: other.id,
    });
    expect(hidden).toEqual({ status: 200, data: { providerEvaluation: null } });
  });

  it('stores the weighted total (25/25/15/20/15) and orders rectification for a poor grade', async () => {
    const unicom = providerByCode('P-UNICOM');
    const result = await subgraph.query<{
      _entities: Array<{
        latestEvaluation: Evaluation;
        evaluations: { edges: Array<{ node: Evaluation & { rectificationDueOn: string | null } }> };
      }>;
    }>(
      bureau,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Provider { latestEvaluation { year totalScore grade } evaluations { edges { node { year totalScore grade rectificationDueOn } } } }
        }
      }`,
      { representations: [{ __typename: 'Provider', id: unicom.id }] },
    );
    expect(result.errors).toBeUndefined();
    const provider = result.data!._entities[0]!;
    expect(provider.latestEvaluation.year).toBe(2025);
    const [y2024] = provider.evaluations.edges.map((edge) => edge.node);
    // 68×25% + 62×25% + 66×15% + 70×20% + 64×15% = 66.00
    expect(y2024).toEqual({ year: 2024, totalScore: 66, grade: 'POOR', rectificationDueOn: '2025-06-30' });
  });

  it('filters by year and rejects an impossible year', async () => {
    const result = await subgraph.query<{ providerEvaluations: { edges: Array<{ node: Evaluation }> } }>(
      bureau,
      `{ providerEvaluations(year: 2025) { edges { node { year } } } }`,
    );
    expect(result.data!.providerEvaluations.edges.map((edge) => edge.node.year)).toEqual(
      world.providerEvaluations.filter((evaluation) => evaluation.year === 2025).map(() => 2025),
    );
    const bad = await subgraph.query(bureau, `{ providerEvaluations(year: 1999) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('refuses a request without the gateway’s principal header with 401', async () => {
    const result = await subgraph.query(null, `{ providerEvaluations { totalCount } }`);
    expect(result.status).toBe(401);
  });
});
