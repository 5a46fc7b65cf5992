// leastUsedSystems from a kept per-system summary of the period (第十六条、第二十五条; issue 14): the
// list equals the aggregate over the daily roll-ups page by page in every scope, a write to the
// roll-ups drops the kept summary in its own transaction, and a page walks the usage-score index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeOf, type Principal } from '../../../subgraphs/kit/principal';
import { utilisationThresholds } from '../../../subgraphs/supervision/utilisation/utilisation.config';
import { UtilisationEvaluationService } from '../../../subgraphs/supervision/utilisation/utilisation-evaluation.service';
import { bureau, countyAuthority, providerPrincipal, world } from '../../setup/principals';
import { planOf, statementsSent } from '../../setup/statement-plans';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PERIOD = { from: '2026-10-28', to: '2026-11-26' };
const LEAST_USED = `query($from: Date, $to: Date, $first: Int, $after: String) {
  leastUsedSystems(from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { flag usageScore daysWithData system { id } cpu { average p95 peak } } } } }`;

interface Node {
  flag: string;
  usageScore: number;
  daysWithData: number;
  system: { id: string };
  cpu: { average: number; p95: number; peak: number } | null;
}
interface Answer {
  leastUsedSystems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: Node }>;
  };
}

async function walk(principal: Principal, first = 7) {
  const nodes: Node[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let page = 0; page < 200; page++) {
    const result = await subgraph.query<Answer>(principal, LEAST_USED, { ...PERIOD, first, after });
    expect(result.errors).toBeUndefined();
    const list: Answer['leastUsedSystems'] = result.data!.leastUsedSystems;
    totalCount = list.totalCount;
    nodes.push(...list.edges.map((edge) => edge.node));
    if (!list.pageInfo.hasNextPage) break;
    after = list.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

/** What the aggregate over the roll-ups gives (the list before issue 14), least used first. */
async function aggregated(principal: Principal) {
  const all = await UtilisationEvaluationService.of(subgraph.dataSource, scopeOf(principal), utilisationThresholds()).all(PERIOD);
  return all
    .filter((evaluation) => evaluation.flag !== 'EXCLUDED' && evaluation.flag !== 'NO_DATA')
    .sort((a, b) => a.usageScore! - b.usageScore! || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)))
    .map((evaluation) => ({
      flag: evaluation.flag,
      usageScore: evaluation.usageScore,
      daysWithData: evaluation.daysWithData,
      system: { id: evaluation.systemId },
      cpu: evaluation.cpu,
    }));
}

const PRINCIPALS: Array<[string, Principal]> = [
  ['the bureau', bureau],
  ['a county', countyAuthority('371602')],
  ['a provider', providerPrincipal(world.providers[0]!)],
];

describe('leastUsedSystems from the kept summary (issue 14)', () => {
  it.each(PRINCIPALS)('lists for %s exactly what the aggregate over the roll-ups lists, page by page', async (_, principal) => {
    const expected = await aggregated(principal);
    expect(expected.length).toBeGreaterThan(0);
    const { nodes, totalCount } = await walk(principal);
    expect(nodes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('a write to the daily roll-ups drops the kept summary in its transaction, so the next read shows it', async () => {
    const [first] = (await walk(bureau, 100)).nodes;
    const last = (await walk(bureau, 100)).nodes.at(-1)!;
    const kept = async () =>
      (
        (await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM supervision.utilisation_summary_period`)) as Array<{ n: number }>
      )[0]!.n;
    expect(await kept()).toBeGreaterThan(0);
    const saved: Array<Record<string, unknown>> = await subgraph.dataSource.query(
      `SELECT day, cpu_avg_percent, memory_avg_percent, network_avg_percent FROM supervision.monitoring_daily WHERE system_id = $1`,
      [last.system.id],
    );
    await subgraph.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE supervision.monitoring_daily SET cpu_avg_percent = 0, memory_avg_percent = 0, network_avg_percent = 0 WHERE system_id = $1`,
        [last.system.id],
      );
      expect(
        ((await manager.query(`SELECT count(*)::int AS n FROM supervision.utilisation_summary_period`)) as Array<{ n: number }>)[0]!.n,
      ).toBe(0);
    });
    try {
      const now = (await walk(bureau, 100)).nodes;
      expect(now[0]).toMatchObject({ system: { id: last.system.id }, usageScore: 0 });
      expect(now[1]!.system.id).toBe(first!.system.id);
      expect(now).toEqual(await aggregated(bureau));
    } finally {
      for (const row of saved) {
        await subgraph.dataSource.query(
          `UPDATE supervision.monitoring_daily SET cpu_avg_percent = $3, memory_avg_percent = $4, network_avg_percent = $5 WHERE system_id = $1 AND day = $2`,
          [last.system.id, row.day, row.cpu_avg_percent, row.memory_avg_percent, row.network_avg_percent],
        );
      }
    }
    expect((await walk(bureau, 100)).nodes.at(-1)).toEqual(last);
  });

  it('walks the usage-score index and stops at the page, city-wide and in a county', async () => {
    for (const [principal, index] of [
      [bureau, 'utilisation_summary_listed_idx'],
      [countyAuthority('371602'), 'utilisation_summary_region_code_idx'],
    ] as const) {
      await walk(principal, 100); // kept
      const captured = await statementsSent(subgraph.dataSource, async () => {
        const result = await subgraph.query(principal, LEAST_USED, { ...PERIOD, first: 5 });
        expect(result.errors).toBeUndefined();
      });
      const page = captured.filter((statement) => /\bLIMIT\b/i.test(statement.sql));
      expect(page).toHaveLength(1);
      expect(captured, 'a kept period: the page and its count').toHaveLength(2);
      const plan = await planOf(subgraph.dataSource, page[0]!);
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/\bSort\b/);
      expect(plan).not.toContain('monitoring_daily');
    }
  });
});
