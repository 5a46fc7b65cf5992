// providerEvaluations(filter:) (第二十六条, PROVIDER_EVALUATION; issue 12): a year range, provider,
// statuses and grades, each exactly, within the caller's scope; bad input is BAD_USER_INPUT; status
// and grade are served by indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, providerPrincipal, world } from '../../setup/principals';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Row {
  id: string;
  year: number;
  status: string;
  grade: string | null;
  provider: { id: string };
}

const LIST = `query ($first: Int, $after: String, $filter: ProviderEvaluationFilter) {
  providerEvaluations(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id year status grade provider { id } } }
  }
}`;

const evaluations = (filter?: object, principal = bureau) => walkList<Row>(subgraph, principal, 'providerEvaluations', LIST, { filter });

describe('providerEvaluations(filter:)', () => {
  it('filters by year range, provider, statuses and grades, each exactly', async () => {
    const { nodes: all } = await evaluations();
    expect(all.length).toBeGreaterThanOrEqual(world.providerEvaluations.length);
    const sample = all.find((row) => row.grade !== null)!;
    const years = [...new Set(all.map((row) => row.year))].sort();
    const cases: Array<[object, (row: Row) => boolean]> = [
      [{ fromYear: years.at(-1) }, (row) => row.year >= years.at(-1)!],
      [{ toYear: years[0] }, (row) => row.year <= years[0]!],
      [{ fromYear: sample.year, toYear: sample.year }, (row) => row.year === sample.year],
      [{ providerId: sample.provider.id }, (row) => row.provider.id === sample.provider.id],
      [{ status: ['FINALIZED'] }, (row) => row.status === 'FINALIZED'],
      [{ status: ['OPEN'] }, (row) => row.status === 'OPEN'],
      [{ grade: ['POOR', 'SEVERE'] }, (row) => row.grade === 'POOR' || row.grade === 'SEVERE'],
      [{ grade: [sample.grade] }, (row) => row.grade === sample.grade],
      [{ grade: [] }, () => true],
      [
        { grade: [sample.grade], providerId: sample.provider.id, fromYear: sample.year },
        (row) => row.grade === sample.grade && row.provider.id === sample.provider.id && row.year >= sample.year,
      ],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await evaluations(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
      expect(nodes.map((row) => row.year)).toEqual(nodes.map((row) => row.year).sort());
    }
  });

  it('keeps a provider to its own evaluations whatever provider the filter names', async () => {
    const [mine, other] = world.providers;
    const { nodes } = await evaluations({ providerId: other!.id }, providerPrincipal(mine!));
    expect(nodes).toEqual([]);
  });

  it('refuses a year before 2019, a reversed year range and a code where an id belongs', async () => {
    for (const filter of [{ fromYear: 2018 }, { fromYear: 2026, toYear: 2025 }, { providerId: 'P-INSPUR' }]) {
      const result = await subgraph.query(bureau, LIST, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });

  it.each([
    [`status = 'OPEN'`, 'provider_evaluation_status_idx'],
    [`grade IN ('POOR', 'SEVERE')`, 'provider_evaluation_grade_idx'],
  ])('WHERE %s uses %s', async (where, index) => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(`EXPLAIN SELECT id FROM supervision.provider_evaluation WHERE ${where}`)) as Array<{
        'QUERY PLAN': string;
      }>;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
  });
});
