// A world twice the demo (`npm run seed -- --scale 2`, issue 14) through the gateway: a county's
// list holds its copied applications beside the demo's, a copied unit signs in and sees its own,
// a provider hosts the copies' systems, and a copy's system shows the days rolled up from its
// hourly samples — the API answers the copies as it answers the demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAndSeed } from '../../seed/run';
import { buildWorld, WORLD_TODAY } from '../../seed/world';
import { buildWorldCopy } from '../../seed/world/scale';
import { addDays } from '../../subgraphs/kit/dates';
import { monitorable, SAMPLE_DAYS } from '../../subgraphs/supervision/monitoring/monitoring.seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { startLocalStack, type Stack } from '../setup/local-stack';

const BINCHENG = '371602';
const demo = buildWorld();
const copy = buildWorldCopy(demo, 1);
let database: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'empty' });
  await migrateAndSeed(database.migrationUrl, { scale: 2 });
  stack = await startLocalStack(database, { seed: false });
}, 600_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

interface Count {
  totalCount: number;
}

describe('a world twice the demo, through the gateway', () => {
  it("gives a county its copied applications beside the demo's, in one list", async () => {
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: BINCHENG });
    const result = await stack.query<{ applications: Count & { edges: Array<{ node: { number: string } }> } }>(
      county,
      `{ applications(first: 50) { totalCount edges { node { number } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const inCounty = [...demo.applications, ...copy.applications].filter((application) => application.regionCode === BINCHENG);
    expect(result.data!.applications.totalCount).toBe(inCounty.length);
    expect(result.data!.applications.edges.map((edge) => edge.node.number).sort()).toEqual(inCounty.map((a) => a.code).sort());
  });

  it('lets a copied unit sign in and see its own applications only', async () => {
    const application = copy.applications.find((candidate) => candidate.regionCode === BINCHENG)!;
    const unit = copy.units.find((candidate) => candidate.id === application.unitId)!;
    const token = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const result = await stack.query<{ applications: Count & { edges: Array<{ node: { number: string; unit: { name: string } } }> } }>(
      token,
      `{ applications(first: 50) { totalCount edges { node { number unit { name } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const own = copy.applications.filter((candidate) => candidate.unitId === unit.id);
    expect(result.data!.applications.edges.map((edge) => edge.node.number).sort()).toEqual(own.map((a) => a.code).sort());
    expect(result.data!.applications.edges[0]!.node.unit.name).toBe(unit.name);
  });

  it('lists every system of both copies, and a provider hosts the copies’ systems', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    const result = await stack.query<{ systems: Count; providers: { edges: Array<{ node: { id: string; hostedSystems: Count } }> } }>(
      bureau,
      `{ systems(first: 1) { totalCount } providers(first: 10) { edges { node { id hostedSystems(first: 1) { totalCount } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.systems.totalCount).toBe(demo.systems.length + copy.systems.length);
    // Both copies' hosted systems: more than the demo has in all, never more than both copies have.
    const hosted = result.data!.providers.edges.reduce((sum, edge) => sum + edge.node.hostedSystems.totalCount, 0);
    const hostedIn = (systems: typeof demo.systems) => systems.filter((system) => system.providerId).length;
    expect(hosted).toBeGreaterThan(hostedIn(demo.systems));
    expect(hosted).toBeLessThanOrEqual(hostedIn(demo.systems) + hostedIn(copy.systems));
  });

  it("shows a copy's monitored system with every day rolled up from 24 hourly samples", async () => {
    const firstDay = addDays(WORLD_TODAY, -(SAMPLE_DAYS - 1));
    const system = monitorable(copy.systems, firstDay)[0]!;
    const monitor = await stack.token({ role: 'MONITOR' });
    const result = await stack.query<{ monitoringDailyFigures: Count & { edges: Array<{ node: { sampleCount: number } }> } }>(
      monitor,
      `query ($systemId: ID, $from: Date!, $to: Date!) {
        monitoringDailyFigures(systemId: $systemId, from: $from, to: $to, first: 100) { totalCount edges { node { sampleCount } } }
      }`,
      { systemId: system.id, from: firstDay, to: WORLD_TODAY },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.monitoringDailyFigures.totalCount).toBe(SAMPLE_DAYS);
    expect(new Set(result.data!.monitoringDailyFigures.edges.map((edge) => edge.node.sampleCount))).toEqual(new Set([24]));
  });
});
