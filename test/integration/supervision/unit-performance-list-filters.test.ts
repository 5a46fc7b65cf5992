// unitPerformanceResults(filter:) (第二十六条; issue 12): region, unit and grades within the year, each
// exactly, in the ranking's order; bad input is BAD_USER_INPUT; a year's grades are served by an index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_UNIT_PERFORMANCE_YEAR } from '../../../subgraphs/supervision/unit-performance/unit-performance.seed';
import { expectIndexUsed } from '../../setup/explain';
import { BINCHENG, bureau } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Result {
  id: string;
  grade: string;
  unit: { id: string };
  region: { code: string };
}

const RESULTS = `query ($first: Int, $after: String, $filter: UnitPerformanceResultFilter) {
  unitPerformanceResults(year: ${SEEDED_UNIT_PERFORMANCE_YEAR}, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id grade unit { id } region { code } } }
  }
}`;

const results = (filter?: object) => walkList<Result>(subgraph, bureau, 'unitPerformanceResults', RESULTS, { filter });

describe('unitPerformanceResults(filter:)', () => {
  it('filters by region, unit and grades, each exactly, in ranking order', async () => {
    const { nodes: all } = await results();
    expect(all.length).toBeGreaterThan(1);
    const sample = all.find((row) => row.region.code === BINCHENG) ?? all[0]!;
    const cases: Array<[object, (row: Result) => boolean]> = [
      [{ regionCode: BINCHENG }, (row) => row.region.code === BINCHENG],
      [{ unitId: sample.unit.id }, (row) => row.unit.id === sample.unit.id],
      [{ grade: [sample.grade] }, (row) => row.grade === sample.grade],
      [{ grade: ['EXCELLENT', 'POOR'] }, (row) => ['EXCELLENT', 'POOR'].includes(row.grade)],
      [{ grade: [] }, () => true],
      [{ grade: [sample.grade], regionCode: BINCHENG }, (row) => row.grade === sample.grade && row.region.code === BINCHENG],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await results(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(nodes.map((row) => row.id)).toEqual(all.filter(keep).map((row) => row.id));
      expect(totals[0]).toBe(nodes.length);
    }
  });

  it('refuses a code where an id belongs and an unknown region', async () => {
    for (const filter of [{ unitId: 'U-371602-001' }, { regionCode: '999999' }]) {
      const result = await subgraph.query(bureau, RESULTS, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });

  it('a year by grade uses unit_performance_result_year_grade_idx', () =>
    expectIndexUsed(
      subgraph,
      `SELECT id FROM supervision.unit_performance_result WHERE year = 2025 AND grade = 'GOOD'`,
      'unit_performance_result_year_grade_idx',
    ));
});
