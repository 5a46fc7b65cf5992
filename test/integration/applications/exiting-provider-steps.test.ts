// DESIGNATED_PROVIDER after acceptance (第九条、第十一条) in the applications subgraph: an exit heard of
// refuses the steps that build on its provider where it reaches — a county exit in that county only,
// a city-wide exit everywhere — from this subgraph's own record of exits (no call to providers).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_EXIT_MIGRATIONS_TASK } from '../../../subgraphs/contracts/exit-migrations';
import { JOBS_SCHEMA } from '../../../subgraphs/kit/jobs';
import { providerByCode, providerPrincipal, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { jobsOf, waitFor } from '../effects/helpers';

let subgraph: SubgraphForTest;
const INSPUR = providerByCode('P-INSPUR');

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true, effectWorkers: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

async function hearExit(regionCode?: string): Promise<void> {
  const payload = { exitId: randomUUID(), providerId: INSPUR.id, transitionEndsOn: '2027-03-01', ...(regionCode ? { regionCode } : {}) };
  await subgraph.dataSource.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json)`, [
    OPEN_EXIT_MIGRATIONS_TASK,
    JSON.stringify(payload),
  ]);
  await waitFor('the exit to be heard of', async () => (await jobsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK)).length === 0);
}

async function stateOf(code: string): Promise<{ id: string; status: string; version: number }> {
  const id = world.applications.find((application) => application.code === code)!.id;
  const [row] = await subgraph.dataSource.query(`SELECT id, status, version FROM "applications"."application" WHERE id = $1`, [id]);
  return row;
}

const DELIVER = `mutation($id: ID!, $version: Int!) { deliverTestEnvironment(id: $id, version: $version) { status } }`;
const REQUEST_GO_LIVE = `mutation($id: ID!, $version: Int!) { requestGoLive(id: $id, version: $version) { status } }`;

async function deliverTest(code: string) {
  const { id, version } = await stateOf(code);
  return subgraph.query<{ deliverTestEnvironment: { status: string } }>(providerPrincipal(INSPUR), DELIVER, { id, version });
}

describe('DESIGNATED_PROVIDER: the reach of an exit heard of', () => {
  it('a county exit refuses test delivery in that county only, and keeps its county', async () => {
    // Seeded on 浪潮云, all PROCURED: A-2026-0022 in 滨城区 (371602), -0024 in 371625, -0021 the city's.
    await hearExit('371602');
    const [notice] = await subgraph.dataSource.query(`SELECT region_code FROM "applications"."exit_notice" WHERE provider_id = $1`, [
      INSPUR.id,
    ]);
    expect(notice).toEqual({ region_code: '371602' });

    const before = await stateOf('A-2026-0022');
    const refused = await deliverTest('A-2026-0022');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DESIGNATED_PROVIDER', regionCode: '371602' });
    expect(refused.errors![0]!.message).toContain('已在县级（滨城区，371602）开始退出');
    expect(await stateOf('A-2026-0022')).toEqual(before);

    for (const elsewhere of ['A-2026-0024', 'A-2026-0021']) {
      const delivered = await deliverTest(elsewhere);
      expect(delivered.errors, JSON.stringify(delivered.errors)).toBeUndefined();
      expect(delivered.data!.deliverTestEnvironment.status).toBe('TESTING');
    }
  });

  it('a city-wide exit reaches the city and every county', async () => {
    await hearExit();
    for (const code of ['A-2026-0021', 'A-2026-0024']) {
      const application = world.applications.find((candidate) => candidate.code === code)!;
      const owner = world.units.find((unit) => unit.id === application.unitId)!;
      const { id, version } = await stateOf(code);
      const refused = await subgraph.query(userUnit(owner), REQUEST_GO_LIVE, { id, version });
      expect(refused.errors?.[0]?.extensions, code).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DESIGNATED_PROVIDER' });
      expect(await stateOf(code)).toMatchObject({ status: 'TESTING', version });
    }
  });
});
